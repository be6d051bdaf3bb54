import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian's Chromium, or DESKPULSE_CHROMIUM: what prints the review's HTML to PDF. */
export function chromiumPath(): string {
	return process.env.DESKPULSE_CHROMIUM || '/usr/bin/chromium';
}

/** Why a PDF cannot be made here, or null when it can. */
export function pdfProblem(): string | null {
	const chromium = chromiumPath();
	return existsSync(chromium) ? null : `a PDF needs Chromium at ${chromium} (apt-get install -y chromium, or set DESKPULSE_CHROMIUM)`;
}

/**
 * Prints a self-contained HTML document to PDF with headless Chromium. Asynchronous, so a
 * server printing a digest's attachment keeps answering requests meanwhile.
 */
export async function htmlToPdf(html: string): Promise<Buffer> {
	const problem = pdfProblem();
	if (problem) throw new Error(problem);
	const dir = mkdtempSync(join(tmpdir(), 'deskpulse-pdf-'));
	try {
		const page = join(dir, 'document.html');
		const out = join(dir, 'document.pdf');
		writeFileSync(page, html);
		await run(chromiumPath(), ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--user-data-dir=${join(dir, 'profile')}`, `--print-to-pdf=${out}`, `file://${page}`], { timeout: 120_000 });
		return readFileSync(out);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
