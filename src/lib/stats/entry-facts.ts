/**
 * What one entry contributes to supervisors' figures, from the entry, its fields and its audit
 * rows (oldest first). Pure: the projection, the tests and the benchmark all go through here.
 *
 * - Milestones (imported, first submitted, first approved, first exported) date the progress trend.
 * - Review events (submit, approve, return, edits) give per-user output and first-pass approval.
 * - For an approved entry, its fields measure OCR (kept unchanged? character error rate against the
 *   approved value; had the workbench flagged it?) and the clerk (fields the officer corrected
 *   under review, and disagreements settled against the clerk).
 * - Double keying: the second keyer is judged too, at the approval, on the fields they keyed; a
 *   disagreement settled for the first keying's value counts against the second keyer (and one
 *   settled for the second keying's value against the first keyer, as any settlement does).
 */
import { localDay, type Day } from './days';
import { cerParts } from './cer';
import { LOW_CONFIDENCE, unitConfidence } from '../workbench/confidence';

export interface FactEntry {
	id: string;
	state: string;
	createdAt: string;
	submittedBy: string | null;
	approvedBy: string | null;
}

export interface FactField {
	key: string;
	value: string;
	ocrValue: string | null;
	ocrConfidence: number | null;
	/** JSON list of issue codes, as stored; null or '[]' when OCR had no doubt. */
	ocrIssues: string | null;
}

export interface FactEvent {
	at: string;
	actorId: string | null;
	action: string;
	/** The audit row's data, parsed. */
	data: unknown;
}

export interface FieldFacts {
	key: string;
	hasOcr: boolean;
	kept: boolean;
	cerEdits: number;
	cerChars: number;
	/** The final value differs from OCR's. */
	changed: boolean;
	/** The workbench asked for attention on it (low confidence or OCR issues). */
	flagged: boolean;
}

export interface UserEvent {
	day: Day;
	userId: string;
	kind: 'edited' | 'submitted' | 'approved' | 'returned';
}

export interface Judgement {
	day: Day;
	/** The clerk whose submitted work was judged (or who did the approved entry's second keying). */
	clerk: string;
	/**
	 * `keyed`: the second keying of an approved entry, judged on its fields only (the approval and
	 * first pass are the first keyer's).
	 */
	outcome: 'approved' | 'returned' | 'keyed';
	/** Approvals only: approved without any return before. */
	firstPass: boolean;
	/**
	 * Approvals: the entry's field count, and those corrected or settled against the clerk; second
	 * keyings: the fields keyed, and those settled against the second keyer.
	 */
	fields: number;
	changed: number;
	/** Of `changed`, settled disagreements (double keying / blind review) decided against the clerk. */
	against: number;
	/** Returns only. */
	reasonCode: string | null;
}

