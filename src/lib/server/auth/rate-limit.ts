/**
 * Sign-in attempts, counted in memory per client address and per email: after MAX_FAILURES
 * failures within WINDOW_MS, further attempts are refused until the window has passed.
 * In memory is enough: one server process owns the database, and a restart forgetting the
 * count costs a guesser a restart they cannot cause.
 */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;

export class SignInLimiter {
	private failures = new Map<string, number[]>();

	constructor(private readonly clock: () => number = Date.now) {}

	private recent(key: string): number[] {
		const since = this.clock() - WINDOW_MS;
		const kept = (this.failures.get(key) ?? []).filter((t) => t > since);
		if (kept.length) this.failures.set(key, kept);
		else this.failures.delete(key);
		return kept;
	}

	/** Seconds until an attempt from `ip` for `email` is allowed again; 0 when it is now. */
	retryAfter(ip: string, email: string): number {
		const waits = [`ip:${ip}`, `email:${email.trim().toLowerCase()}`].map((key) => {
			const times = this.recent(key);
			return times.length >= MAX_FAILURES ? Math.ceil((times[times.length - MAX_FAILURES] + WINDOW_MS - this.clock()) / 1000) : 0;
		});
		return Math.max(0, ...waits);
	}

	failed(ip: string, email: string): void {
		for (const key of [`ip:${ip}`, `email:${email.trim().toLowerCase()}`]) this.failures.set(key, [...this.recent(key), this.clock()]);
		// Bounded memory under a flood of made-up emails.
		if (this.failures.size > 100_000) this.failures.clear();
	}

	/** A right password clears the email's count, not the address's: one known account must not reset guessing at others. */
	succeeded(email: string): void {
		this.failures.delete(`email:${email.trim().toLowerCase()}`);
	}
}
