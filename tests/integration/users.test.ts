import { describe, expect, it } from 'vitest';
import { forEachDatabase } from './databases';
import { addUser, auditCount, BUON_MA_THUOT, DAK_LAK, TAN_LAP } from './fixtures';
import { AppError } from '../../src/lib/server/errors';

const strong = 'a-long-enough-secret';

forEachDatabase('users.add', (t) => {
	async function counts() {
		const db = t.services.database.db;
		const users = await db
			.selectFrom('app_user')
			.select(db.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		const links = await db
			.selectFrom('user_unit')
			.select(db.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		return { users: Number(users.n), links: Number(links.n), audit: await auditCount(db) };
	}

	it('adds a user with a unit link and an audit row', async () => {
		const before = await counts();
		const u = await t.services.users.add(
			{ username: 'Canbo.Test', role: 'clerk', units: [TAN_LAP], password: strong },
			null
		);
		expect(u).toMatchObject({ username: 'canbo.test', role: 'clerk', units: [TAN_LAP] });
		expect(await counts()).toEqual({
			users: before.users + 1,
			links: before.links + 1,
			audit: before.audit + 1
		});
	});

	const refusals: {
		name: string;
		input: { username: string; role: string; units: string[]; password: string };
		status: number;
		code: string;
		params?: Record<string, unknown>;
	}[] = [
		{
			name: 'a role that does not exist',
			input: { username: 'x.badrole', role: 'superuser', units: [TAN_LAP], password: strong },
			status: 422,
			code: 'user.badRole',
			params: { role: 'superuser' }
		},
		{
			name: 'an unknown unit code',
			input: { username: 'x.badunit', role: 'clerk', units: ['99999'], password: strong },
			status: 422,
			code: 'unit.unknown',
			params: { code: '99999' }
		},
		{
			name: 'a username already taken (any case)',
			input: { username: 'CANBO.TEST', role: 'officer', units: [TAN_LAP], password: strong },
			status: 409,
			code: 'user.exists'
		},
		{
			name: 'a weak (short) password',
			input: { username: 'x.weak', role: 'clerk', units: [TAN_LAP], password: 'short123' },
			status: 422,
			code: 'user.weakPassword'
		}
	];

	for (const r of refusals) {
		it(`refuses ${r.name} with ${r.code} and writes nothing`, async () => {
			const before = await counts();
			const err = await t.services.users.add(r.input, null).then(
				() => null,
				(e: unknown) => e
			);
			expect(err).toBeInstanceOf(AppError);
			expect((err as AppError).code).toBe(r.code);
			expect((err as AppError).status).toBe(r.status);
			if (r.params) expect((err as AppError).params).toMatchObject(r.params);
			expect(await counts()).toEqual(before);
		});
	}

	describe('an administrator of one commune', () => {
		async function refused(p: Promise<unknown>) {
			const e = await p.then(
				() => null,
				(x: unknown) => x
			);
			expect(e).toBeInstanceOf(AppError);
			return e as AppError;
		}

		it("may not place users in another commune, see or disable that commune's users, or disable themself", async () => {
			const admin = await addUser(t.services, 'admin', TAN_LAP);
			const bmtClerk = await addUser(t.services, 'clerk', BUON_MA_THUOT);
			const ownClerk = await addUser(t.services, 'clerk', TAN_LAP);
			const before = await counts();

			const outside = await refused(
				t.services.users.add(
					{ username: 'x.outside', role: 'clerk', units: [BUON_MA_THUOT], password: strong },
					admin
				)
			);
			expect([outside.status, outside.code, outside.params]).toEqual([
				403,
				'user.unitOutsideScope',
				{ code: BUON_MA_THUOT }
			]);
			const other = await refused(t.services.users.setDisabled(bmtClerk.id, true, admin));
			expect([other.status, other.code]).toEqual([404, 'http.notFound']);
			const self = await refused(t.services.users.setDisabled(admin.id, true, admin));
			expect([self.status, self.code]).toEqual([409, 'user.selfDisable']);
			expect(await counts()).toEqual(before);

			const listed = (await t.services.users.list(admin)).map((u) => u.id);
			expect(listed).toContain(ownClerk.id);
			expect(listed).not.toContain(bmtClerk.id);

			// Within the subtree both work; the province's admin sees everyone below it.
			await t.services.users.setDisabled(ownClerk.id, true, admin);
			const provinceAdmin = await addUser(t.services, 'admin', DAK_LAK);
			const all = (await t.services.users.list(provinceAdmin)).map((u) => u.id);
			expect(all).toEqual(expect.arrayContaining([ownClerk.id, bmtClerk.id, admin.id]));
		});
	});
});
