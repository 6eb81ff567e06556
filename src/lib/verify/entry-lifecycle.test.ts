import { describe, expect, it } from 'vitest';
import {
	allowedActions,
	decide,
	entryActions,
	entryStates,
	firstKeyingWithheld,
	type ActorRole,
	type EntryAction,
	type EntryFacts,
	type EntryState
} from './entry-lifecycle';

/**
 * The lifecycle as DESIGN.md states it, written out independently of `lifecycleRules`:
 * for each action, the states it starts from, who may take it, where it leads, and whether
 * the four-eyes rule applies. Every state × action × role × relation is checked against it.
 */
const spec: Record<
	EntryAction,
	{ from: EntryState[]; roles: ActorRole[]; to: EntryState | 'same'; fourEyes: boolean }[]
> = {
	prefill: [
		{ from: ['imported', 'prefilled'], roles: ['system'], to: 'prefilled', fourEyes: false }
	],
	edit: [
		{
			from: ['imported', 'prefilled', 'in_progress', 'returned'],
			roles: ['clerk', 'officer'],
			to: 'in_progress',
			fourEyes: false
		},
		{ from: ['submitted'], roles: ['officer'], to: 'same', fourEyes: true }
	],
	submit: [
		{
			from: ['prefilled', 'in_progress'],
			roles: ['clerk', 'officer'],
			to: 'submitted',
			fourEyes: false
		}
	],
	check: [{ from: ['submitted'], roles: ['officer'], to: 'same', fourEyes: true }],
	// No second keying is due in these facts: the rule is reachable, then refused as not due.
	key: [{ from: ['submitted'], roles: ['clerk', 'officer'], to: 'same', fourEyes: true }],
	approve: [{ from: ['submitted'], roles: ['officer'], to: 'approved', fourEyes: true }],
	return: [{ from: ['submitted'], roles: ['officer'], to: 'returned', fourEyes: true }],
	export: [
		{
			from: ['approved', 'exported'],
			roles: ['officer', 'admin', 'system'],
			to: 'exported',
			fourEyes: false
		}
	]
};

const actorRoles: ActorRole[] = ['clerk', 'officer', 'supervisor', 'admin', 'system'];
const ME = 'me';
const relations = ['stranger', 'transcriber', 'lastEditor', 'submitter'] as const;
type Relation = (typeof relations)[number];

function facts(state: EntryState, rel: Relation): EntryFacts {
	return {
		state,
		transcribedBy: rel === 'transcriber' ? ME : 'someone',
		lastEditedBy: rel === 'lastEditor' ? ME : 'someone-else',
		submittedBy: rel === 'submitter' ? ME : state === 'submitted' ? 'someone' : null
	};
}

function expected(state: EntryState, action: EntryAction, role: ActorRole, rel: Relation) {
	const byState = spec[action].filter((r) => r.from.includes(state));
	if (byState.length === 0) return { ok: false, code: 'entry.wrongState' };
	const rule = byState.find((r) => r.roles.includes(role));
	if (!rule) return { ok: false, code: 'entry.roleForbidden' };
	if (rule.fourEyes && rel !== 'stranger') return { ok: false, code: 'entry.ownWork' };
	if (action === 'key') return { ok: false, code: 'entry.keyingNotDue' };
	return { ok: true, next: rule.to === 'same' ? state : rule.to };
}

const cases = entryStates.flatMap((state) =>
	entryActions.flatMap((action) =>
		actorRoles.flatMap((role) => relations.map((rel) => ({ state, action, role, rel })))
	)
);

