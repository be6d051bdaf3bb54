/**
 * A week of a ticket forecast's series (src/lib/server/metrics/forecast.ts): an actual week
 * or a forecast one. Shared by the API's answer and the staffing page's charts.
 */
export interface ForecastRow {
	series: string | null;
	is_total: boolean;
	kind: 'actual' | 'forecast';
	week: string;
	week_start: string;
	/** Tickets created that week (actual rows). */
	tickets: number | null;
	forecast: number | null;
	lo_80: number | null;
	hi_80: number | null;
	lo_95: number | null;
	hi_95: number | null;
	/** Weeks ahead of the last complete week (forecast rows). */
	horizon: number | null;
	/** 1 for an ordinary week, less where imported holidays close part of it. */
	calendar_index: number;
	/** 1 without yearly seasonality; else the ISO week's seasonal index (mean 1 over the year). */
	seasonal_index: number;
	/**
	 * Forecast rows of a channel split: the FTE the week's forecast needs (docs/forecasting.md);
	 * the total's is the channels' sum. Null where a channel has no handle time, or the series
	 * are not channels.
	 */
	agents_needed: number | null;
}
