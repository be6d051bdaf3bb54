/** The SLA targets by plan and priority, and the SLA policies file that declares them. */
import type { Plan } from '../catalog';
import { CsvFile, HEADERS } from './csv';
import type { ScheduleId } from './support-hours';
import type { Priority } from './ticket-traits';

/** Targets from metrics.md: plan FRT, critical (P0/P1) response, resolution, in minutes. */
export const SLA_TARGETS: Record<Plan, { frt: number; critical: number | null; resolution: number | null; schedule: ScheduleId }> = {
	free: { frt: 2880, critical: null, resolution: null, schedule: 'business' },
	standard: { frt: 480, critical: 240, resolution: 2880, schedule: 'business' },
	premium: { frt: 240, critical: 60, resolution: 1440, schedule: 'extended' },
	enterprise: { frt: 60, critical: 15, resolution: 480, schedule: '24x7' }
};

/** The first-reply target of a plan's ticket, in minutes: critical for P0/P1 when the plan has one. */
export function frtTargetMin(plan: Plan, priority: Priority): number {
	const critical = SLA_TARGETS[plan].critical;
	return critical !== null && (priority === 'P0' || priority === 'P1') ? critical : SLA_TARGETS[plan].frt;
}

/** Writes sla_policies.csv: a row per plan, and one per plan and critical priority. */
export async function writeSlaPolicies(path: string): Promise<void> {
	const file = new CsvFile(path, HEADERS.sla_policies);
	const plans = Object.keys(SLA_TARGETS) as Plan[];
	for (const plan of plans) {
		const t = SLA_TARGETS[plan];
		file.add([plan, '', String(t.frt), t.resolution === null ? '' : String(t.resolution), t.schedule].join(','));
	}
	for (const plan of plans) {
		const t = SLA_TARGETS[plan];
		if (t.critical === null) continue;
		for (const priority of ['P0', 'P1']) file.add([plan, priority, String(t.critical), '', t.schedule].join(','));
	}
	await file.close();
}
