import { ImportFileError } from '../errors';
import type { Detection, FileSample, SourceAdapter } from './adapter';
import { freshdeskApi } from './freshdesk-api';
import { freshdeskCsv } from './freshdesk-csv';
import { generic } from './generic';
import { helpscout } from './helpscout';
import { intercom } from './intercom';
import { intercomTables } from './intercom-tables';
import { mapped } from './mapped';
import { zendeskCsv } from './zendesk-csv';
import { zendeskApi } from './zendesk-api';
import { zendeskTables } from './zendesk-tables';

/** Every export format deskpulse reads; `--source` takes their ids. */
export const ADAPTERS: SourceAdapter[] = [
	freshdeskApi,
	freshdeskCsv,
	generic,
	helpscout,
	intercom,
	intercomTables,
	mapped,
	zendeskCsv,
	zendeskApi,
	zendeskTables
	// further adapters are added here, one line each
];

export const SOURCE_IDS = ['auto', ...ADAPTERS.map((a) => a.id)];

export interface ChosenAdapter {
	adapter: SourceAdapter;
	/** Why this adapter: "--source zendesk-csv", or what detection saw. */
	reason: string;
}

/** The adapter named by `--source`, or for `auto` the one whose shape the files fit best. */
export function chooseAdapter(source: string, files: FileSample[], path: string): ChosenAdapter {
	if (source !== 'auto') {
		const adapter = ADAPTERS.find((a) => a.id === source);
		if (!adapter) throw new ImportFileError(path, `unknown --source "${source}" (one of ${SOURCE_IDS.join(', ')})`);
		return { adapter, reason: `--source ${source} given` };
	}
	const found = ADAPTERS.map((adapter) => ({ adapter, detection: adapter.detect(files) })).filter(
		(d): d is { adapter: SourceAdapter; detection: Detection } => d.detection !== null
	);
	found.sort((a, b) => b.detection.score - a.detection.score);
	if (found.length === 0) {
		// Names only: a file no reader recognises may be anything (a list of API keys beside the
		// export), and its first line is no business of the answer.
		const shown = files.slice(0, 5).map((f) => f.name);
		throw new ImportFileError(
			path,
			`no known export format recognised in ${shown.join('; ')}: name one with --source (${SOURCE_IDS.slice(1).join(', ')}), or describe the columns with --source mapped --mapping FILE`
		);
	}
	if (found.length > 1 && found[1].detection.score === found[0].detection.score) {
		throw new ImportFileError(path, `the files fit both ${found[0].adapter.id} and ${found[1].adapter.id}: choose with --source`);
	}
	return { adapter: found[0].adapter, reason: found[0].detection.reason };
}
