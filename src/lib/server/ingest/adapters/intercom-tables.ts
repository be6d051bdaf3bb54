import type { Connection } from '../../db/database';
import { sqlText } from '../../db/sql-files';
import { GENERIC_ENTITIES } from '../generic-format';
import type { FileSample, SourceAdapter } from './adapter';
import { loadIntercomMacros } from './intercom';
import { mappedPlan } from './mapped-plan';
import { malformedRecords } from '../read-csv';
import { readVendorCsv, type VendorColumn } from './vendor-csv';

/** One Fivetran table the adapter reads: how its CSV is named, its columns, its landing table. */
interface Table {
	/** The table name: files are `<name>.csv`, `<name>_data.csv` (dbt seeds) or `intercom_<name>.csv`. */
	name: string;
	landing: string;
	columns: VendorColumn[];
}

const FIVETRAN_ACTIVE: VendorColumn = { names: ['_fivetran_active'], alias: 'fivetran_active' };
const FIVETRAN_START: VendorColumn = { names: ['_fivetran_start'], alias: 'fivetran_start' };

const CONVERSATIONS: Table = {
	name: 'conversation_history',
	landing: '_ict_conversations',
	columns: [
		{ names: ['id'], alias: 'id', required: true },
		{ names: ['created_at'], alias: 'created_at', required: true },
		{ names: ['updated_at'], alias: 'updated_at' },
		{ names: ['state'], alias: 'state', required: true },
		{ names: ['priority'], alias: 'priority' },
		{ names: ['title'], alias: 'title' },
		{ names: ['assignee_id'], alias: 'assignee_id' },
		{ names: ['assignee_type'], alias: 'assignee_type' },
		{ names: ['admin_assignee_id'], alias: 'admin_assignee_id' },
		{ names: ['team_assignee_id'], alias: 'team_assignee_id' },
		{ names: ['conversation_rating_value'], alias: 'conversation_rating_value' },
		{ names: ['conversation_rating_created_at'], alias: 'conversation_rating_created_at' },
		{ names: ['source_type'], alias: 'source_type' },
		{ names: ['source_delivered_as'], alias: 'source_delivered_as' },
		{ names: ['source_author_id'], alias: 'source_author_id' },
		{ names: ['source_author_type'], alias: 'source_author_type' },
		{ names: ['source_subject'], alias: 'source_subject' },
		FIVETRAN_ACTIVE,
		FIVETRAN_START
	]
};

/** Tables the conversation mapping joins when the export has them (else it reads them empty). */
const LINKED: Table[] = [
	{
		name: 'conversation_part_history',
		landing: '_ict_parts',
		columns: [
			{ names: ['id'], alias: 'id' },
			{ names: ['conversation_id'], alias: 'conversation_id', required: true },
			{ names: ['part_type'], alias: 'part_type', required: true },
			{ names: ['author_type'], alias: 'author_type' },
			{ names: ['author_id'], alias: 'author_id' },
			{ names: ['created_at'], alias: 'created_at', required: true },
			{ names: ['body'], alias: 'body' },
			{ names: ['assigned_to_type'], alias: 'assigned_to_type' },
			{ names: ['assigned_to_id'], alias: 'assigned_to_id' },
			FIVETRAN_ACTIVE,
			FIVETRAN_START
		]
	},
	{
		name: 'conversation_contact_history',
		landing: '_ict_contacts',
		columns: [
			{ names: ['conversation_id'], alias: 'conversation_id', required: true },
			{ names: ['contact_id'], alias: 'contact_id', required: true },
			FIVETRAN_ACTIVE
		]
	},
	{
		name: 'conversation_tag_history',
		landing: '_ict_tag_links',
		columns: [
			{ names: ['conversation_id'], alias: 'conversation_id', required: true },
			{ names: ['tag_id'], alias: 'tag_id', required: true },
			FIVETRAN_ACTIVE
		]
	},
	{
		name: 'tag',
		landing: '_ict_tags',
		columns: [
			{ names: ['id'], alias: 'id', required: true },
			{ names: ['name'], alias: 'name' },
			{ names: ['_fivetran_deleted'], alias: 'deleted' }
		]
	},
	{
		name: 'team',
		landing: '_ict_teams',
		columns: [
			{ names: ['id'], alias: 'id', required: true },
			{ names: ['name'], alias: 'name' }
		]
	},
	{
		name: 'contact_company_history',
		landing: '_ict_contact_companies',
		columns: [
			{ names: ['contact_id'], alias: 'contact_id', required: true },
			{ names: ['company_id'], alias: 'company_id', required: true },
			FIVETRAN_ACTIVE
		]
	}
];

const COMPANY_COLUMNS: VendorColumn[] = [
	{ names: ['id'], alias: 'id', required: true },
	{ names: ['name'], alias: 'name' },
	{ names: ['plan_name'], alias: 'plan_name' },
	{ names: ['monthly_spend'], alias: 'monthly_spend' },
	{ names: ['created_at'], alias: 'created_at' },
	{ names: ['remote_created_at'], alias: 'remote_created_at' },
	FIVETRAN_ACTIVE,
	FIVETRAN_START
];

/** Columns only Intercom's conversation_history has: two of them make the file Intercom's. */
const SIGNATURE = ['source_delivered_as', 'conversation_rating_value', 'first_contact_reply_created_at', 'source_author_type'];

