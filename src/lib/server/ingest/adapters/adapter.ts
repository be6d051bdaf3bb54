import type { FilePlan } from '../import-file';
import type { DateOrder } from '../timestamp-formats';

/**
 * A help desk's export format: how to recognise its files and how each becomes rows of the
 * canonical model. Adapters map vendor files in SQL (sql/adapters/<adapter>/<entity>.sql)
 * onto the generic format's columns, so every source shares the generic importer's checks,
 * quarantine, one-transaction-per-file upsert and run record.
 */
export interface SourceAdapter {
	/** The `--source` name: 'zendesk-csv', 'freshdesk-csv', ... */
	id: string;
	label: string;
	/** The source label its rows are keyed by unless the import names one ('zendesk'). */
	sourceLabel: string;
	/**
	 * Whether the files look like this adapter's, with a score (higher is surer) and the
	 * reason shown to the user ("header has Id, Via, Satisfaction Score"). Null: not its shape.
	 */
	detect: (files: FileSample[]) => Detection | null;
	/** The files of a path this adapter imports, in import order, each with its plan. */
	plans: (files: FileSample[], context: AdapterContext) => Promise<PlannedFile[]> | PlannedFile[];
	/**
	 * A vendor column holding local times without an offset: importing without --timezone is
	 * then an error naming it (unless the export carries its own zone).
	 */
	naiveTimestampColumn?: string;
}

export interface Detection {
	score: number;
	reason: string;
}

export interface PlannedFile {
	path: string;
	plan: FilePlan;
	/** Other files of the export this plan reads too (satisfaction ratings beside tickets). */
	alsoReads?: string[];
}

/** One file of an import path, with what detection reads of it. */
export interface FileSample {
	path: string;
	/** File name, e.g. `export_2026_11_16.csv`. */
	name: string;
	/** `spreadsheet` (.xlsx, .xls) only until the import converts its sheet to a CSV (sheets/convert.ts). */
	kind: 'csv' | 'json' | 'spreadsheet' | 'other';
	/** CSV: the header fields as written. */
	header: string[];
	/** JSON: the top-level keys (of the object, or of the first element of an array). */
	jsonKeys: string[];
	/**
	 * A sheet converted to CSV: the spreadsheet's own path (`path` is then the temporary CSV,
	 * `name` still the spreadsheet's name), which runs and messages show.
	 */
	originalPath?: string;
	/** The sheet read, for a converted spreadsheet. */
	sheet?: string;
}

export interface AdapterContext {
	/** The mapping file given with --mapping (the `mapped` adapter), if any. */
	mappingPath: string | null;
	/** IANA zone naive vendor times are read in (--timezone, or the adapter's own). */
	timezone: string;
	/**
	 * Whether dates such as 03/04/2024 are day- or month-first (--date-format), or null to
	 * settle it from each file's values (timestamp-formats.ts).
	 */
	dateFormat?: DateOrder | null;
}
