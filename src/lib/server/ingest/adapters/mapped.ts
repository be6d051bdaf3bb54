import { GENERIC_ENTITIES } from '../generic-format';
import { ImportFileError } from '../errors';
import type { FileSample, PlannedFile, SourceAdapter } from './adapter';
import { readMapping, type FileMapping, type Mapping } from './mapped-mapping';
import { mappedPlan } from './mapped-plan';
import { loadMappedFile, sourceColumnsOf, valueMapsOf } from './mapped-sql';

/** Header fields listed in a "no such column" message. */
const HEADER_SHOWN = 40;

/**
 * Any other CSV export (Jira Service Management, ServiceNow, Salesforce cases, a
 * spreadsheet), read by a mapping file that names, per column of the generic format, the
 * source column, its date format and zone, value maps and how events collapse into tickets
 * (docs/mappings/README.md). Never detected: only `--source mapped --mapping FILE` picks it.
 */
export const mapped: SourceAdapter = {
	id: 'mapped',
	label: 'CSV export read by a mapping file',
	sourceLabel: 'mapped',
	detect: () => null,
	plans: (files, context) => {
		if (!context.mappingPath) {
			throw new ImportFileError(
				files[0]?.name ?? 'import',
				'--source mapped needs --mapping FILE: a JSON or YAML file naming, per column of the generic format, the column of this export (see docs/mappings/README.md)'
			);
		}
		const mapping = readMapping(context.mappingPath);
		const chosen = files
			.filter((f) => f.kind === 'csv')
			.map((f) => ({ file: f, entry: mapping.files.find((m) => m.matches(f.name)) }))
			.filter((c): c is { file: FileSample; entry: FileMapping } => c.entry !== undefined);
		if (chosen.length === 0) {
			const names = files.slice(0, 5).map((f) => f.name).join(', ');
			throw new ImportFileError(
				mapping.label,
				`no file of the import matches ${mapping.files.map((f) => `${f.at}.match "${f.pattern}"`).join(', ')} (files: ${names || 'none'})`
			);
		}
		for (const { file, entry } of chosen) checkHeader(mapping, entry, file);
		// Orgs before tickets, as the generic format imports them; then by file name.
		const order = (c: { entry: FileMapping }) => GENERIC_ENTITIES.indexOf(c.entry.spec);
		return chosen
			.sort((a, b) => order(a) - order(b) || a.file.name.localeCompare(b.file.name))
			.map(({ file, entry }): PlannedFile => ({
				path: file.path,
				plan: mappedPlan({
					adapter: 'mapped',
					spec: entry.spec,
					sql: `adapters/mapped/${entry.spec.entity}`,
					timezone: context.timezone,
					load: (conn) => loadMappedFile(conn, file.path, file.name, mapping, entry),
					vendorColumns: vendorColumnsOf(entry),
					valueMaps: valueMapsOf(entry)
				})
			}));
	}
};

/** Refuses a mapping that names a column the file does not have, naming the mapping key. */
function checkHeader(mapping: Mapping, entry: FileMapping, file: FileSample): void {
	const header = file.header.map((h) => h.replace(/^\uFEFF/, '').trim());
	const known = new Set(header.map((h) => h.toLowerCase()));
	for (const { name, at } of sourceColumnsOf(entry)) {
		if (known.has(name.toLowerCase())) continue;
		const shown = header.slice(0, HEADER_SHOWN).join(', ') + (header.length > HEADER_SHOWN ? ', ...' : '');
		throw new ImportFileError(mapping.label, `${at}: no column "${name}" in ${file.name} (its columns: ${shown})`);
	}
}

/** Canonical column -> the source column it is read from, so rejections name the user's column. */
function vendorColumnsOf(entry: FileMapping): Record<string, string> {
	const names: Record<string, string> = {};
	for (const c of [entry.key, ...entry.columns]) if (c.value.from !== null) names[c.target.name] = c.value.from.trim();
	return names;
}
