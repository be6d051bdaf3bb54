/** One import run as the imports page lists it (its server view builds it, its history table shows it). */
export interface ImportRunRow {
	run_id: number;
	source: string;
	adapter: string;
	entity: string | null;
	file_name: string;
	status: string;
	rows_read: number;
	rows_accepted: number;
	rows_rejected: number;
	/** Kept rows with a value moved or emptied (among rows_accepted). */
	rows_adjusted: number;
	error: string | null;
	/** ISO 8601 in UTC. */
	started_at: string;
	finished_at: string | null;
}
