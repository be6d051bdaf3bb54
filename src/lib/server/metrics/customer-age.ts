import type { Database } from '../db/database';
import { sqlText } from '../db/sql-files';
import type { KpiQuery } from '../../filters';
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
