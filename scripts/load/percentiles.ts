/** Latency summaries: nearest-rank percentiles over the recorded samples (milliseconds). */
export interface Summary {
	n: number;
	median: number;
	p95: number;
	p99: number;
	max: number;
}

export function percentile(sorted: readonly number[], q: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

export function summarise(samples: readonly number[]): Summary {
	const s = [...samples].sort((a, b) => a - b);
	return {
		n: s.length,
		median: percentile(s, 0.5),
		p95: percentile(s, 0.95),
		p99: percentile(s, 0.99),
		max: s.length ? s[s.length - 1]! : NaN
	};
}

export const fmtMs = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : '–');

export const describe = (s: Summary) =>
	`median ${fmtMs(s.median)}, p95 ${fmtMs(s.p95)}, p99 ${fmtMs(s.p99)}, max ${fmtMs(s.max)} (n=${s.n})`;
