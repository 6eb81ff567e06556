/**
 * One book's rows of the supervisors' projection (the stats_* tables), summed from its entries'
 * facts. The service deletes a book's rows and writes these in one transaction, so the figures
 * are always a function of the entries and the audit log, never counters kept by hand.
 */
import type { EntryFacts } from './entry-facts';
import type { Day } from './days';

export const progressStates = [
	'imported',
	'prefilled',
	'in_progress',
	'submitted',
	'returned',
	'approved',
	'exported'
] as const;
export type ProgressState = (typeof progressStates)[number];

export interface BookRef {
	id: string;
	unitCode: string;
	registerType: string;
	/** Declared entry count; null = not declared (the entries found so far stand in). */
	expected: number | null;
}

export interface BookTotals {
	expected: number;
	counts: Record<ProgressState, number>;
}

export interface BookDay {
	day: Day;
	imported: number;
	submitted: number;
	approved: number;
	exported: number;
	approvals: number;
	firstPass: number;
	returns: number;
}

/** What is counted of a field's OCR reading and its fate: summed per day here, per unit in figures.ts. */
export interface FieldCounts {
	fields: number;
	ocr: number;
	kept: number;
	cerEdits: number;
	cerChars: number;
	changed: number;
	flagged: number;
	flaggedChanged: number;
}

export interface FieldDay extends FieldCounts {
	day: Day;
	key: string;
}

export interface UserDay {
	day: Day;
	userId: string;
	edited: number;
	submitted: number;
	approved: number;
	returned: number;
	judgedFields: number;
	judgedChanged: number;
	judgedAgainst: number;
	judgedApprovals: number;
	judgedFirstPass: number;
	judgedReturns: number;
}

export interface ReasonDay {
	day: Day;
	code: string;
	n: number;
}

export interface BookRollup {
	totals: BookTotals;
	days: BookDay[];
	fields: FieldDay[];
	users: UserDay[];
	reasons: ReasonDay[];
}

/** Reasons given without a code (before return codes existed) are counted under this one. */
export const UNCODED_REASON = 'uncoded';

export function zeroCounts(): Record<ProgressState, number> {
	return Object.fromEntries(progressStates.map((s) => [s, 0])) as Record<ProgressState, number>;
}

function bucket<T>(map: Map<string, T>, key: string, make: () => T): T {
	let v = map.get(key);
	if (!v) {
		v = make();
		map.set(key, v);
	}
	return v;
}

export function rollupBook(book: BookRef, facts: readonly EntryFacts[]): BookRollup {
	const counts = zeroCounts();
	const days = new Map<Day, BookDay>();
	const fields = new Map<string, FieldDay>();
	const users = new Map<string, UserDay>();
	const reasons = new Map<string, ReasonDay>();
	const day = (d: Day) =>
		bucket(days, d, () => ({
			day: d,
			imported: 0,
			submitted: 0,
			approved: 0,
			exported: 0,
			approvals: 0,
			firstPass: 0,
			returns: 0
		}));
	const user = (d: Day, userId: string) =>
		bucket(users, `${d}\u0000${userId}`, () => ({
			day: d,
			userId,
			edited: 0,
			submitted: 0,
			approved: 0,
			returned: 0,
			judgedFields: 0,
			judgedChanged: 0,
			judgedAgainst: 0,
			judgedApprovals: 0,
			judgedFirstPass: 0,
			judgedReturns: 0
		}));

	for (const f of facts) {
		if ((progressStates as readonly string[]).includes(f.state)) counts[f.state as ProgressState]++;
		day(f.importedDay).imported++;
		if (f.submittedDay) day(f.submittedDay).submitted++;
		if (f.approvedDay) day(f.approvedDay).approved++;
		if (f.exportedDay) day(f.exportedDay).exported++;
		for (const e of f.userEvents) user(e.day, e.userId)[e.kind]++;
		for (const j of f.judgements) {
			const u = user(j.day, j.clerk);
			if (j.outcome === 'approved') {
				const d = day(j.day);
				d.approvals++;
				if (j.firstPass) d.firstPass++;
				u.judgedApprovals++;
				if (j.firstPass) u.judgedFirstPass++;
				u.judgedFields += j.fields;
				u.judgedChanged += j.changed;
				u.judgedAgainst += j.against;
			} else if (j.outcome === 'keyed') {
				// A second keying counts in its keyer's field totals, not in approvals or first pass.
				u.judgedFields += j.fields;
				u.judgedChanged += j.changed;
				u.judgedAgainst += j.against;
			} else {
				day(j.day).returns++;
				u.judgedReturns++;
				const code = j.reasonCode ?? UNCODED_REASON;
				bucket(reasons, `${j.day}\u0000${code}`, () => ({ day: j.day, code, n: 0 })).n++;
			}
		}
		if (f.approvedDay) {
			for (const x of f.fields) {
				const r = bucket(fields, `${f.approvedDay}\u0000${x.key}`, () => ({
					day: f.approvedDay!,
					key: x.key,
					fields: 0,
					ocr: 0,
					kept: 0,
					cerEdits: 0,
					cerChars: 0,
					changed: 0,
					flagged: 0,
					flaggedChanged: 0
				}));
				r.fields++;
				if (!x.hasOcr) continue;
				r.ocr++;
				if (x.kept) r.kept++;
				r.cerEdits += x.cerEdits;
				r.cerChars += x.cerChars;
				if (x.changed) r.changed++;
				if (x.flagged) r.flagged++;
				if (x.flagged && x.changed) r.flaggedChanged++;
			}
		}
	}
	return {
		totals: { expected: book.expected ?? facts.length, counts },
		days: [...days.values()],
		fields: [...fields.values()],
		users: [...users.values()],
		reasons: [...reasons.values()]
	};
}
