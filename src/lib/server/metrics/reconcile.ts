import type { Database } from '../db/database';
import { sqlText } from '../db/sql-files';
import { FilterError } from '../../filters';
import { cachedResult } from './result-cache';

export interface ReconcileQuery {
	/** A source label (zendesk, freshdesk, ...), or null for every source. */
	source: string | null;
	/** Two values agree when they differ by at most this many minutes (default 1). */
	toleranceMinutes: number;
	/** Disagreeing tickets listed per metric and flavour. */
	limit: number;
}

export interface ReconcileSummaryRow {
	source: string;
	metric: string;
	/** calendar | business | outcome (SLA within / breached). */
	flavour: string;
	tickets_compared: number;
	tickets_agreeing: number;
	agree_rate: number;
	/** deskpulse minus vendor, minutes; null for outcomes. */
	median_difference_min: number | null;
	disagreeing_schedule: number;
	disagreeing_bot_reply: number;
	disagreeing_reopen: number;
	disagreeing_other: number;
}

export interface ReconcileTicketRow {
	source: string;
	ticket_id: string;
	metric: string;
	flavour: string;
	deskpulse_minutes: number | null;
	vendor_minutes: number | null;
	difference_minutes: number | null;
	deskpulse_outcome: string | null;
	vendor_outcome: string | null;
	likely_reason: string;
}

export interface ReconcileResult {
	meta: { source: string | null; tolerance_minutes: number; limit: number };
	rows: ReconcileSummaryRow[];
	/** The disagreeing tickets, up to `limit` per metric and flavour, largest differences first. */
	disagreeing: ReconcileTicketRow[];
}

/** The columns of the disagreeing tickets' CSV (API and CLI). */
export const RECONCILE_TICKET_COLUMNS = ['source', 'ticket_id', 'metric', 'flavour', 'deskpulse_minutes', 'vendor_minutes', 'difference_minutes', 'deskpulse_outcome', 'vendor_outcome', 'likely_reason'];

/** Reads `source`, `tolerance` (minutes, default 1) and `limit` (default 20). */
export function parseReconcileQuery(search: URLSearchParams): ReconcileQuery {
	const source = search.get('source')?.trim() || null;
	const toleranceText = search.get('tolerance') ?? '1';
	const toleranceMinutes = Number(toleranceText);
	if (!Number.isFinite(toleranceMinutes) || toleranceMinutes < 0) throw new FilterError('tolerance', `tolerance must be minutes >= 0, got "${toleranceText}"`);
	const limitText = search.get('limit') ?? '20';
	const limit = Number(limitText);
	if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new FilterError('limit', `limit must be a whole number from 1 to 1000, got "${limitText}"`);
	return { source, toleranceMinutes, limit };
}

/**
 * Where deskpulse and a vendor both measured a ticket, how often they agree, by how much
 * they differ, and on which tickets they disagree and why (schedule, bot reply, reopen).
 */
export function computeReconcile(db: Database, q: ReconcileQuery): Promise<ReconcileResult> {
	return cachedResult(db, 'reconcile', q, () => computeReconcileUncached(db, q));
}

async function computeReconcileUncached(db: Database, q: ReconcileQuery): Promise<ReconcileResult> {
	const params = { source: q.source, tolerance_minutes: q.toleranceMinutes };
	const rows = await db.query<ReconcileSummaryRow & Record<string, unknown>>(sqlText('reports/reconcile_summary'), params);
	const disagreeing: ReconcileTicketRow[] = [];
	for (const r of rows) {
		if (r.tickets_agreeing === r.tickets_compared) continue;
		disagreeing.push(
			...(await db.query<ReconcileTicketRow & Record<string, unknown>>(sqlText('reports/reconcile_tickets'), {
				...params,
				source: r.source,
				metric: r.metric,
				flavour: r.flavour,
				limit: q.limit
			}))
		);
	}
	return { meta: { source: q.source, tolerance_minutes: q.toleranceMinutes, limit: q.limit }, rows, disagreeing };
}