export interface EntryFacts {
	state: string;
	importedDay: Day;
	submittedDay: Day | null;
	approvedDay: Day | null;
	exportedDay: Day | null;
	userEvents: UserEvent[];
	judgements: Judgement[];
	/** Approved or exported entries only: their fields at approval. */
	fields: FieldFacts[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function issueCount(json: string | null): number {
	if (!json) return 0;
	try {
		const v: unknown = JSON.parse(json);
		return Array.isArray(v) ? v.length : 0;
	} catch {
		return 0;
	}
}

function flaggedField(f: FactField): boolean {
	const c = unitConfidence(f.ocrConfidence);
	return (c !== null && c < LOW_CONFIDENCE) || issueCount(f.ocrIssues) > 0;
}

/** Keys whose value an officer's correction changed (audit `entry.correct` changes). */
function correctedKeys(data: unknown): string[] {
	if (!isObject(data) || !isObject(data.changes)) return [];
	return Object.entries(data.changes)
		.filter(([, c]) => {
			if (!isObject(c)) return false;
			const before = isObject(c.before) ? c.before.value : undefined;
			const after = isObject(c.after) ? c.after.value : undefined;
			return before !== after;
		})
		.map(([k]) => k);
}

/**
 * Settled keys (`entry.settle`), each with whose reading was found wrong: the clerk's (the first
 * keying), the second keyer's (a double-keying settlement for the first keying's value), or
 * nobody's (the readings agreed; or a blind re-keying's officer, who is not judged here).
 */
function settled(data: unknown): { key: string; against: 'clerk' | 'secondKeyer' | null }[] {
	if (!isObject(data) || !isObject(data.fields)) return [];
	const double = data.source === 'double';
	return Object.entries(data.fields)
		.filter(([, f]) => isObject(f))
		.map(([key, f]) => {
			const who = (f as Record<string, unknown>).against;
			return {
				key,
				against: who === 'clerk' ? 'clerk' : who === 'officer' && double ? 'secondKeyer' : null
			};
		});
}

/** How many fields a second keying keyed (`entry.secondKeying`: its values after). */
function keyedCount(data: unknown): number {
	if (!isObject(data) || !isObject(data.values) || !isObject(data.values.after)) return 0;
	return Object.keys(data.values.after).length;
}

export function entryFacts(
	entry: FactEntry,
	fields: readonly FactField[],
	events: readonly FactEvent[]
): EntryFacts {
	const userEvents: UserEvent[] = [];
	const judgements: Judgement[] = [];
	let submittedDay: Day | null = null;
	let approvedDay: Day | null = null;
	let exportedDay: Day | null = null;
	let clerk: string | null = null;
	let returnedBefore = false;
	// Keys changed in review since the entry was last submitted, and those settled against the clerk.
	let changed = new Set<string>();
	let against = new Set<string>();
	// This round's second keying: who did it, how many fields, those settled against them.
	let second: { keyer: string; fields: number; against: Set<string> } | null = null;

	for (const e of events) {
		const day = localDay(e.at);
		const actor = e.actorId;
		switch (e.action) {
			case 'entry.edit':
				if (actor) userEvents.push({ day, userId: actor, kind: 'edited' });
				break;
			case 'entry.correct':
				for (const k of correctedKeys(e.data)) changed.add(k);
				break;
			case 'entry.settle':
				for (const s of settled(e.data)) {
					if (s.against === 'clerk') {
						changed.add(s.key);
						against.add(s.key);
					} else if (s.against === 'secondKeyer') second?.against.add(s.key);
				}
				break;
			case 'entry.secondKeying':
				if (actor) second = { keyer: actor, fields: keyedCount(e.data), against: new Set() };
				break;
			case 'entry.submit':
				submittedDay ??= day;
				clerk = actor ?? entry.submittedBy;
				changed = new Set();
				against = new Set();
				second = null;
				if (actor) userEvents.push({ day, userId: actor, kind: 'submitted' });
				break;
			case 'entry.return': {
				if (actor) userEvents.push({ day, userId: actor, kind: 'returned' });
				const code =
					isObject(e.data) && typeof e.data.reasonCode === 'string' ? e.data.reasonCode : null;
				const judged = clerk ?? entry.submittedBy;
				if (judged)
					judgements.push({
						day,
						clerk: judged,
						outcome: 'returned',
						firstPass: false,
						fields: 0,
						changed: 0,
						against: 0,
						reasonCode: code
					});
				returnedBefore = true;
				break;
			}
			case 'entry.approve': {
				approvedDay ??= day;
				if (actor) userEvents.push({ day, userId: actor, kind: 'approved' });
				const stated =
					isObject(e.data) && typeof e.data.firstPass === 'boolean' ? e.data.firstPass : null;
				const judged = clerk ?? entry.submittedBy;
				if (judged)
					judgements.push({
						day,
						clerk: judged,
						outcome: 'approved',
						firstPass: stated ?? !returnedBefore,
						fields: fields.length,
						changed: changed.size,
						against: against.size,
						reasonCode: null
					});
				if (second)
					judgements.push({
						day,
						clerk: second.keyer,
						outcome: 'keyed',
						firstPass: false,
						fields: second.fields,
						changed: second.against.size,
						against: second.against.size,
						reasonCode: null
					});
				break;
			}
			case 'entry.export':
				exportedDay ??= day;
				break;
		}
	}

	const done = entry.state === 'approved' || entry.state === 'exported';
	return {
		state: entry.state,
		importedDay: localDay(entry.createdAt),
		submittedDay,
		approvedDay: done ? (approvedDay ?? localDay(entry.createdAt)) : null,
		exportedDay: entry.state === 'exported' ? (exportedDay ?? approvedDay) : null,
		userEvents,
		judgements,
		fields: done ? fields.map(fieldFacts) : []
	};
}

function fieldFacts(f: FactField): FieldFacts {
	const hasOcr = f.ocrValue !== null;
	const ocr = (f.ocrValue ?? '').normalize('NFC').trim();
	const final = f.value.normalize('NFC').trim();
	const { edits, chars } = hasOcr ? cerParts(ocr, final) : { edits: 0, chars: 0 };
	const kept = hasOcr && ocr === final;
	return {
		key: f.key,
		hasOcr,
		kept,
		cerEdits: edits,
		cerChars: chars,
		changed: hasOcr && !kept,
		flagged: hasOcr && flaggedField(f)
	};
}