function fileOf(files: FileSample[], table: string): FileSample | undefined {
	const pattern = new RegExp(`^(intercom_)?${table}(_data)?\\.csv$`, 'i');
	return files.find((f) => f.kind === 'csv' && pattern.test(f.name));
}

function signatureColumns(file: FileSample): string[] {
	const header = new Set(file.header.map((h) => h.toLowerCase()));
	return SIGNATURE.filter((s) => header.has(s));
}

/** Reads one table's CSV into its landing table (readVendorCsv fills `_vendor` and `_in`). */
async function readTable(conn: Connection, file: FileSample, table: Table): Promise<{ extraColumns: string[] }> {
	const input = await readVendorCsv(conn, file.path, file.name, table.columns);
	await conn.exec(`alter table _vendor rename to ${table.landing}; drop table _in;`);
	return { extraColumns: input.extraColumns };
}

/** An absent table as an empty one of the same shape, so the mapping SQL joins nothing. */
async function emptyTable(conn: Connection, table: Table): Promise<void> {
	const columns = table.columns.map((c) => `cast(null as varchar) as ${c.alias}`).join(', ');
	await conn.exec(
		`create temp table ${table.landing} as
		 select cast(null as bigint) as record_no, cast(null as bigint) as line_no, ${columns},
		        cast(null as json) as extra, cast(null as json) as raw_record
		 limit 0`
	);
}

async function loadMacros(conn: Connection): Promise<void> {
	await loadIntercomMacros(conn);
	await conn.exec(sqlText('adapters/intercom_tables/macros'));
}

/** Intercom's tables as Fivetran lands them (SCD history tables), exported as CSV: UTC times. */
export const intercomTables: SourceAdapter = {
	id: 'intercom-tables',
	label: "Intercom tables in Fivetran's shape (CSV)",
	sourceLabel: 'intercom',
	detect: (files) => {
		const conversations = fileOf(files, CONVERSATIONS.name);
		if (!conversations) return null;
		const found = signatureColumns(conversations);
		if (found.length < 2) return null;
		const linked = LINKED.map((t) => fileOf(files, t.name)?.name).filter((n): n is string => n !== undefined);
		return {
			score: 85 + found.length,
			reason: `${conversations.name} has Fivetran's Intercom columns ${found.join(', ')}${linked.length ? `; with ${linked.join(', ')}` : ''}`
		};
	},
	plans: (files, context) => {
		const tickets = GENERIC_ENTITIES.find((e) => e.entity === 'tickets')!;
		const orgs = GENERIC_ENTITIES.find((e) => e.entity === 'orgs')!;
		const conversations = fileOf(files, CONVERSATIONS.name);
		const companies = fileOf(files, 'company_history');
		const planned = [];
		// Orgs first, so no report sees tickets whose orgs have not landed yet.
		if (companies) {
			planned.push({
				path: companies.path,
				plan: mappedPlan({
					adapter: 'intercom-tables',
					spec: orgs,
					sql: 'adapters/intercom_tables/orgs',
					timezone: context.timezone,
					load: async (conn) => {
						await loadMacros(conn);
						const input = await readVendorCsv(conn, companies.path, companies.name, COMPANY_COLUMNS);
						const [{ n }] = await conn.query<{ n: number }>(
							`select count(distinct coalesce(id, '#' || record_no))::integer as n from _vendor where record_no > 1`
						);
						return { rowsRead: n + (await malformedRecords(conn, companies.name)), extraColumns: input.extraColumns };
					},
					vendorColumns: { org_id: 'id', name: 'name', plan: 'plan_name', arr: 'monthly_spend', signup_at: 'remote_created_at' }
				})
			});
		}
		if (conversations) {
			planned.push({
				path: conversations.path,
				alsoReads: LINKED.map((t) => fileOf(files, t.name)?.path).filter((p): p is string => p !== undefined),
				plan: mappedPlan({
					adapter: 'intercom-tables',
					spec: tickets,
					sql: 'adapters/intercom_tables/tickets',
					timezone: context.timezone,
					load: async (conn) => {
						await loadMacros(conn);
						const { extraColumns } = await readTable(conn, conversations, CONVERSATIONS);
						for (const table of LINKED) {
							const file = fileOf(files, table.name);
							if (file) await readTable(conn, file, table);
							else await emptyTable(conn, table);
						}
						const [{ n }] = await conn.query<{ n: number }>(
							`select count(distinct coalesce(id, '#' || record_no))::integer as n from _ict_conversations where record_no > 1`
						);
						return { rowsRead: n + (await malformedRecords(conn, conversations.name)), extraColumns };
					},
					vendorColumns: {
						ticket_id: 'id',
						created_at: 'created_at',
						status: 'state',
						priority: 'priority',
						first_ack_at: 'conversation_part_history.created_at',
						first_response_at: 'conversation_part_history.created_at',
						solved_at: 'conversation_part_history.created_at',
						final_solved_at: 'conversation_part_history.created_at',
						csat_score: 'conversation_rating_value',
						csat_at: 'conversation_rating_created_at'
					},
					valueMaps: [
						{ field: 'state', from: 'vendor_state', to: 'status', canonical: 'status' },
						{ field: 'source_type', from: 'vendor_source_type', to: 'channel', canonical: 'channel' },
						{ field: 'priority', from: 'vendor_priority', to: 'priority', canonical: 'priority' }
					]
				})
			});
		}
		return planned;
	}
};
