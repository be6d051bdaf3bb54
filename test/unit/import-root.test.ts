import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { confinedPath, importRoot, ImportPathError, isInside } from '../../src/lib/server/ingest/import-root';

describe('isInside', () => {
	it('is true for the folder and what lies below it, false for a sibling that shares its prefix', () => {
		expect(isInside('/srv/ex', '/srv/ex')).toBe(true);
		expect(isInside('/srv/ex', '/srv/ex/q2/t.csv')).toBe(true);
		expect(isInside('/srv/ex', '/srv/ex/..q2')).toBe(true);
		expect(isInside('/srv/ex', '/srv/exports/t.csv')).toBe(false);
		expect(isInside('/srv/ex', '/srv')).toBe(false);
	});
});

describe('importRoot and confinedPath', () => {
	let base: string;
	beforeAll(() => {
		base = realpathSync(mkdtempSync(join(tmpdir(), 'deskpulse-root-')));
		mkdirSync(join(base, 'root', 'q2'), { recursive: true });
		writeFileSync(join(base, 'root', 'q2', 'tickets.csv'), 'x');
		// The root named through a link: paths written under the link's name are inside too.
		symlinkSync(join(base, 'root'), join(base, 'alias'));
	});
	afterAll(() => rmSync(base, { recursive: true, force: true }));

	const refusal = (fn: () => unknown) => {
		try {
			fn();
		} catch (e) {
			if (e instanceof ImportPathError) return [e.status, e.message];
			throw e;
		}
		throw new Error('not refused');
	};

	it('is null when unset, and refuses every path when the setting names no folder', () => {
		expect(importRoot({})).toBeNull();
		expect(importRoot({ DESKPULSE_IMPORT_ROOT: join(base, 'alias') })).toEqual({ configured: join(base, 'alias'), real: join(base, 'root') });
		expect(refusal(() => importRoot({ DESKPULSE_IMPORT_ROOT: join(base, 'root', 'q2', 'tickets.csv') }))).toEqual([
			403,
			"DESKPULSE_IMPORT_ROOT does not name a folder the server can read: the server's operator must fix the setting"
		]);
	});

	it('returns the real path of a file or folder inside, however it is written', () => {
		const root = importRoot({ DESKPULSE_IMPORT_ROOT: join(base, 'alias') });
		const real = join(base, 'root', 'q2', 'tickets.csv');
		expect(confinedPath('q2/tickets.csv', root, 'file')).toBe(real);
		expect(confinedPath('./q2/../q2/tickets.csv', root, 'file')).toBe(real);
		expect(confinedPath(join(base, 'alias', 'q2', 'tickets.csv'), root, 'file')).toBe(real);
		expect(confinedPath(join(base, 'root', 'q2'), root, 'file-or-folder')).toBe(join(base, 'root', 'q2'));
		expect(refusal(() => confinedPath(join(base, 'alias', 'q2', 'none.csv'), root, 'file'))).toEqual([
			403,
			'"q2/none.csv" is no file or folder inside the import root (a link that leads out of it is not followed)'
		]);
	});

	it('refuses a character device inside the root as not a regular file, without opening it', () => {
		const dev = importRoot({ DESKPULSE_IMPORT_ROOT: '/dev' });
		expect(refusal(() => confinedPath('zero', dev, 'file-or-folder'))).toEqual([400, '"zero" is not a regular file (a device, pipe or socket cannot be imported)']);
		expect(refusal(() => confinedPath('null', dev, 'file'))).toEqual([400, '"null" is not a regular file (a device, pipe or socket cannot be imported)']);
	});
});
