import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, sep } from 'node:path';

/**
 * What an API answer says instead of the server's own folders: a file inside a known folder
 * by its path relative to it (`q2/tickets.csv`), the folder itself by a name (`the import
 * root`, `the upload`). Import results, progress lines and messages carry the absolute paths
 * the importer worked on (and DuckDB's messages quote them); the caller sees these instead.
 */
export interface ShownFolder {
	/** The absolute folder, as the importer was given it (a real path). */
	path: string;
	/** What the folder itself is called in the answer. */
	as: string;
}

/** A folder shown as `as`, under its path as given and its real path (when they differ). */
export function shownFolder(path: string, as: string): ShownFolder[] {
	let real = path;
	try {
		real = realpathSync(path);
	} catch {
		// Gone already (an upload removed after its import): the path as given is all there is.
	}
	return [...new Set([path, real])].map((p) => ({ path: p, as }));
}

/** The temporary folder (spreadsheets converted to CSV, split records live there while an import runs). */
export function tempFolders(): ShownFolder[] {
	return shownFolder(tmpdir(), 'a temporary folder');
}

/** `text` with each folder's absolute path replaced by how the caller may see it. */
export function showPaths(text: string, folders: ShownFolder[]): string {
	// The longest first, so a folder inside another is shown relative to itself. "/" (a root
	// set to the whole disk) would rewrite every slash and is left alone.
	const ordered = folders.filter((f) => f.path.length > 1).sort((a, b) => b.path.length - a.path.length);
	let shown = text;
	for (const { path, as } of ordered) {
		// The folder followed by a separator (a path inside it), or standing alone (followed by
		// the end, a space or punctuation): `/tmp` in `/tmpfoo` is another folder's name.
		const at = new RegExp(`${escaped(path)}(?:(${escaped(sep)})|(?![^\\s"'\`,;:)\\]]))`, 'g');
		shown = shown.replace(at, (_, inside: string | undefined) => (inside ? '' : as));
	}
	return shown;
}

function escaped(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** showPaths over every string of a JSON-shaped value (an import result, a progress line). */
export function showPathsIn<T>(value: T, folders: ShownFolder[]): T {
	const walk = (v: unknown): unknown => {
		if (typeof v === 'string') return showPaths(v, folders);
		if (Array.isArray(v)) return v.map(walk);
		if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
			return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
		}
		return v;
	};
	return walk(value) as T;
}

/**
 * An import run as the API lists it: its file path relative to a known folder (the import
 * root, the uploads), else its file name only; its error without the server's folders.
 */
export function shownRun<R extends Record<string, unknown>>(run: R, folders: ShownFolder[]): R {
	const shown = showPathsIn(run, folders);
	const path = shown.file_path;
	if (typeof path === 'string' && isAbsolute(path)) return { ...shown, file_path: typeof run.file_name === 'string' ? run.file_name : basename(path) };
	return shown;
}
