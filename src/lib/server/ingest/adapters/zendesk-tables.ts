import type { Connection } from '../../db/database';
import { engineReason, ImportFileError } from '../errors';
import { GENERIC_ENTITIES, type EntitySpec } from '../generic-format';
import type { FileSample, PlannedFile, SourceAdapter } from './adapter';
import { mappedPlan } from './mapped-plan';
import { readVendorCsv, type VendorColumn } from './vendor-csv';

/**
 * Zendesk Support tables as the Fivetran connector lands them in a warehouse, exported one
 * CSV per table (vendor-formats 1.2 and 3; the shape of fivetran/dbt_zendesk's seeds). A
 * table is found by its name, plain (`ticket.csv`) or as dbt_zendesk's seed (`ticket_data.csv`).
 * Times in these tables are UTC: naive text is read as UTC, so no --timezone is needed.
 */
const TABLES = {
	ticket: 'ticket',
	comment: 'ticket_comment',
	history: 'ticket_field_history',
	tag: 'ticket_tag',
	user: 'user',
	group: 'group',
	organization: 'organization',
	organizationTag: 'organization_tag',
	schedule: 'schedule',
	holiday: 'schedule_holiday'
} as const;

/** Other Fivetran tables detection counts as evidence (time_zone and daylight_time are not needed: zones are read as IANA rules). */
const COMPANIONS = [...Object.values(TABLES).filter((t) => t !== 'ticket'), 'time_zone', 'daylight_time', 'ticket_schedule', 'brand'];

function tableFile(files: FileSample[], table: string): FileSample | undefined {
	const wanted = new RegExp(`^${table}(_data)?\\.csv$`, 'i');
	return files.find((f) => f.kind === 'csv' && wanted.test(f.name));
}

const headerHas = (f: FileSample, names: string[]) => {
	const header = new Set(f.header.map((h) => h.trim().toLowerCase()));
	return names.every((n) => header.has(n));
};

const TICKET_SIGNATURE = ['id', 'created_at', 'status', 'via_channel', 'requester_id'];

/** A column of a companion table: its Fivetran name (a constant, never file text) and alias. */
interface TableColumn {
	alias: string;
	names: string[];
}

const SAFE = /^[a-z_][a-z0-9_]*$/;

/**
 * Reads the columns a mapping needs from a companion table into the temp table `table`, as
 * text (a file without the table gives an empty one): DuckDB reads the CSV by its header,
 * and only the Fivetran column names declared here become SQL identifiers. `where` is a
 * constant condition on the aliases. Only the declared columns are kept, so a comment
 * table's bodies never fill memory.
 */
async function readTable(conn: Connection, file: FileSample | undefined, table: string, columns: TableColumn[], where = 'true'): Promise<void> {
	for (const c of columns) if (!SAFE.test(c.alias) || !c.names.every((n) => SAFE.test(n))) throw new Error(`column "${c.alias}" is not a plain identifier`);
	if (!SAFE.test(table)) throw new Error(`"${table}" is not a plain identifier`);
	const header = new Set(file?.header.map((h) => h.replace(/^\uFEFF/, '').trim().toLowerCase()) ?? []);
	const selected = columns.map((c) => {
		const name = c.names.find((n) => header.has(n));
		return `${name ? `nullif(trim("${name}"), '')` : 'cast(null as varchar)'} as ${c.alias}`;
	});
	if (!file) {
		await conn.run(`create temp table ${table} as select ${selected.join(', ')} where false`);
		return;
	}
	try {
		await conn.run(
			`create temp table ${table} as
			 select * from (
			     select ${selected.join(', ')}
			     from read_csv($path, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"',
			                   null_padding = true, strict_mode = false)
			 ) where ${where}`,
			{ path: file.path }
		);
	} catch (e) {
		throw new ImportFileError(file.name, `cannot be read as CSV: ${engineReason(e)}`);
	}
}

