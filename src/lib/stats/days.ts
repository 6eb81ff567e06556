/**
 * Days as supervisors count them: local dates in Việt Nam (UTC+7 all year, no daylight saving),
 * written YYYY-MM-DD so they sort and compare as text. Daily reports close at 17:00/18:00 local.
 */
const OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

export type Day = string;

export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The local day of an ISO instant. */
export function localDay(iso: string | Date): Day {
	const ms = (typeof iso === 'string' ? Date.parse(iso) : iso.getTime()) + OFFSET_MS;
	return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: Day, n: number): Day {
	return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: Day, b: Day): number {
	return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** Every day from `from` to `to`, both included (empty when to < from). */
export function dayRange(from: Day, to: Day): Day[] {
	const out: Day[] = [];
	for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
	return out;
}

export function isDay(s: string): boolean {
	return DAY_PATTERN.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && addDays(s, 0) === s;
}
