/**
 * Confidence intervals for an error rate measured on a sample (k errors in n checked entries).
 * Wilson's score interval is what the dashboard shows; the exact Clopper–Pearson interval is there
 * for small samples and is never narrower.
 */

export interface Interval {
	low: number;
	high: number;
}

/** z for a two-sided level (0.95 → 1.95996…), by bisection on the normal CDF. */
export function zFor(level: number): number {
	let lo = 0;
	let hi = 10;
	for (let i = 0; i < 80; i++) {
		const mid = (lo + hi) / 2;
		if (normalCdf(mid) - normalCdf(-mid) < level) lo = mid;
		else hi = mid;
	}
	return (lo + hi) / 2;
}

/** Φ(x) via the complementary error function (Numerical Recipes' erfc, |error| < 1.2e-7). */
function normalCdf(x: number): number {
	const z = Math.abs(x) / Math.SQRT2;
	const t = 1 / (1 + 0.5 * z);
	const r =
		t *
		Math.exp(
			-z * z -
				1.26551223 +
				t *
					(1.00002368 +
						t *
							(0.37409196 +
								t *
									(0.09678418 +
										t *
											(-0.18628806 +
												t *
													(0.27886807 +
														t *
															(-1.13520398 +
																t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
		);
	return x >= 0 ? 1 - r / 2 : r / 2;
}

export function wilson(k: number, n: number, level = 0.95): Interval | null {
	if (n <= 0) return null;
	const z = zFor(level);
	const p = k / n;
	const z2 = z * z;
	const denom = 1 + z2 / n;
	const centre = (p + z2 / (2 * n)) / denom;
	const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
	return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** P(X ≤ k) for X ~ Binomial(n, p), summed in log space. */
function binomCdf(k: number, n: number, p: number): number {
	if (p <= 0) return 1;
	if (p >= 1) return k >= n ? 1 : 0;
	let logC = 0; // log C(n, 0)
	let sum = 0;
	for (let i = 0; i <= k; i++) {
		if (i > 0) logC += Math.log(n - i + 1) - Math.log(i);
		sum += Math.exp(logC + i * Math.log(p) + (n - i) * Math.log(1 - p));
	}
	return Math.min(1, sum);
}

/** Exact interval: the p where the observed count sits at each tail's α/2, by bisection. */
export function clopperPearson(k: number, n: number, level = 0.95): Interval | null {
	if (n <= 0) return null;
	const alpha = 1 - level;
	const solve = (f: (p: number) => boolean): number => {
		let lo = 0;
		let hi = 1;
		for (let i = 0; i < 60; i++) {
			const mid = (lo + hi) / 2;
			if (f(mid)) lo = mid;
			else hi = mid;
		}
		return (lo + hi) / 2;
	};
	// Lower bound: largest p with P(X ≥ k) ≤ α/2; upper: smallest p with P(X ≤ k) ≤ α/2.
	const low = k === 0 ? 0 : solve((p) => 1 - binomCdf(k - 1, n, p) < alpha / 2);
	const high = k === n ? 1 : solve((p) => binomCdf(k, n, p) > alpha / 2);
	return { low, high };
}
