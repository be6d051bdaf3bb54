import { hash, verify, type Algorithm } from '@node-rs/argon2';

/** Argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane): ~30 ms here, costly to guess at scale. */
// Algorithm is a const enum (not importable as a value here): 2 is Argon2id.
const ARGON2ID = { algorithm: 2 as Algorithm, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** The shortest password accepted: long enough that guessing it online is hopeless. */
export const MIN_PASSWORD_LENGTH = 12;

export function passwordProblem(password: string): string | null {
	if (password.length < MIN_PASSWORD_LENGTH) return `a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
	if (password.length > 1024) return 'a password has at most 1024 characters';
	return null;
}

export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2ID);
}

/**
 * Whether `password` matches `stored`. A user without a password still costs one hash, so
 * the answer's timing does not tell which emails have accounts.
 */
export async function passwordMatches(stored: string | null, password: string): Promise<boolean> {
	if (!stored) {
		await hash(password, ARGON2ID);
		return false;
	}
	try {
		return await verify(stored, password);
	} catch {
		return false;
	}
}
