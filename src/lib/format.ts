import type { MetricUnit } from './metric-catalog';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Minutes as a short duration: "45 min", "5.2 h", "3.1 d". */
export function formatMinutes(minutes: number | null | undefined): string {
	if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return '–';
	if (minutes < 60) return `${integer.format(minutes)} min`;
	if (minutes < 48 * 60) return `${oneDecimal.format(minutes / 60)} h`;
	return `${oneDecimal.format(minutes / 1440)} d`;
}

/** A metric value for display, by its unit; null shows as an en dash. */
export function formatMetric(value: number | null | undefined, unit: MetricUnit): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '–';
	switch (unit) {
		case 'minutes':
			return formatMinutes(value);
		case 'rate':
			return `${oneDecimal.format(value * 100)} %`;
		case 'money':
			return `$${integer.format(value)}`;
		case 'number':
			return oneDecimal.format(value);
		default:
			return integer.format(value);
	}
}

/** Relative change from `previous` to `current` (0.12 = +12 %), null when undefined. */
export function relativeChange(current: number | null | undefined, previous: number | null | undefined): number | null {
	if (current === null || current === undefined || previous === null || previous === undefined || previous === 0) return null;
	return (current - previous) / previous;
}

/** A signed percentage change: "+12 %", "−3 %". */
export function formatChange(change: number | null): string {
	if (change === null) return '–';
	const pct = Math.round(change * 100);
	return `${pct > 0 ? '+' : pct < 0 ? '−' : '±'}${Math.abs(pct)} %`;
}

/** A report's filters as the page's context line says them: "plan = premium or enterprise, segment = scaled", or "none". */
export function formatFilters(filters: Partial<Record<string, string[]>>): string {
	const said = Object.entries(filters)
		.filter((entry): entry is [string, string[]] => !!entry[1]?.length)
		.map(([dim, values]) => `${dim} = ${values.join(' or ')}`);
	return said.join(', ') || 'none';
}
