import { basename, relative } from 'node:path';
import type { Context } from 'hono';
import { confinedPath, importRoot, ownerPath, type ImportRoot } from '../ingest/import-root';
import { shownFolder, tempFolders, type ShownFolder } from '../ingest/shown-paths';
import { uploadRoot } from '../ingest/upload';
import type { Principal } from '../../roles';
import type { Database } from '../db/database';
import type { ApiEnv } from './access';

/** The server paths a JSON import names, checked, and how its answer shows them. */
export interface NamedPaths {
	path: string;
	mappingPath: string | null;
	/** The import root's real path, for the folder's entries; null for the CLI. */
	confineTo: string | null;
	folders: ShownFolder[];
	/** Whether the CLI named it (the owner secret): not confined, its answer keeps its paths. */
	byCli: boolean;
	/** Who asked, and the path as the audit log may keep it (never an absolute server path). */
	actor: Principal;
	subject: string;
}

/**
 * The path (and mapping file) a JSON import names on the server's disk, or a 403/400.
 *
 * Only admins import (auth/access.ts), and two kinds of admin may name a path. The CLI on the
 * server's own machine (the `cli` caller: it sent the secret of the owner file beside the
 * database, db/owner.ts, which only the server's user can read) can read whatever the server
 * process can: confining it would protect nothing, and it may name any path, only a device,
 * pipe or socket is refused. Any other admin (an API token, a signed-in user) is confined to
 * DESKPULSE_IMPORT_ROOT (import-root.ts): without it, server paths are off and only uploads
 * import.
 */
export function namedServerPaths(c: Context<ApiEnv>, given: string, mapping: string | null): NamedPaths {
	const principal = c.get('principal');
	if (principal.kind === 'cli') {
		const path = ownerPath(given, 'file-or-folder');
		return { path, mappingPath: mapping === null ? null : ownerPath(mapping, 'file'), confineTo: null, folders: [], byCli: true, actor: principal, subject: basename(path) };
	}
	const root: ImportRoot | null = importRoot();
	const path = confinedPath(given, root, 'file-or-folder');
	const mappingPath = mapping === null ? null : confinedPath(mapping, root, 'file');
	const real = root!.real;
	return {
		path,
		mappingPath,
		confineTo: real,
		byCli: false,
		folders: [...shownFolder(real, 'the import root'), ...shownFolder(root!.configured, 'the import root'), ...tempFolders()],
		actor: principal,
		subject: relative(real, path) || '.'
	};
}

/** The folders a listed run's path is shown relative to: the import root and the uploads. */
export function runFolders(db: Database): ShownFolder[] {
	let root: ImportRoot | null = null;
	try {
		root = importRoot();
	} catch {
		// A setting that names no folder: runs show their file names only.
	}
	return [
		...(root ? [...shownFolder(root.real, 'the import root'), ...shownFolder(root.configured, 'the import root')] : []),
		...shownFolder(uploadRoot(db.path), 'the uploads folder')
	];
}
