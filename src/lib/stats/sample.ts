/**
 * Drawing a sampling audit: a simple random sample (it measures the error rate) plus, optionally,
 * entries drawn in proportion to their risk (they find errors; they are kept apart from the rate,
 * which would otherwise be biased upwards). Seeded, so the same seed redraws the same sample.
 */

/** A 32-bit hash of the seed text (FNV-1a), the state of the generator below. */
function seedState(seed: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < seed.length; i++) {
		h ^= seed.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** A small, well-known generator (mulberry32): uniform in [0, 1). */
export function seededRandom(seed: string): () => number {
	let a = seedState(seed);
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export interface Candidate {
	id: string;
	/** ≥ 0: how likely the entry is to hold an error (1 = an ordinary entry). */
	risk: number;
}

export interface DrawnSample {
	random: string[];
	risk: string[];
}

/**
 * `randomSize` entries uniformly without replacement, then `riskSize` more among the rest by
 * weighted sampling without replacement (Efraimidis–Spirakis keys u^(1/w)). Candidates are sorted
 * by id first so the draw depends on the seed and the set, not on the order rows came back in.
 */
export function drawSample(
	candidates: readonly Candidate[],
	randomSize: number,
	riskSize: number,
	seed: string
): DrawnSample {
	const rnd = seededRandom(seed);
	const pool = [...candidates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const n = Math.min(Math.max(0, Math.floor(randomSize)), pool.length);
	// Partial Fisher–Yates: the first n places become the random sample.
	for (let i = 0; i < n; i++) {
		const j = i + Math.floor(rnd() * (pool.length - i));
		[pool[i], pool[j]] = [pool[j]!, pool[i]!];
	}
	const random = pool.slice(0, n).map((c) => c.id);
	const rest = pool.slice(n).filter((c) => c.risk > 0);
	const keyed = rest.map((c) => ({ id: c.id, key: Math.log(rnd() || Number.MIN_VALUE) / c.risk }));
	keyed.sort((a, b) => b.key - a.key);
	const risk = keyed.slice(0, Math.max(0, Math.floor(riskSize))).map((k) => k.id);
	return { random, risk };
}
