import { entityForFile, GENERIC_ENTITIES } from '../generic-format';
import { genericPlan } from '../import-file';
import type { SourceAdapter } from './adapter';

/** deskpulse's own CSV format (docs/import-format.md): a folder of tickets.csv, orgs.csv, ... */
export const generic: SourceAdapter = {
	id: 'generic',
	label: 'deskpulse generic CSV format',
	sourceLabel: 'generic',
	detect: (files) => {
		const ours = files.filter((f) => f.kind === 'csv' && entityForFile(f.name));
		const tickets = ours.find((f) => entityForFile(f.name)?.entity === 'tickets');
		const header = new Set(tickets?.header.map((h) => h.trim().toLowerCase()) ?? []);
		if (tickets && header.has('ticket_id') && header.has('created_at') && header.has('status')) {
			return { score: 100, reason: `${ours.map((f) => f.name).join(', ')}: the generic format's file names, and tickets.csv has ticket_id, created_at, status` };
		}
		// Named like the format's files but not shaped like them: still ours, so the importer
		// can say which required columns are missing.
		if (ours.length > 0) return { score: 60, reason: `${ours.map((f) => f.name).join(', ')}: file names of the generic format` };
		return null;
	},
	plans: (files, context) => {
		const ours = files.filter((f) => entityForFile(f.name));
		const order = (name: string) => GENERIC_ENTITIES.indexOf(entityForFile(name)!);
		return ours
			.sort((a, b) => order(a.name) - order(b.name) || a.name.localeCompare(b.name))
			.map((f) => ({ path: f.path, plan: genericPlan(entityForFile(f.name)!, f.path, f.name, context.dateFormat ?? null) }));
	}
};
