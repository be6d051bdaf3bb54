import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// Server code reads shared facts (catalog, periods, filters); chart modules only build chart
// options. An import from src/lib/server into src/lib/charts runs the arrow the wrong way.
const ROOT = resolve(__dirname, '../..');
const SERVER = join(ROOT, 'src/lib/server');
const CHARTS = join(ROOT, 'src/lib/charts');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return /\.(ts|svelte)$/.test(name) ? [path] : [];
	});
}

/** Where each import or re-export specifier of `file` resolves, for relative and $lib paths. */
function importTargets(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);
	return specifiers.flatMap((s) => {
		if (s.startsWith('$lib/')) return [join(ROOT, 'src/lib', s.slice(5))];
		if (s.startsWith('.')) return [resolve(dirname(file), s)];
		return [];
	});
}

function serverFilesImportingCharts(files = sourceFiles(SERVER)): string[] {
	return files.filter((f) => importTargets(f).some((t) => t === CHARTS || t.startsWith(CHARTS + '/'))).map((f) => relative(ROOT, f));
}

describe('import direction', () => {
	it('finds the server files under src/lib/server', () => {
		expect(sourceFiles(SERVER)).toContain(join(SERVER, 'metrics/overview.ts'));
	});

	it('no file under src/lib/server imports src/lib/charts', () => {
		expect(serverFilesImportingCharts()).toEqual([]);
	});
});
