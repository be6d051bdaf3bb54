import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { projectRoot } from './project-root';

/** SQL text of every file under sql/, keyed by its path without `.sql` ("metrics/ticket_volume"). */
let files: Map<string, string> | undefined;

function walk(dir: string, out: string[]): string[] {
	for (const name of readdirSync(dir).sort()) {
		const full = join(dir, name);
		if (statSync(full).isDirectory()) walk(full, out);
		else if (name.endsWith('.sql')) out.push(full);
	}
	return out;
}

/** Loads sql/ once per process; the server, the CLI and the tests all read it through here. */
export function sqlFiles(): Map<string, string> {
	if (files) return files;
	const root = join(projectRoot(), 'sql');
	files = new Map();
	for (const path of walk(root, [])) {
		const key = relative(root, path).split(sep).join('/').replace(/\.sql$/, '');
		files.set(key, readFileSync(path, 'utf8'));
	}
	return files;
}

/** The text of one SQL file, e.g. `sqlText('metrics/ticket_volume')`; throws for a missing file. */
export function sqlText(key: string): string {
	const text = sqlFiles().get(key);
	if (text === undefined) throw new Error(`no SQL file sql/${key}.sql`);
	return text;
}

/** Keys of the SQL files in one folder of sql/, in name order. */
export function sqlKeysIn(folder: string): string[] {
	return [...sqlFiles().keys()].filter((k) => k.startsWith(folder + '/')).sort();
}