const TICKET_COLUMNS: VendorColumn[] = [
	{ names: ['id'], alias: 'zd_id', required: true },
	{ names: ['created_at'], alias: 'created_at', required: true },
	{ names: ['status'], alias: 'status', required: true },
	{ names: ['priority'], alias: 'priority' },
	{ names: ['type'], alias: 'ticket_type' },
	{ names: ['subject'], alias: 'subject' },
	{ names: ['via_channel'], alias: 'via_channel' },
	{ names: ['via_source_rel'], alias: 'via_source_rel' },
	{ names: ['requester_id'], alias: 'requester_id' },
	{ names: ['assignee_id'], alias: 'assignee_id' },
	{ names: ['organization_id'], alias: 'organization_id' },
	{ names: ['group_id'], alias: 'group_id' },
	{ names: ['satisfaction_rating_score', 'satisfaction_score'], alias: 'satisfaction_score' },
	{ names: ['_fivetran_deleted'], alias: 'fivetran_deleted' }
];

const ORGANIZATION_COLUMNS: VendorColumn[] = [
	{ names: ['id'], alias: 'zd_id', required: true },
	{ names: ['name'], alias: 'name' },
	// Zendesk has no plan or segment: only an organization field the account added (landed
	// as a column of that name) is read as one.
	{ names: ['plan', 'custom_plan'], alias: 'plan' },
	{ names: ['segment', 'custom_segment'], alias: 'segment' },
	{ names: ['_fivetran_deleted'], alias: 'fivetran_deleted' }
];

const SCHEDULE_COLUMNS: VendorColumn[] = [
	{ names: ['id'], alias: 'schedule_id', required: true },
	{ names: ['start_time'], alias: 'start_time', required: true },
	{ names: ['end_time'], alias: 'end_time', required: true },
	{ names: ['time_zone'], alias: 'time_zone', required: true },
	{ names: ['name'], alias: 'name' },
	{ names: ['_fivetran_deleted'], alias: 'fivetran_deleted' }
];

const HOLIDAY_COLUMNS: VendorColumn[] = [
	{ names: ['schedule_id'], alias: 'schedule_id', required: true },
	{ names: ['start_date'], alias: 'start_date', required: true },
	{ names: ['end_date'], alias: 'end_date' },
	{ names: ['name'], alias: 'name' },
	{ names: ['_fivetran_deleted'], alias: 'fivetran_deleted' }
];

const spec = (entity: string): EntitySpec => GENERIC_ENTITIES.find((e) => e.entity === entity)!;

/** The ticket plan's companions: comments, status and satisfaction history, tags, users, groups. */
async function loadTicketCompanions(conn: Connection, files: FileSample[]): Promise<void> {
	await readTable(conn, tableFile(files, TABLES.comment), '_zt_comments', [
		{ alias: 'ticket_id', names: ['ticket_id'] },
		{ alias: 'comment_id', names: ['id'] },
		{ alias: 'created', names: ['created', 'created_at'] },
		{ alias: 'is_public', names: ['public'] },
		{ alias: 'user_id', names: ['user_id'] }
	]);
	await readTable(
		conn,
		tableFile(files, TABLES.history),
		'_zt_history',
		[
			{ alias: 'ticket_id', names: ['ticket_id'] },
			{ alias: 'field_name', names: ['field_name'] },
			{ alias: 'value', names: ['value'] },
			{ alias: 'updated', names: ['updated'] }
		],
		`field_name in ('status', 'satisfaction_score')`
	);
	await readTable(conn, tableFile(files, TABLES.tag), '_zt_tags', [
		{ alias: 'ticket_id', names: ['ticket_id'] },
		{ alias: 'tag', names: ['tag'] }
	]);
	await readTable(conn, tableFile(files, TABLES.user), '_zt_users', [
		{ alias: 'user_id', names: ['id'] },
		{ alias: 'role', names: ['role'] }
	]);
	await readTable(conn, tableFile(files, TABLES.group), '_zt_groups', [
		{ alias: 'group_id', names: ['id'] },
		{ alias: 'name', names: ['name'] }
	]);
}

