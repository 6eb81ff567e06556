import type { Role } from '../auth/roles';

/**
 * The life of one register entry, from scanned to exported, and who may move it.
 * One table holds both the transitions and the actor rules so no other module
 * re-decides them (DESIGN.md data flow; the approval issue's separation of duties).
 */
export const entryStates = [
	'imported', // page scanned, entry region known, nothing read yet
	'prefilled', // OCR filled the fields
	'in_progress', // a clerk is correcting it
	'submitted', // waiting for an officer
	'returned', // an officer sent it back with a reason
	'approved', // ready for the national database
	'exported' // left sohoa in an export package
] as const;
export type EntryState = (typeof entryStates)[number];

export const entryActions = [
	'prefill',
	'edit',
	'submit',
	'check',
	'key',
	'approve',
	'return',
	'export'
] as const;
export type EntryAction = (typeof entryActions)[number];

export type ActorRole = Role | 'system';
export interface Actor {
	id: string;
	role: ActorRole;
}

/** What the rules need to know about an entry. */
export interface EntryFacts {
	state: EntryState;
	/** First person who worked on the transcription. */
	transcribedBy: string | null;
	/** Last person who edited the fields before it was submitted (null once reviewed edits start). */
	lastEditedBy: string | null;
	submittedBy: string | null;
	/** A blind re-keying or double keying found differences nobody has settled yet (approval waits). */
	unsettled?: boolean;
	/** Double keying: this round's second keying is still to be submitted (the officer waits for it). */
	secondKeyingDue?: boolean;
	/** Who holds (or did) this round's second keying. */
	secondKeyer?: string | null;
}

interface Rule {
	from: readonly EntryState[];
	/** The state after the action; `stay` keeps the current one (an officer correcting under review). */
	to: EntryState | 'stay';
	actors: readonly ActorRole[];
	/** Four-eyes: the actor must not be the entry's transcriber, submitter, last editor or second keyer. */
	secondPerson?: boolean;
	/** Double keying: the actor must not have keyed the first transcription, nor be a second keyer other than the one holding it. */
	independentKeyer?: boolean;
}

const editable: readonly EntryState[] = ['imported', 'prefilled', 'in_progress', 'returned'];

export const lifecycleRules: Record<EntryAction, readonly Rule[]> = {
	prefill: [{ from: ['imported', 'prefilled'], to: 'prefilled', actors: ['system'] }],
	edit: [
		{ from: editable, to: 'in_progress', actors: ['clerk', 'officer'] },
		// An officer's correction during review keeps the entry under review; it is recorded as theirs.
		{ from: ['submitted'], to: 'stay', actors: ['officer'], secondPerson: true }
	],
	submit: [{ from: ['in_progress', 'prefilled'], to: 'submitted', actors: ['clerk', 'officer'] }],
	// Blind re-keying and settling its differences: part of the review, by a second person.
	check: [{ from: ['submitted'], to: 'stay', actors: ['officer'], secondPerson: true }],
	// Double keying: a second, independent keying of a submitted entry, by someone who did not key it.
	key: [{ from: ['submitted'], to: 'stay', actors: ['clerk', 'officer'], independentKeyer: true }],
	approve: [{ from: ['submitted'], to: 'approved', actors: ['officer'], secondPerson: true }],
	return: [{ from: ['submitted'], to: 'returned', actors: ['officer'], secondPerson: true }],
	export: [
		{ from: ['approved', 'exported'], to: 'exported', actors: ['officer', 'admin', 'system'] }
	]
};

export type LifecycleRefusal =
	| 'entry.wrongState'
	| 'entry.roleForbidden'
	| 'entry.ownWork'
	| 'entry.unsettled'
	| 'entry.awaitingSecondKeying'
	| 'entry.keyingNotDue'
	| 'entry.keyingTaken';

/** The officer's actions on a submitted entry, which wait until its second keying is in. */
const reviewActions: readonly EntryAction[] = ['edit', 'check', 'approve', 'return'];

export type LifecycleDecision =
	| { ok: true; next: EntryState }
	| { ok: false; code: LifecycleRefusal; params: { action: EntryAction; state: EntryState } };

export function decide(entry: EntryFacts, action: EntryAction, actor: Actor): LifecycleDecision {
	const rules = lifecycleRules[action];
	const params = { action, state: entry.state };
	const byState = rules.filter((r) => r.from.includes(entry.state));
	if (byState.length === 0) return { ok: false, code: 'entry.wrongState', params };
	const byRole = byState.filter((r) => r.actors.includes(actor.role));
	if (byRole.length === 0) return { ok: false, code: 'entry.roleForbidden', params };
	const rule = byRole[0]!;
	if (rule.secondPerson && isOwnWork(entry, actor)) {
		return { ok: false, code: 'entry.ownWork', params };
	}
	if (rule.independentKeyer) {
		// One person can never be both keyers of an entry: that would make the comparison a no-op.
		if (isFirstKeyer(entry, actor)) return { ok: false, code: 'entry.ownWork', params };
		if (!entry.secondKeyingDue) return { ok: false, code: 'entry.keyingNotDue', params };
		if (entry.secondKeyer && entry.secondKeyer !== actor.id)
			return { ok: false, code: 'entry.keyingTaken', params };
	}
	// The review starts once both keyings are in: until then there is nothing to compare or decide.
	if (entry.secondKeyingDue && entry.state === 'submitted' && reviewActions.includes(action))
		return { ok: false, code: 'entry.awaitingSecondKeying', params };
	// Nothing is approved while a reading of it is disputed: settle first (or return it).
	if (action === 'approve' && entry.unsettled)
		return { ok: false, code: 'entry.unsettled', params };
	return { ok: true, next: rule.to === 'stay' ? entry.state : rule.to };
}

/** Whether the actor keyed the transcription (first keying): transcribed, last edited or submitted it. */
export function isFirstKeyer(entry: EntryFacts, actor: Actor): boolean {
	return [entry.transcribedBy, entry.lastEditedBy, entry.submittedBy].includes(actor.id);
}

/**
 * Whether the first keying is withheld from the actor: while the second keying is due, everything
 * of the first (its values, OCR's, its link decision, the values in its history) is its keyers'
 * alone, so the second keying stays independent. The one rule every read of an entry asks.
 */
export function firstKeyingWithheld(entry: EntryFacts, actor: Actor): boolean {
	return !!entry.secondKeyingDue && !isFirstKeyer(entry, actor);
}

/** Whether the entry is the actor's own work: either keying of it. */
export function isOwnWork(entry: EntryFacts, actor: Actor): boolean {
	return isFirstKeyer(entry, actor) || (!!entry.secondKeyer && entry.secondKeyer === actor.id);
}

/** The actions an actor could take on an entry now (for showing buttons, never for deciding). */
export function allowedActions(entry: EntryFacts, actor: Actor): EntryAction[] {
	return entryActions.filter((a) => decide(entry, a, actor).ok);
}