describe('entry lifecycle', () => {
	it('covers every state × action × role × relation', () => {
		expect(cases).toHaveLength(7 * 8 * 5 * 4);
	});

	it.each(cases)('$action on $state by $role ($rel)', ({ state, action, role, rel }) => {
		const got = decide(facts(state, rel), action, { id: ME, role });
		const want = expected(state, action, role, rel);
		if (want.ok) expect(got).toEqual({ ok: true, next: want.next });
		else expect(got).toEqual({ ok: false, code: want.code, params: { action, state } });
	});

	describe('four eyes', () => {
		const submitted = (who: Partial<EntryFacts>): EntryFacts => ({
			state: 'submitted',
			transcribedBy: 'clerk-1',
			lastEditedBy: 'clerk-1',
			submittedBy: 'clerk-1',
			...who
		});
		const officer = { id: 'officer-1', role: 'officer' as const };
		it.each([
			['transcribed it', { transcribedBy: 'officer-1' }],
			['last edited it', { lastEditedBy: 'officer-1' }],
			['submitted it', { submittedBy: 'officer-1' }]
		] as const)('an officer who %s may not approve, return or correct it', (_, who) => {
			for (const action of ['approve', 'return', 'edit', 'check'] as const) {
				expect(decide(submitted(who), action, officer)).toMatchObject({
					ok: false,
					code: 'entry.ownWork'
				});
			}
		});
		it('another officer may approve it', () => {
			expect(decide(submitted({}), 'approve', officer)).toEqual({ ok: true, next: 'approved' });
		});
		it('nobody approves it while a blind re-keying difference is unsettled; returning is still open', () => {
			const disputed = submitted({ unsettled: true });
			expect(decide(disputed, 'approve', officer)).toEqual({
				ok: false,
				code: 'entry.unsettled',
				params: { action: 'approve', state: 'submitted' }
			});
			expect(decide(disputed, 'return', officer)).toEqual({ ok: true, next: 'returned' });
			expect(decide(disputed, 'check', officer)).toEqual({ ok: true, next: 'submitted' });
		});
		describe('double keying', () => {
			const clerkB = { id: 'clerk-2', role: 'clerk' as const };
			const due = submitted({ secondKeyingDue: true });
			it('a second person may key it while the second keying is due', () => {
				expect(decide(due, 'key', clerkB)).toEqual({ ok: true, next: 'submitted' });
				expect(decide(due, 'key', officer)).toEqual({ ok: true, next: 'submitted' });
			});
			it('the first keyer may never key it a second time', () => {
				expect(decide(due, 'key', { id: 'clerk-1', role: 'clerk' })).toMatchObject({
					ok: false,
					code: 'entry.ownWork'
				});
			});
			it('the second keying is one person’s: another is refused while it is held', () => {
				const held = submitted({ secondKeyingDue: true, secondKeyer: 'clerk-2' });
				expect(decide(held, 'key', clerkB).ok).toBe(true);
				expect(decide(held, 'key', { id: 'clerk-3', role: 'clerk' })).toMatchObject({
					ok: false,
					code: 'entry.keyingTaken'
				});
			});
			it('withholds the first keying from everyone but its keyers while the second is due', () => {
				const firstKeyer = { id: 'clerk-1', role: 'clerk' as const };
				expect(firstKeyingWithheld(due, clerkB)).toBe(true);
				expect(firstKeyingWithheld(due, officer)).toBe(true);
				expect(firstKeyingWithheld(due, firstKeyer)).toBe(false);
				expect(firstKeyingWithheld(submitted({ secondKeyer: 'clerk-2' }), clerkB)).toBe(false);
				expect(firstKeyingWithheld(submitted({}), officer)).toBe(false);
			});
			it('nothing is keyed twice once the second keying is in, or where none is due', () => {
				expect(decide(submitted({ secondKeyer: 'clerk-2' }), 'key', clerkB)).toMatchObject({
					ok: false,
					code: 'entry.keyingNotDue'
				});
			});
			it('the officer waits for the second keying before re-keying, correcting, approving or returning', () => {
				for (const action of ['check', 'edit', 'approve', 'return'] as const)
					expect(decide(due, action, officer)).toMatchObject({
						ok: false,
						code: 'entry.awaitingSecondKeying'
					});
			});
			it('an officer who did the second keying may not approve, return or correct it', () => {
				const keyedByOfficer = submitted({ secondKeyer: 'officer-1' });
				for (const action of ['approve', 'return', 'edit', 'check'] as const)
					expect(decide(keyedByOfficer, action, officer)).toMatchObject({
						ok: false,
						code: 'entry.ownWork'
					});
			});
		});
		it('a supervisor may never approve, even as a stranger to it', () => {
			expect(decide(submitted({}), 'approve', { id: 'sup', role: 'supervisor' })).toMatchObject({
				ok: false,
				code: 'entry.roleForbidden'
			});
		});
	});

	it('offers exactly the actions decide() allows', () => {
		for (const { state, role, rel } of cases) {
			const f = facts(state, rel);
			const actor = { id: ME, role };
			expect(allowedActions(f, actor)).toEqual(entryActions.filter((a) => decide(f, a, actor).ok));
		}
	});

	it('never lets a clerk, supervisor or admin approve, from any state', () => {
		for (const state of entryStates)
			for (const role of ['clerk', 'supervisor', 'admin'] as const)
				expect(decide(facts(state, 'stranger'), 'approve', { id: ME, role }).ok).toBe(false);
	});
});
