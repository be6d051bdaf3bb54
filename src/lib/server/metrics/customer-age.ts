import type { Database } from '../db/database';
import { sqlText } from '../db/sql-files';
import { FilterError, type KpiQuery } from '../../filters';
import { CUSTOMER_AGE_MONTHS } from '../../customer-age';
import { signupMonthsFrom } from '../../periods';
import { metricParams } from './kpis';
import { cachedResult } from './result-cache';

export interface CustomerAgeRow {
	/** The orgs' signup month, 'YYYY-MM' (local to the query's zone). */
	signup_month: string;
	/** Calendar months from the signup month to the tickets' creation month. */
	age_months: number;
	/** Orgs that signed up in the month (the sample behind the cell). */
	orgs: number;
	tickets: number;
	tickets_per_org: number;
}

export interface CustomerAgeQuery extends KpiQuery {
	/** First signup month shown, 'YYYY-MM-01'. */
	fromMonth: string;
	/** Oldest age in months shown. */
	maxAge: number;
}

/**
 * Tickets per customer by customer age: orgs grouped by signup month, inbound tickets per org
 * in each month of age they have reached by as_of. Bound parameters only.
 */
export function computeCustomerAge(db: Database, q: CustomerAgeQuery): Promise<CustomerAgeRow[]> {
	return cachedResult(db, 'customer-age', q, () => computeCustomerAgeUncached(db, q));
}

async function computeCustomerAgeUncached(db: Database, q: CustomerAgeQuery): Promise<CustomerAgeRow[]> {
	const params = { ...metricParams({ ...q, by: [] }, q.hours ?? 'calendar'), from_month: q.fromMonth, max_age: q.maxAge };
	const rows = await db.query(sqlText('reports/tickets_by_customer_age'), params);
	return rows.map((r) => ({
		signup_month: String(r.signup_month),
		age_months: Number(r.age_months),
		orgs: Number(r.orgs),
		tickets: Number(r.tickets),
		tickets_per_org: Number(r.tickets_per_org)
	}));
}

/** The columns of the report, in its CSV's order. */
export const CUSTOMER_AGE_COLUMNS = ['signup_month', 'age_months', 'orgs', 'tickets', 'tickets_per_org'];

/**
 * Reads `from_month` ('YYYY-MM', default: the 12th month back from as_of, as the cohorts
 * page shows) and `max_age` (months, default 11) on top of a KPI query.
 */
export function parseCustomerAgeQuery(search: URLSearchParams, base: KpiQuery): CustomerAgeQuery {
	const month = search.get('from_month')?.trim();
	if (month && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new FilterError('from_month', `from_month must be a month such as 2026-01, got "${month}"`);
	const age = search.get('max_age')?.trim();
	const maxAge = age ? Number(age) : CUSTOMER_AGE_MONTHS - 1;
	if (!Number.isInteger(maxAge) || maxAge < 0 || maxAge > 120) throw new FilterError('max_age', `max_age must be a whole number of months from 0 to 120, got "${age}"`);
	return { ...base, fromMonth: month ? `${month}-01` : signupMonthsFrom(base.asOf, base.tz, CUSTOMER_AGE_MONTHS), maxAge };
}
