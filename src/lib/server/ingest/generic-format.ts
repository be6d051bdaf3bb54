/**
 * The generic import format (docs/import-format.md) as data: for each file, its columns,
 * their types, which are required, and the key a re-import upserts by. The importer builds
 * its parsing and validation SQL from these specs; every identifier in that SQL comes from
 * here, never from the file.
 */

export type ColumnType =
	| 'text'
	| 'timestamp'
	| 'date'
	| 'bool'
	| 'int'
	| 'double'
	| 'status'
	| 'priority'
	| 'tier'
	| 'segment'
	| 'csat'
	| 'timezone'
	| 'time_of_day'
	| 'weekday'
	| 'cost_type'
	| 'session_kind'
	| 'channel';

export interface ColumnSpec {
	/** Column name in the file (matched case-insensitively). */
	name: string;
	type: ColumnType;
	required?: boolean;
	/** Column name in the raw table, where it differs from the file's. */
	rawName?: string;
	/**
	 * A timestamp that may not be earlier than this other timestamp column of the row (one
	 * that has no such rule itself). An earlier value keeps its row: moved to the other
	 * column's instant when within the rounding tolerance, else emptied (import-rules.ts).
	 */
	notBefore?: string;
	/**
	 * A timestamp that may not be later than this other timestamp column (checked after
	 * `notBefore`): a later value is moved back to it (the first solve cannot follow the last).
	 */
	notAfter?: string;
	/** Smallest sensible number: a smaller one keeps its row and is emptied. */
	min?: number;
	/** A time of day that must be later than this other column's (a row breaking it is rejected). */
	after?: string;
	/**
	 * A vocabulary column whose unknown values never reject the row: they are mapped by the
	 * stated default rule (vocab.sql dp_default_*) and reported with their counts.
	 */
	defaultRule?: boolean;
}

export interface EntitySpec {
	/** tickets, orgs, ... (also the file name without .csv). */
	entity: string;
	table: string;
	columns: ColumnSpec[];
	/** Columns that identify a row within a source: a re-import replaces rows with the same key. */
	key: string[];
	/** Columns that must be unique within one file (defaults to `key`). */
	unique?: string[];
	/**
	 * Keys of a row's `extra` JSON that the models read: kept even when an import keeps no
	 * unread columns (without --keep-extra), since reading them makes them mapped.
	 */
	readsExtra?: string[];
}

const tickets: EntitySpec = {
	entity: 'tickets',
	table: 'raw_generic_tickets',
	key: ['ticket_id'],
	columns: [
		{ name: 'ticket_id', type: 'text', required: true },
		{ name: 'created_at', type: 'timestamp', required: true },
		{ name: 'status', type: 'status', required: true, defaultRule: true },
		{ name: 'channel', type: 'channel', defaultRule: true },
		{ name: 'priority', type: 'priority', defaultRule: true },
		{ name: 'subject', type: 'text' },
		{ name: 'category', type: 'text' },
		{ name: 'tags', type: 'text' },
		{ name: 'requester_id', type: 'text' },
		{ name: 'org_id', type: 'text' },
		{ name: 'group', type: 'text', rawName: 'group_name' },
		{ name: 'tier', type: 'tier', defaultRule: true },
		{ name: 'assignee_id', type: 'text' },
		{ name: 'outbound', type: 'bool' },
		{ name: 'first_ack_at', type: 'timestamp', notBefore: 'created_at' },
		{ name: 'first_response_at', type: 'timestamp', notBefore: 'created_at' },
		{ name: 'solved_at', type: 'timestamp', notBefore: 'created_at', notAfter: 'final_solved_at' },
		{ name: 'final_solved_at', type: 'timestamp', notBefore: 'created_at' },
		{ name: 'closed_at', type: 'timestamp', notBefore: 'created_at' },
		{ name: 'reopens', type: 'int', min: 0 },
		{ name: 'agent_replies', type: 'int', min: 0 },
		{ name: 'csat_score', type: 'csat' },
		{ name: 'csat_at', type: 'timestamp', notBefore: 'created_at' },
		{ name: 'handle_time_min', type: 'double', min: 0 }
	]
};

const orgs: EntitySpec = {
	entity: 'orgs',
	table: 'raw_generic_orgs',
	key: ['org_id'],
	// stg_generic_orgs reads an account's email domain from these.
	readsExtra: ['domain', 'email_domain', 'website'],
	columns: [
		{ name: 'org_id', type: 'text', required: true },
		{ name: 'name', type: 'text' },
		{ name: 'plan', type: 'text' },
		{ name: 'segment', type: 'segment' },
		{ name: 'arr', type: 'double', min: 0 },
		{ name: 'seats', type: 'int', min: 0 },
		{ name: 'signup_at', type: 'timestamp' },
		{ name: 'csm_id', type: 'text' },
		{ name: 'timezone', type: 'timezone' },
		{ name: 'region', type: 'text' }
	]
};

