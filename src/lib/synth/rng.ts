/** Small seeded PRNG (mulberry32): same seed, same sequence, on every platform. */
export class Rng {
	#state: number;

	constructor(seed: number | string) {
		this.#state = typeof seed === 'number' ? seed >>> 0 : hashString(seed);
	}

	/** Uniform in [0, 1). */
	next(): number {
		let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** Integer in [min, max] inclusive. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	range(min: number, max: number): number {
		return min + this.next() * (max - min);
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new Error('pick from an empty list');
		return items[Math.floor(this.next() * items.length)] as T;
	}

	/** Pick from [value, weight] pairs. */
	weighted<T>(pairs: readonly (readonly [T, number])[]): T {
		const total = pairs.reduce((s, [, w]) => s + w, 0);
		let r = this.next() * total;
		for (const [value, w] of pairs) {
			r -= w;
			if (r < 0) return value;
		}
		return pairs[pairs.length - 1]![0];
	}

	/** Normal deviate (Box–Muller). */
	gauss(mean = 0, sd = 1): number {
		const u = Math.max(this.next(), 1e-12);
		const v = this.next();
		return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	/** An independent stream derived from this one's seed and a label, so adding draws in one
	 * part of a generator does not shift every value after it. */
	fork(label: string | number): Rng {
		return new Rng(hashString(`${this.#state}:${label}`));
	}

	digits(n: number): string {
		let s = '';
		for (let i = 0; i < n; i++) s += String(this.int(0, 9));
		return s;
	}
}

/** FNV-1a, 32 bit. */
export function hashString(s: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) {
		h ^= s.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}
