import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDatabase } from './databases';
import {
	addUser,
	auditCount,
	BUON_MA_THUOT,
	createBook,
	createEntry,
	entryRow,
	TAN_LAP,
	type TestUser
} from './fixtures';
import { callApi, callPage, type ApiAction, type PageAction } from './approval-harness';
import { entryStates, type EntryState } from '../../src/lib/verify/entry-lifecycle';
import type { Role } from '../../src/lib/auth/roles';
import { verifyAudit } from '../../src/lib/server/audit/audit-log';

/**
 * The approval issue's matrix: every role × own or another's entry × own or another unit × every
 * state, for every action on the API and on the review page. Expectations are written out here
 * from DESIGN.md and the issue, independently of the lifecycle table they test.
 */
const roles: Role[] = ['clerk', 'officer', 'supervisor', 'admin'];
const apiRoles: Record<ApiAction, Role[]> = {
	submit: ['clerk', 'officer'],
	approve: ['officer'],
	return: ['officer'],
	patch: ['clerk', 'officer', 'supervisor', 'admin'],
	blind: ['officer'],
	settle: ['officer']
};
/** Per action: states it starts from, who may take it there, whether the actor must be a second person. */
const rules: Record<
	Exclude<ApiAction, 'settle'>,
	{ from: EntryState[]; roles: Role[]; secondPerson: boolean }[]
> = {
	submit: [
		{ from: ['prefilled', 'in_progress'], roles: ['clerk', 'officer'], secondPerson: false }
	],
	approve: [{ from: ['submitted'], roles: ['officer'], secondPerson: true }],
	return: [{ from: ['submitted'], roles: ['officer'], secondPerson: true }],
	blind: [{ from: ['submitted'], roles: ['officer'], secondPerson: true }],
	patch: [
		{
			from: ['imported', 'prefilled', 'in_progress', 'returned'],
			roles: ['clerk', 'officer'],
			secondPerson: false
		},
		{ from: ['submitted'], roles: ['officer'], secondPerson: true }
	]
};

interface Cell {
	state: EntryState;
	role: Role;
	own: boolean;
	sameUnit: boolean;
}

function expected(action: Exclude<ApiAction, 'settle'>, c: Cell, via: 'api' | 'page'): number {
	if (via === 'api' && !apiRoles[action].includes(c.role)) return 403;
	if (via === 'page' && c.role === 'admin') return 404; // the page is not theirs at all
	if (!c.sameUnit) return 404;
	const byState = rules[action].filter((r) => r.from.includes(c.state));
	if (byState.length === 0) return 409;
	const rule = byState.find((r) => r.roles.includes(c.role));
	if (!rule) return 403;
	if (rule.secondPerson && c.own) return 403;
	return 200;
}

const cells: Cell[] = entryStates.flatMap((state) =>
	roles.flatMap((role) =>
		[true, false].flatMap((own) =>
			[true, false].map((sameUnit) => ({ state, role, own, sameUnit }))
		)
	)
);

const values = {
	so: '12',
	nksHoTen: 'Nguyễn Văn An',
	nksNgaySinh: '01/02/2008',
	meHoTen: 'Lê Thị Bình',
	chaHoTen: 'Nguyễn Văn Cường'
};

