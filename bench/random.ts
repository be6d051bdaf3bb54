/** A random number in [0, 1) from a seeded sequence: the same seed, the same choices. */
export type Random = () => number;

/** mulberry32: tiny, fast and good enough to pick filters; Math.random cannot be seeded. */
export function seeded(seed: number): Random {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** One element of a non-empty list, uniformly. */
export function pick<T>(random: Random, list: readonly T[]): T {
	return list[Math.floor(random() * list.length)];
}
