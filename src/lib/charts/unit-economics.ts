import type { EChartsCoreOption } from 'echarts/core';
import type { KpiTableRow } from '../kpi-table';
import { axisStyle, chartFrame } from './axes';
import { markIncompletePeriods } from './partial';

/** One period of the unit-economics chart and table. */
export interface UnitPoint {
	[key: string]: string | number | null;
	period: string;
	period_start: string;
	support_cost: number | null;
	tickets_solved: number | null;
	active_customers: number | null;
	cost_per_ticket: number | null;
	cost_per_customer: number | null;
	self_service_savings: number | null;
	/** The savings' assumed share of deflected sessions that would have become tickets. */
	avoided_ticket_rate: number | null;
	/** The savings' cost per ticket over the trailing 12 weeks. */
	trailing_cost_per_ticket: number | null;
}

/** Theme colours of the chart, read from CSS so it follows light and dark mode. */
export interface UnitChartColors {
	text: string;
	muted: string;
	grid: string;
	cost: string;
	tickets: string;
	customers: string;
}

/**
 * Picks the unit-economics columns out of KPI table rows (nulls where a metric is missing),
 * with the assumption behind each period's savings from its cell: the avoided-ticket rate
 * and the trailing cost per ticket (docs/metrics.md).
 */
export function unitPoints(rows: KpiTableRow[]): UnitPoint[] {
	const num = (v: unknown) => (typeof v === 'number' ? v : null);
	return rows.map((r) => ({
		avoided_ticket_rate: num(r.cells.self_service_savings?.basis?.avoided_ticket_rate),
		trailing_cost_per_ticket: num(r.cells.self_service_savings?.basis?.trailing_cost_per_ticket),
		period: String(r.period),
		period_start: String(r.period_start),
		support_cost: num(r.support_cost),
		tickets_solved: num(r.tickets_solved),
		active_customers: num(r.active_customers),
		cost_per_ticket: num(r.cost_per_ticket),
		cost_per_customer: num(r.cost_per_customer),
		self_service_savings: num(r.self_service_savings)
	}));
}

/**
 * Support cost (bars, money axis on the left) against tickets solved and active customers
 * (lines, count axis on the right) per period. Pure, so the chart and its table agree.
 * `incomplete` (parallel to `points`) flags periods drawn as not whole (charts/partial.ts).
 */
export function unitEconomicsOption(points: UnitPoint[], colors: UnitChartColors, incomplete: boolean[] = [], currency: string | null = null): EChartsCoreOption {
	// The axis names the costs' currency; costs that name none are "in the imported currency".
	const unit = currency ?? 'imported currency';
	return markIncompletePeriods({
		...chartFrame(colors, [colors.cost, colors.tickets, colors.customers]),
		grid: { left: 72, right: 64, top: 48, bottom: 48 },
		xAxis: {
			type: 'category',
			data: points.map((p) => p.period),
			...axisStyle(colors),
			splitLine: { show: false }
		},
		yAxis: [
			{
				type: 'value',
				name: `support cost, ${unit}`,
				...axisStyle(colors)
			},
			{
				type: 'value',
				name: 'tickets / customers',
				...axisStyle(colors),
				splitLine: { show: false }
			}
		],
		series: [
			{ name: `Support cost (${unit})`, type: 'bar', yAxisIndex: 0, data: points.map((p) => p.support_cost) },
			{ name: 'Tickets solved', type: 'line', yAxisIndex: 1, connectNulls: false, symbolSize: 5, data: points.map((p) => p.tickets_solved) },
			{ name: 'Active customers', type: 'line', yAxisIndex: 1, connectNulls: false, symbolSize: 5, data: points.map((p) => p.active_customers) }
		]
	}, incomplete);
}
