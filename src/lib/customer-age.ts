/**
 * The customer-age report's default span, shared by the cohorts page and GET
 * /api/v1/customer-age so that a link without from_month or max_age opens the page's table.
 */

/** How many signup months (and months of age) the customer-age table shows. */
export const CUSTOMER_AGE_MONTHS = 12;
