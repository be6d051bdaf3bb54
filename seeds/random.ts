/**
 * Seeded pseudo-random numbers for the demo generator. Each part of the data set draws from
 * its own named stream (orgs, tickets, sessions, ...), so a change to how one part is drawn
 * does not shift the numbers every other part sees. Never Math.random: the same seed must
 * give the same bytes.
 */

/** 32-bit FNV-1a hash of a stream name. */
function hashName(name: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < name.length; i++) {
		h ^= name.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** One splitmix32 step: spreads a seed's bits so similar seeds give unrelated states. */
function splitmix32(x: number): number {
	x = (x + 0x9e3779b9) | 0;
	let z = x;
	z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
	z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
	return (z ^ (z >>> 16)) >>> 0;
}

/** A sfc32 generator (small, fast, passes PractRand) seeded from (seed, stream name). */
export class Rng {
	private a: number;
	private b: number;
	private c: number;
	private d: number;
	/** The second normal deviate of the last Box-Muller pair, if unused. */
	private spareNormal: number | null = null;

	constructor(seed: number, stream: string) {
		// Seeds above 2^32 keep their high bits: both halves feed the state.
		const low = seed >>> 0;
		const high = Math.floor(seed / 4294967296) >>> 0;
		const name = hashName(stream);
		this.a = splitmix32(low ^ name);
		this.b = splitmix32(this.a ^ high);
		this.c = splitmix32(this.b ^ 0x6a09e667);
		this.d = splitmix32(this.c ^ name);
		for (let i = 0; i < 16; i++) this.nextUint32();
	}

	/** Next raw 32-bit unsigned integer. */
	nextUint32(): number {
		const t = (((this.a + this.b) | 0) + this.d) | 0;
		this.d = (this.d + 1) | 0;
		this.a = this.b ^ (this.b >>> 9);
		this.b = (this.c + (this.c << 3)) | 0;
		this.c = (this.c << 21) | (this.c >>> 11);
		this.c = (this.c + t) | 0;
		return t >>> 0;
	}

	/** Uniform number in [0, 1). */
	next(): number {
		return this.nextUint32() / 4294967296;
	}

	/** Uniform number in [lo, hi). */
	float(lo: number, hi: number): number {
		return lo + (hi - lo) * this.next();
	}

	/** Uniform whole number in [lo, hi], both inclusive. */
	int(lo: number, hi: number): number {
		return lo + Math.floor(this.next() * (hi - lo + 1));
	}

	/** True with probability p. */
	chance(p: number): boolean {
		return this.next() < p;
	}

	/** One element of a non-empty list, uniformly. */
	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}

	/** Standard normal deviate (Box-Muller, both halves of each pair used). */
	normal(): number {
		if (this.spareNormal !== null) {
			const spare = this.spareNormal;
			this.spareNormal = null;
			return spare;
		}
		const u = 1 - this.next();
		const v = this.next();
		const r = Math.sqrt(-2 * Math.log(u));
		this.spareNormal = r * Math.sin(2 * Math.PI * v);
		return r * Math.cos(2 * Math.PI * v);
	}

	/** Log-normal deviate with the given median and log-space spread (sigma). */
	logNormal(median: number, sigma: number): number {
		return median * Math.exp(sigma * this.normal());
	}

	/** Fisher-Yates shuffle in place. */
	shuffle<T>(items: T[]): T[] {
		for (let i = items.length - 1; i > 0; i--) {
			const j = Math.floor(this.next() * (i + 1));
			const held = items[i];
			items[i] = items[j];
			items[j] = held;
		}
		return items;
	}
}

/** A fixed set of items drawn with given relative weights (binary search on cumulative sums). */
export class WeightedTable<T> {
	readonly items: readonly T[];
	private readonly cumulative: Float64Array;

	constructor(entries: ReadonlyArray<readonly [T, number]>) {
		const kept = entries.filter(([, w]) => w > 0);
		if (kept.length === 0) throw new Error('WeightedTable needs at least one positive weight');
		this.items = kept.map(([item]) => item);
		this.cumulative = new Float64Array(kept.length);
		let sum = 0;
		kept.forEach(([, w], i) => {
			sum += w;
			this.cumulative[i] = sum;
		});
	}

	/** Sum of all weights. */
	get total(): number {
		return this.cumulative[this.cumulative.length - 1];
	}

	/** One item, with probability proportional to its weight. */
	draw(rng: Rng): T {
		return this.items[upperBound(this.cumulative, rng.next() * this.total)];
	}
}

/**
 * First index whose value is greater than `x` in an ascending array (clamped to the last
 * index), i.e. the bucket `x` falls in when the array holds cumulative weights.
 */
export function upperBound(sorted: Float64Array, x: number, length = sorted.length): number {
	let lo = 0;
	let hi = length - 1;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (sorted[mid] > x) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}
