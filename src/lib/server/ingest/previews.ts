import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * An upload that was only previewed (a dry run) keeps its folder for the import that confirms
 * it, marked by this file (a dot-file: imports skip it). A confirmed import removes the mark;
 * a mark older than a day means nobody confirmed, and the folder goes at the next upload.
 */
const MARK = '.preview';
const KEPT_MS = 24 * 60 * 60 * 1000;

export function markPreview(dir: string): void {
	writeFileSync(join(dir, MARK), '');
}

export function unmarkPreview(dir: string): void {
	rmSync(join(dir, MARK), { force: true });
}

/** Removes the folders under `root` of previews left unconfirmed for a day. */
export function prunePreviews(root: string, now = Date.now()): void {
	if (!existsSync(root)) return;
	for (const name of readdirSync(root)) {
		const mark = join(root, name, MARK);
		try {
			if (now - statSync(mark).mtimeMs > KEPT_MS) rmSync(join(root, name), { recursive: true, force: true });
		} catch {
			// No mark: an imported upload, whose runs' file paths point into it. Kept.
		}
	}
}
