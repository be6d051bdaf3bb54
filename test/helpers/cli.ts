import { vi } from 'vitest';
import { main } from '../../src/cli/main';

/** Runs the CLI in-process, capturing what it writes. */
export async function cli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
	let stdout = '';
	let stderr = '';
	const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
	const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
	const log = vi.spyOn(console, 'log').mockImplementation((...a) => void (stdout += a.join(' ') + '\n'));
	const error = vi.spyOn(console, 'error').mockImplementation((...a) => void (stderr += a.join(' ') + '\n'));
	try {
		return { status: await main(args), stdout, stderr };
	} finally {
		out.mockRestore();
		err.mockRestore();
		log.mockRestore();
		error.mockRestore();
	}
}
