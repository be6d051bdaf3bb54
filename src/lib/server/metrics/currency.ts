import type { Database } from '../db/database';
import { sqlText } from '../db/sql-files';
import { cachedResult } from './result-cache';

/** The currency money is written in, and the currencies that made that impossible. */
export interface DisplayCurrency {
	/** ISO 4217 code ("EUR"), or null when unknown: amounts are then shown without a symbol. */
	code: string | null;
	/** More than one currency among the cost rows: amounts are summed as imported, not converted. */
	mixed: string[];
}

const CODE = /^[A-Z]{3}$/;

/**
 * The currency of the imported costs: the one the cost rows name. Costs that name none take
 * DESKPULSE_CURRENCY (a 3-letter code), else stay without a symbol; costs in several
 * currencies get no symbol and the list, so a page can say they were summed unconverted.
 * Cost per ticket, savings and ARR are all written in it.
 */
export function displayCurrency(db: Database): Promise<DisplayCurrency> {
	return cachedResult(db, 'display-currency', null, async () => {
		const rows = await db.query<{ currency: string | null; cost_rows: number }>(sqlText('reports/cost_currencies'));
		const named = rows.map((r) => r.currency).filter((c): c is string => c !== null && c !== '');
		if (named.length > 1) return { code: null, mixed: named };
		const configured = process.env.DESKPULSE_CURRENCY?.trim().toUpperCase() ?? '';
		return { code: named[0] ?? (CODE.test(configured) ? configured : null), mixed: [] };
	});
}