const selfService: EntitySpec = {
	entity: 'self_service',
	table: 'raw_generic_self_service',
	key: ['session_id'],
	columns: [
		{ name: 'session_id', type: 'text', required: true },
		{ name: 'started_at', type: 'timestamp', required: true },
		{ name: 'kind', type: 'session_kind', required: true },
		{ name: 'requester_id', type: 'text' },
		{ name: 'org_id', type: 'text' },
		{ name: 'handed_off', type: 'bool' },
		{ name: 'ticket_id', type: 'text' },
		{ name: 'article_id', type: 'text' },
		{ name: 'helpful', type: 'bool' }
	]
};

const kbSearches: EntitySpec = {
	entity: 'kb_searches',
	table: 'raw_generic_kb_searches',
	key: ['search_id'],
	columns: [
		{ name: 'search_id', type: 'text', required: true },
		{ name: 'searched_at', type: 'timestamp', required: true },
		{ name: 'session_id', type: 'text' },
		{ name: 'requester_id', type: 'text' },
		{ name: 'org_id', type: 'text' },
		{ name: 'query', type: 'text', required: true },
		{ name: 'results_count', type: 'int', min: 0 },
		{ name: 'clicked_article_id', type: 'text' }
	]
};

const costs: EntitySpec = {
	entity: 'costs',
	table: 'raw_generic_costs',
	key: ['period_start', 'period_end', 'cost_type', 'channel'],
	columns: [
		{ name: 'period_start', type: 'date', required: true },
		{ name: 'period_end', type: 'date', required: true },
		{ name: 'cost_type', type: 'cost_type', required: true },
		{ name: 'channel', type: 'text' },
		{ name: 'amount', type: 'double', required: true },
		{ name: 'currency', type: 'text' },
		{ name: 'agent_fte', type: 'double', min: 0 }
	]
};

const slaPolicies: EntitySpec = {
	entity: 'sla_policies',
	table: 'raw_generic_sla_policies',
	key: ['plan', 'priority'],
	columns: [
		{ name: 'plan', type: 'text', required: true },
		{ name: 'priority', type: 'priority' },
		{ name: 'frt_target_min', type: 'double', min: 0 },
		{ name: 'resolution_target_min', type: 'double', min: 0 },
		{ name: 'schedule_id', type: 'text' }
	]
};

// A schedules file restates whole schedules: its rows replace every interval of the
// schedule ids it names, so an interval dropped from the file is dropped from the database.
const schedules: EntitySpec = {
	entity: 'schedules',
	table: 'raw_generic_schedules',
	key: ['schedule_id'],
	unique: ['schedule_id', 'weekday', 'open_time'],
	columns: [
		{ name: 'schedule_id', type: 'text', required: true },
		{ name: 'timezone', type: 'timezone', required: true },
		{ name: 'weekday', type: 'weekday', required: true },
		{ name: 'open_time', type: 'time_of_day', required: true },
		// An interval closes after it opens: an overnight shift is written as two rows.
		{ name: 'close_time', type: 'time_of_day', required: true, after: 'open_time' }
	]
};

const holidays: EntitySpec = {
	entity: 'holidays',
	table: 'raw_generic_holidays',
	key: ['schedule_id', 'date'],
	columns: [
		{ name: 'schedule_id', type: 'text', required: true },
		{ name: 'date', type: 'date', required: true, rawName: 'holiday_on' },
		{ name: 'name', type: 'text' }
	]
};

/**
 * Every file of the format, in the order a folder is imported: reference data first, so a
 * report run between two files never sees tickets whose orgs have not landed yet.
 */
export const GENERIC_ENTITIES: EntitySpec[] = [
	orgs,
	slaPolicies,
	schedules,
	holidays,
	tickets,
	selfService,
	kbSearches,
	costs
];

/**
 * The spec for a file name such as `tickets.csv` or `Tickets.CSV`, if the format has one. A
 * spreadsheet (`tickets.xlsx`, `tickets.xls`) is read as a CSV of its sheet, so it counts too.
 */
export function entityForFile(fileName: string): EntitySpec | undefined {
	const base = fileName.toLowerCase().replace(/\.(csv|xlsx|xls)$/, '');
	return GENERIC_ENTITIES.find((e) => e.entity === base);
}

/** Raw-table column of a format column. */
export function rawColumn(column: ColumnSpec): string {
	return column.rawName ?? column.name;
}
