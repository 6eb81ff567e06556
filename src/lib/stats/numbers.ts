import { formatNumber, type Lang } from '../i18n/index';

/**
 * Figures the way provinces write them: "1.978.417/2.086.427 — 94,83%" in Vietnamese,
 * "1,978,417/2,086,427 — 94.83%" in English.
 */
export function formatCount(n: number, lang: Lang): string {
	return formatNumber(n, lang);
}

/** A rate in [0,1] as a percentage with two decimals; "—" when there is nothing to measure. */
export function formatRate(rate: number | null, lang: Lang, digits = 2): string {
	if (rate === null || !Number.isFinite(rate)) return '—';
	return `${formatNumber(rate * 100, lang, digits)}%`;
}

export function formatProgress(done: number, total: number, lang: Lang): string {
	return `${formatCount(done, lang)}/${formatCount(total, lang)} — ${formatRate(ratio(done, total) ?? 0, lang)}`;
}

/** a / b, or null when b is 0 (a rate with nothing to measure is unknown, not 0). */
export function ratio(a: number, b: number): number | null {
	return b > 0 ? a / b : null;
}