forEachDatabase('approval: role × action matrix', (t) => {
	const users = {} as Record<Role, TestUser>;
	let otherClerk: TestUser;
	let books: { here: { id: string; unit: string }; there: { id: string; unit: string } };

	beforeAll(async () => {
		for (const role of roles) users[role] = await addUser(t.services, role, TAN_LAP);
		otherClerk = await addUser(t.services, 'clerk', TAN_LAP);
		books = {
			here: await createBook(t.services.database.db, TAN_LAP),
			there: await createBook(t.services.database.db, BUON_MA_THUOT)
		};
	});

	const entryFor = (c: Cell) => {
		const who = c.own ? users[c.role].id : otherClerk.id;
		return createEntry(t.services.database.db, c.sameUnit ? books.here : books.there, {
			state: c.state,
			fields: values,
			transcribedBy: c.state === 'prefilled' || c.state === 'imported' ? null : who,
			lastEditedBy: c.state === 'prefilled' || c.state === 'imported' ? null : who,
			submittedBy: c.state === 'submitted' ? who : null
		});
	};

	const apiBody = (action: ApiAction, version: number): unknown =>
		action === 'patch'
			? { version, fields: { nksHoTen: 'Nguyễn Văn Ân' } }
			: action === 'return'
				? { reasonCode: 'wrong_name', comment: 'Xem lại tên', version }
				: action === 'blind'
					? { version, values }
					: { version };
	const pageForm = (action: PageAction, version: number): Record<string, string> => ({
		version: String(version),
		...(action === 'return' ? { reasonCode: 'illegible', comment: '' } : {}),
		...(action === 'blind'
			? Object.fromEntries(Object.entries(values).map(([k, v]) => [`blind.${k}`, v]))
			: {})
	});

	it('refuses every forbidden cell on the API and on the page, writing nothing; allows the rest', async () => {
		const db = t.services.database.db;
		const apiActions: Exclude<ApiAction, 'settle'>[] = [
			'submit',
			'approve',
			'return',
			'patch',
			'blind'
		];
		const pageActions: Exclude<PageAction, 'settle'>[] = ['approve', 'return', 'blind'];
		const mismatches: string[] = [];
		let refused = 0;
		let allowed = 0;
		for (const c of cells) {
			let id = await entryFor(c);
			const calls = [
				...apiActions.map((a) => ({ via: 'api' as const, action: a })),
				...pageActions.map((a) => ({ via: 'page' as const, action: a }))
			];
			for (const { via, action } of calls) {
				const before = await entryRow(db, id);
				const audit = await auditCount(db);
				const user = users[c.role];
				const got =
					via === 'api'
						? await callApi(t.services, user, action, id, apiBody(action, before.version))
						: await callPage(
								t.services,
								user,
								action as PageAction,
								id,
								pageForm(action as PageAction, before.version)
							);
				const want = expected(action, c, via);
				const label = `${via} ${action} on ${c.state} by ${c.role} (${c.own ? 'own' : "another's"}, ${c.sameUnit ? 'own unit' : 'other unit'})`;
				if (got.status !== want) mismatches.push(`${label}: got ${got.status}, want ${want}`);
				if (want === 200) {
					allowed++;
					id = await entryFor(c); // the entry moved on: the next action starts afresh
				} else {
					refused++;
					expect(await entryRow(db, id), label).toEqual(before);
					expect(await auditCount(db), label).toBe(audit);
				}
			}
		}
		expect(mismatches).toEqual([]);
		expect(refused + allowed).toBe(cells.length * 8);
		expect(refused).toBeGreaterThan(allowed);
		expect((await verifyAudit(db)).ok).toBe(true);
	});

	describe('separation of duties in detail', () => {
		it('an officer who edited before submission may not approve or return it; a second officer may', async () => {
			const db = t.services.database.db;
			const officer2 = await addUser(t.services, 'officer', TAN_LAP);
			const clerk = users.clerk;
			const officer = users.officer;
			const id = await createEntry(db, books.here, { fields: values });
			await t.services.entries.update(clerk, id, { version: 1, fields: { so: '13' } });
			await t.services.entries.update(officer, id, { version: 2, fields: { so: '14' } });
			await t.services.entries.update(clerk, id, { version: 3, fields: { so: '15' } });
			await t.services.entries.submit(clerk, id, 4);
			const row = await entryRow(db, id);
			expect([row.transcribed_by, row.last_edited_by]).toEqual([clerk.id, clerk.id]);
			// The clerk started it and edited last: an earlier edit by the officer does not make it
			// the officer's (DESIGN.md: "transcribed or last edited")...
			expect((await callApi(t.services, officer, 'approve', id, { version: 5 })).status).toBe(200);

			// ...but an officer who edited last before submission may not.
			const id2 = await createEntry(db, books.here, { fields: values });
			await t.services.entries.update(clerk, id2, { version: 1, fields: { so: '16' } });
			await t.services.entries.update(officer, id2, { version: 2, fields: { so: '17' } });
			await t.services.entries.submit(clerk, id2, 3);
			for (const via of ['api', 'page'] as const) {
				for (const action of ['approve', 'return'] as const) {
					const got =
						via === 'api'
							? await callApi(t.services, officer, action, id2, apiBody(action, 4))
							: await callPage(t.services, officer, action, id2, pageForm(action, 4));
					expect([via, action, got.status, got.code]).toEqual([via, action, 403, 'entry.ownWork']);
				}
			}
			expect((await callPage(t.services, officer2, 'approve', id2, { version: '4' })).status).toBe(
				200
			);
		});

		it('refuses the approval of a stale version (409) on the API and the page', async () => {
			const db = t.services.database.db;
			const id = await createEntry(db, books.here, {
				state: 'submitted',
				version: 5,
				fields: values,
				transcribedBy: otherClerk.id,
				lastEditedBy: otherClerk.id,
				submittedBy: otherClerk.id
			});
			const api = await callApi(t.services, users.officer, 'approve', id, { version: 4 });
			const page = await callPage(t.services, users.officer, 'approve', id, { version: '4' });
			expect([api.status, api.code]).toEqual([409, 'entry.staleVersion']);
			expect([page.status, page.code]).toEqual([409, 'entry.staleVersion']);
			expect((await entryRow(db, id)).state).toBe('submitted');
		});

		it('answers 401 to the API without a session', async () => {
			const id = await createEntry(t.services.database.db, books.here, { fields: values });
			expect((await callApi(t.services, null, 'approve', id, {})).status).toBe(401);
		});
	});
});
