import { createHash, randomBytes } from 'node:crypto';

/** A new random secret for a cookie, a token or a one-time link: 32 bytes, URL-safe. */
export function newSecret(): string {
	return randomBytes(32).toString('base64url');
}

/**
 * What the database keeps of a secret: its SHA-256. The secrets are 256 random bits, so a
 * fast hash is enough (no dictionary to guess from), and a copy of the database holds no
 * usable cookie, token or link.
 */
export function secretHash(secret: string): string {
	return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * How often a session's or a token's "last used" time is written at most: on every request it
 * would make every page view and API call a write.
 */
export const TOUCH_EVERY_MS = 60_000;
