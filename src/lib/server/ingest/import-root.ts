import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Which server paths an import may name. An API caller (a token, a signed-in admin) names
 * files and folders inside DESKPULSE_IMPORT_ROOT only, checked on real paths so neither `..`
 * nor a symbolic link leads out; without the setting it names none (uploads only). Only
 * regular files and folders are read: opening a FIFO blocks, a device never ends.
 *
 * The CLI on the server's own machine is the exception (api/imports.ts): it proved it can
 * read the 0600 owner file beside the database, which means it can read what the server
 * process can, so confining it would protect nothing.
 */

export const IMPORT_ROOT_SETTING = 'DESKPULSE_IMPORT_ROOT';

/**
 * A server path refused: 403 (outside the root, or paths are off), 400 (not a regular file or
 * folder). The message names the path only as the caller gave it, never the resolved one,
 * and reads the same whether a path outside the root exists or not.
 */
export class ImportPathError extends Error {
	constructor(
		readonly status: 400 | 403,
		message: string
	) {
		super(message);
		this.name = 'ImportPathError';
	}
}

/** The import root, as configured and as its real path (links resolved). */
export interface ImportRoot {
	configured: string;
	real: string;
}

/**
 * The import root from DESKPULSE_IMPORT_ROOT, or null when it is unset. A setting that names
 * no readable folder refuses every server path (the message does not repeat the setting).
 */
export function importRoot(env: NodeJS.ProcessEnv = process.env): ImportRoot | null {
	const value = env[IMPORT_ROOT_SETTING]?.trim();
	if (!value) return null;
	const configured = resolve(value);
	try {
		const real = realpathSync(configured);
		if (statSync(real).isDirectory()) return { configured, real };
	} catch {
		// Falls through to the refusal below.
	}
	throw new ImportPathError(403, `${IMPORT_ROOT_SETTING} does not name a folder the server can read: the server's operator must fix the setting`);
}

/** Whether absolute `path` is `folder` or inside it (lexically: both must be resolved already). */
export function isInside(folder: string, path: string): boolean {
	const rel = relative(folder, path);
	return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** What a path must be: an import takes a file or a folder, a mapping a file. */
export type PathKind = 'file-or-folder' | 'file';

/**
 * The real path of `given` (relative to the import root, or absolute inside it) when it is a
 * regular file (or, for `file-or-folder`, a folder) inside the root; else an ImportPathError.
 * Nothing is opened: realpath and stat only, so a FIFO is refused without blocking.
 */
export function confinedPath(given: string, root: ImportRoot | null, kind: PathKind): string {
	if (root === null) {
		throw new ImportPathError(
			403,
			`imports by server path are off on this server: upload the files instead, or have its operator set ${IMPORT_ROOT_SETTING} to the folder exports are put in (paths are then named relative to it)`
		);
	}
	const candidate = resolve(root.real, given);
	const alias = resolve(root.configured, given);
	const inRoot = isInside(root.real, candidate) ? relative(root.real, candidate) : isInside(root.configured, alias) ? relative(root.configured, alias) : null;
	// An absolute path is named relative to the root, or not at all: the answer never carries one.
	const shown = !isAbsolute(given) ? `"${given}"` : inRoot === null ? 'the path given' : `"${inRoot || '.'}"`;
	// A path that is outside the root as written is refused before the disk is asked anything.
	if (inRoot === null) throw new ImportPathError(403, `${shown} is outside the import root: name a file or folder inside ${IMPORT_ROOT_SETTING}, relative to it`);
	// Missing and leading-out-by-a-link get the same answer: which one it was would tell the
	// caller whether something exists outside the root.
	const notInside = new ImportPathError(403, `${shown} is no file or folder inside the import root (a link that leads out of it is not followed)`);
	let real: string;
	let stat;
	try {
		real = realpathSync(candidate);
		if (!isInside(root.real, real)) throw notInside;
		stat = statSync(real);
	} catch {
		throw notInside;
	}
	if (stat.isFile()) return real;
	if (stat.isDirectory()) {
		if (kind === 'file-or-folder') return real;
		throw new ImportPathError(400, `${shown} is a folder: name the mapping file itself`);
	}
	throw new ImportPathError(400, `${shown} is not a regular file (a device, pipe or socket cannot be imported)`);
}

/**
 * A path the CLI named (absolute, as it resolved it): anywhere the server can read, but a
 * device, pipe or socket is refused before anything opens it. A path that does not exist is
 * returned as it is, for the import to say so in its own words.
 */
export function ownerPath(given: string, kind: PathKind): string {
	const path = resolve(given);
	let stat;
	try {
		stat = statSync(path);
	} catch {
		return path;
	}
	if (stat.isFile() || (stat.isDirectory() && kind === 'file-or-folder')) return path;
	if (stat.isDirectory()) throw new ImportPathError(400, `"${given}" is a folder: name the mapping file itself`);
	throw new ImportPathError(400, `"${given}" is not a regular file (a device, pipe or socket cannot be imported)`);
}
