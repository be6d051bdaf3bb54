import { isIP } from 'node:net';

/** The addresses that only this machine can reach. */
function loopback(host: string): boolean {
	const h = host.replace(/^\[|\]$/g, '').toLowerCase();
	if (h === 'localhost' || h === '::1') return true;
	return isIP(h) === 4 && h.startsWith('127.');
}

export interface AuthMode {
	/** Sign-in required: DESKPULSE_AUTH=on, or a listening address others can reach. */
	required: boolean;
	/** Why, in words for the start-up log. */
	reason: string;
}

/**
 * Whether requests must carry a credential. On loopback without DESKPULSE_AUTH=on, deskpulse
 * is one person's tool on their own machine (single-user mode): every request acts as that
 * user. Anywhere else, sign-in is required, whatever DESKPULSE_AUTH says.
 */
export function authMode(env: NodeJS.ProcessEnv = process.env): AuthMode {
	// adapter-node listens on every interface when HOST is unset (bin/start.js sets 127.0.0.1).
	const host = env.HOST || '0.0.0.0';
	const setting = (env.DESKPULSE_AUTH ?? '').trim().toLowerCase();
	if (!loopback(host)) return { required: true, reason: `the server listens on ${host}, which other machines can reach` };
	if (setting === 'on') return { required: true, reason: 'DESKPULSE_AUTH=on' };
	return { required: false, reason: `the server listens on loopback (${host}) only and DESKPULSE_AUTH is not on` };
}
