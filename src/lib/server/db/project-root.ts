import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The deskpulse checkout or install folder: the nearest ancestor of this module (or of the
 * working directory) whose package.json is named "deskpulse". The same code runs from
 * `src/` under tsx, from `build/` after `vite build`, and from Vitest, so a fixed relative
 * path would break one of them.
 */
export function projectRoot(): string {
	if (cached) return cached;
	const starts = [dirname(fileURLToPath(import.meta.url)), process.cwd()];
	for (const start of starts) {
		let dir = resolve(start);
		for (;;) {
			const pkg = join(dir, 'package.json');
			if (existsSync(pkg) && existsSync(join(dir, 'sql'))) {
				try {
					if (JSON.parse(readFileSync(pkg, 'utf8')).name === 'deskpulse') return (cached = dir);
				} catch {
					// An unreadable package.json is not ours; keep walking up.
				}
			}
			const parent = dirname(dir);
			if (parent === dir) break;
			dir = parent;
		}
	}
	throw new Error('cannot find the deskpulse project folder (a package.json named "deskpulse" beside sql/)');
}

let version: string | undefined;

/** This build's version, from its package.json (what /api/v1/health answers). */
export function appVersion(): string {
	return (version ??= String(JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')).version ?? 'unknown'));
}

/** Default database file: $DESKPULSE_DB, else data/deskpulse.duckdb in the working directory. */
export function defaultDbPath(): string {
	return process.env.DESKPULSE_DB || join(process.cwd(), 'data', 'deskpulse.duckdb');
}
