/** The costs file: what each month of support cost, from the tickets it got and their handle time. */
import { isoDateOfDay } from '../calendar';
import { CHANNELS } from '../catalog';
import { CsvFile, HEADERS } from './csv';
import { TICKETS_PER_AGENT_MONTH, type Staffing } from './staffing';

const AGENT_MONTHLY_COST = 6_500;
const TOOLS_SHARE_OF_AGENTS = 0.09;
const OUTSOURCED_AGENT_MONTHLY_COST = 4_200;
// An outsourcing partner takes overflow from 45 % into the span (a cost line that starts mid-way).
const OUTSOURCING_FROM_SHARE = 0.45;

const money = (amount: number) => amount.toFixed(2);

/** Writes costs.csv: per month the span touches, agents by channel, tools, outsourcing and other. */
export async function writeCosts(path: string, staffing: Staffing): Promise<void> {
	const file = new CsvFile(path, HEADERS.costs);
	const months = staffing.months;
	const outsourcingFrom = Math.floor(months.length * OUTSOURCING_FROM_SHARE);
	months.forEach((m, i) => {
		const start = isoDateOfDay(m.firstDay);
		const end = isoDateOfDay(m.lastDay);
		const fullMonthTickets = (m.ticketsCreated / m.spanDays) * (m.lastDay - m.firstDay + 1);
		const fte = Math.max(1, Math.round((fullMonthTickets / TICKETS_PER_AGENT_MONTH) * 10) / 10);
		const agentsTotal = fte * AGENT_MONTHLY_COST;
		// Agent cost per channel, in proportion to the handle time each channel took.
		const handleTotal = [...m.handleMinutesByChannel.values()].reduce((a, b) => a + b, 0);
		for (const channel of CHANNELS) {
			const share = handleTotal > 0 ? (m.handleMinutesByChannel.get(channel) ?? 0) / handleTotal : 1 / CHANNELS.length;
			if (share === 0) continue;
			file.add([start, end, 'agents', channel, money(agentsTotal * share), 'USD', (fte * share).toFixed(2)].join(','));
		}
		file.add([start, end, 'tools', '', money(agentsTotal * TOOLS_SHARE_OF_AGENTS), 'USD', ''].join(','));
		if (i >= outsourcingFrom) {
			const outsourcedFte = Math.max(1, Math.round(fte * 0.15 * 2) / 2);
			file.add([start, end, 'outsourcing', '', money(outsourcedFte * OUTSOURCED_AGENT_MONTHLY_COST), 'USD', String(outsourcedFte)].join(','));
		}
		file.add([start, end, 'other', '', money(1_200 + 90 * fte), 'USD', ''].join(','));
	});
	await file.close();
}