/** Zendesk Support's warehouse tables in the Fivetran shape: orgs, schedules, holidays and tickets. */
export const zendeskTables: SourceAdapter = {
	id: 'zendesk-tables',
	label: 'Zendesk tables (Fivetran warehouse shape)',
	sourceLabel: 'zendesk',
	detect: (files) => {
		const ticket = tableFile(files, TABLES.ticket);
		if (!ticket || !headerHas(ticket, TICKET_SIGNATURE)) return null;
		const companions = COMPANIONS.map((t) => tableFile(files, t)).filter((f): f is FileSample => f !== undefined);
		return {
			score: 85 + Math.min(companions.length, 10),
			reason: `${ticket.name} has the Fivetran Zendesk ticket columns ${TICKET_SIGNATURE.slice(3).join(', ')}${
				companions.length ? `, beside ${companions.map((f) => f.name).join(', ')}` : ''
			}`
		};
	},
	plans: (files, context) => {
		const planned: PlannedFile[] = [];
		const organization = tableFile(files, TABLES.organization);
		if (organization) {
			planned.push({
				path: organization.path,
				plan: mappedPlan({
					adapter: 'zendesk-tables',
					spec: spec('orgs'),
					sql: 'adapters/zendesk_tables/orgs',
					timezone: context.timezone,
					load: async (conn) => {
						await readTable(conn, tableFile(files, TABLES.organizationTag), '_zt_org_tags', [
							{ alias: 'organization_id', names: ['organization_id'] },
							{ alias: 'tag', names: ['tag'] }
						]);
						return readVendorCsv(conn, organization.path, organization.name, ORGANIZATION_COLUMNS);
					},
					vendorColumns: { org_id: 'id', segment: 'segment' }
				})
			});
		}
		const schedule = tableFile(files, TABLES.schedule);
		if (schedule) {
			planned.push({
				path: schedule.path,
				plan: mappedPlan({
					adapter: 'zendesk-tables',
					spec: spec('schedules'),
					sql: 'adapters/zendesk_tables/schedules',
					timezone: context.timezone,
					load: (conn) => readVendorCsv(conn, schedule.path, schedule.name, SCHEDULE_COLUMNS),
					vendorColumns: { schedule_id: 'id', timezone: 'time_zone', weekday: 'start_time', open_time: 'start_time', close_time: 'end_time' },
					valueMaps: [{ field: 'time_zone', from: 'vendor_time_zone', to: 'timezone' }]
				})
			});
		}
		const holiday = tableFile(files, TABLES.holiday);
		if (holiday) {
			planned.push({
				path: holiday.path,
				plan: mappedPlan({
					adapter: 'zendesk-tables',
					spec: spec('holidays'),
					sql: 'adapters/zendesk_tables/holidays',
					timezone: context.timezone,
					load: (conn) => readVendorCsv(conn, holiday.path, holiday.name, HOLIDAY_COLUMNS),
					vendorColumns: { schedule_id: 'schedule_id', date: 'start_date' }
				})
			});
		}
		const ticket = tableFile(files, TABLES.ticket);
		if (ticket) {
			planned.push({
				path: ticket.path,
				// The tables the ticket plan reads beside ticket.csv.
				alsoReads: [TABLES.comment, TABLES.history, TABLES.tag, TABLES.user, TABLES.group, TABLES.organizationTag]
					.map((t) => tableFile(files, t)?.path)
					.filter((path): path is string => path !== undefined),
				plan: mappedPlan({
					adapter: 'zendesk-tables',
					spec: spec('tickets'),
					sql: 'adapters/zendesk_tables/tickets',
					timezone: context.timezone,
					load: async (conn) => {
						await loadTicketCompanions(conn, files);
						return readVendorCsv(conn, ticket.path, ticket.name, TICKET_COLUMNS);
					},
					vendorColumns: {
						ticket_id: 'id',
						created_at: 'created_at',
						status: 'status',
						priority: 'priority',
						first_response_at: 'ticket_comment.created',
						solved_at: 'ticket_field_history.updated (status solved)',
						final_solved_at: 'ticket_field_history.updated (status solved)',
						closed_at: 'ticket_field_history.updated (status closed)',
						csat_score: 'satisfaction_score',
						csat_at: 'ticket_field_history.updated (satisfaction_score)'
					},
					valueMaps: [
						{ field: 'via_channel', from: 'vendor_channel', to: 'channel', canonical: 'channel' },
						{ field: 'status', from: 'status', to: 'status', canonical: 'status' },
						{ field: 'priority', from: 'priority', to: 'priority', canonical: 'priority' },
						{ field: 'satisfaction_score', from: 'vendor_satisfaction', to: 'csat_score' }
					]
				})
			});
		}
		return planned;
	}
};
