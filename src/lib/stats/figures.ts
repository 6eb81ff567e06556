/**
 * Supervisors' figures from the projection's rows: sums per unit, the rates with how each is
 * computed (the page explains them in these words), the trend and the finish-date projection.
 */
import { addDays, daysBetween, type Day } from './days';
import { ratio } from './numbers';
import { progressStates, zeroCounts, type FieldCounts, type ProgressState } from './book-rollup';

export type FieldSums = FieldCounts;

export interface JudgedSums {
	fields: number;
	changed: number;
	against: number;
	approvals: number;
	firstPass: number;
	returns: number;
}

export interface Sums {
	books: number;
	expected: number;
	counts: Record<ProgressState, number>;
	field: FieldSums;
	judged: JudgedSums;
}

export const zeroFieldSums = (): FieldSums => ({
	fields: 0,
	ocr: 0,
	kept: 0,
	cerEdits: 0,
	cerChars: 0,
	changed: 0,
	flagged: 0,
	flaggedChanged: 0
});
export const zeroJudgedSums = (): JudgedSums => ({
	fields: 0,
	changed: 0,
	against: 0,
	approvals: 0,
	firstPass: 0,
	returns: 0
});
export const zeroSums = (): Sums => ({
	books: 0,
	expected: 0,
	counts: zeroCounts(),
	field: zeroFieldSums(),
	judged: zeroJudgedSums()
});

/** Adds `b` into `a`, key by key (numbers only, nested one level). */
export function addInto<T extends object>(a: T, b: T): T {
	for (const k of Object.keys(b) as (keyof T)[]) {
		const v = b[k];
		if (typeof v === 'number') (a[k] as number) += v;
		else if (typeof v === 'object' && v !== null) addInto(a[k] as object, v as object);
	}
	return a;
}

/** Entries done: approved, including those already exported (they were approved before leaving). */
export const doneOf = (s: Sums): number => s.counts.approved + s.counts.exported;

export interface Accuracy {
	/** Of OCR-prefilled fields of approved entries, the share whose OCR value was approved unchanged. */
	ocrFieldsKept: number | null;
	/** Pooled character error rate of OCR values against approved values. */
	ocrCer: number | null;
	/** Of fields of approved entries, the share the officer corrected or settled against the clerk. */
	clerkFieldsChanged: number | null;
	/** Of approvals, those with no return before. */
	firstPassApproval: number | null;
	/** Of review decisions (approve or return), the returns. */
	returnRate: number | null;
	/** Of OCR fields that ended up changed, the share the workbench had flagged. */
	flagRecall: number | null;
	/** Of flagged OCR fields, the share that ended up changed. */
	flagPrecision: number | null;
}

export function accuracyOf(field: FieldSums, judged: JudgedSums): Accuracy {
	return {
		ocrFieldsKept: ratio(field.kept, field.ocr),
		ocrCer: field.cerChars > 0 ? Math.min(1, field.cerEdits / field.cerChars) : null,
		clerkFieldsChanged: ratio(judged.changed, judged.fields),
		firstPassApproval: ratio(judged.firstPass, judged.approvals),
		returnRate: ratio(judged.returns, judged.approvals + judged.returns),
		flagRecall: ratio(field.flaggedChanged, field.changed),
		flagPrecision: ratio(field.flaggedChanged, field.flagged)
	};
}

export interface DayCounts {
	day: Day;
	imported: number;
	submitted: number;
	approved: number;
	exported: number;
}

export interface TrendPoint extends DayCounts {
	/** Cumulative (from the first day ever) milestones reached by the end of this day. */
	cumImported: number;
	cumSubmitted: number;
	cumApproved: number;
	cumExported: number;
}

/**
 * Cumulative milestones for every day of [from, to] (days without activity included, so the
 * chart's x axis is time); activity before `from` counts in the first point's totals.
 */
export function trend(rows: readonly DayCounts[], from: Day, to: Day): TrendPoint[] {
	const byDay = new Map<Day, DayCounts>();
	const before = { imported: 0, submitted: 0, approved: 0, exported: 0 };
	for (const r of rows) {
		if (r.day < from) {
			before.imported += r.imported;
			before.submitted += r.submitted;
			before.approved += r.approved;
			before.exported += r.exported;
			continue;
		}
		if (r.day > to) continue;
		const d = byDay.get(r.day) ?? {
			day: r.day,
			imported: 0,
			submitted: 0,
			approved: 0,
			exported: 0
		};
		d.imported += r.imported;
		d.submitted += r.submitted;
		d.approved += r.approved;
		d.exported += r.exported;
		byDay.set(r.day, d);
	}
	const out: TrendPoint[] = [];
	const cum = { ...before };
	for (let day = from; day <= to; day = addDays(day, 1)) {
		const d = byDay.get(day) ?? { day, imported: 0, submitted: 0, approved: 0, exported: 0 };
		cum.imported += d.imported;
		cum.submitted += d.submitted;
		cum.approved += d.approved;
		cum.exported += d.exported;
		out.push({
			...d,
			cumImported: cum.imported,
			cumSubmitted: cum.submitted,
			cumApproved: cum.approved,
			cumExported: cum.exported
		});
	}
	return out;
}

export interface Projection {
	/** Entries approved per day over the window. */
	pace: number;
	remaining: number;
	/** The day the last entry would be approved at this pace; null when nothing moves. */
	finish: Day | null;
	windowDays: number;
}

/** At the pace of the last `windowDays` days (today included), when will `remaining` be done? */
export function projectFinish(
	approvedPerDay: readonly { day: Day; approved: number }[],
	remaining: number,
	today: Day,
	windowDays = 7
): Projection {
	const start = addDays(today, -(windowDays - 1));
	const inWindow = approvedPerDay
		.filter((d) => d.day >= start && d.day <= today)
		.reduce((a, d) => a + d.approved, 0);
	const pace = inWindow / windowDays;
	const rest = Math.max(0, remaining);
	if (rest === 0) return { pace, remaining: 0, finish: today, windowDays };
	if (pace <= 0) return { pace, remaining: rest, finish: null, windowDays };
	return { pace, remaining: rest, finish: addDays(today, Math.ceil(rest / pace)), windowDays };
}

/** The default window of a dashboard: the last 30 days up to today. */
export function defaultWindow(today: Day, days = 30): { from: Day; to: Day } {
	return { from: addDays(today, -(days - 1)), to: today };
}

export function windowLength(from: Day, to: Day): number {
	return daysBetween(from, to) + 1;
}

export { progressStates };

/** The stages where work waits, and how long it has waited (days since the entry last changed). */
export const workStates = ['in_progress', 'submitted', 'returned'] as const;
export const ageBuckets = ['lt1', 'd1to3', 'd3to7', 'gt7'] as const;
