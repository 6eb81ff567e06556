import { beforeAll, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { forEachDatabase } from './databases';
import {
	addUser,
	BUON_MA_THUOT,
	createBook,
	createEntry,
	DAK_LAK,
	nameField,
	TAN_LAP,
	type TestUser
} from './fixtures';
import { callApi } from './approval-harness';
import { verifyAudit } from '../../src/lib/server/audit/audit-log';

/**
 * `PATCH /api/v1/books/:id`: a book's review switches through the API, by the same rules as the
 * book's page (book-switches.ts): every status DESIGN.md names, on both databases.
 */
forEachDatabase('book switches API', (t) => {
	let clerk: TestUser;
	let keyer: TestUser;
	let officer: TestUser;
	let supervisor: TestUser;
	let otherSupervisor: TestUser;
	let admin: TestUser;
	let book: { id: string; unit: string };

	beforeAll(async () => {
		clerk = await addUser(t.services, 'clerk', TAN_LAP);
		keyer = await addUser(t.services, 'clerk', TAN_LAP);
		officer = await addUser(t.services, 'officer', TAN_LAP);
		supervisor = await addUser(t.services, 'supervisor', DAK_LAK);
		otherSupervisor = await addUser(t.services, 'supervisor', BUON_MA_THUOT);
		admin = await addUser(t.services, 'admin', DAK_LAK);
		book = await createBook(t.services.database.db, TAN_LAP);
	});

	const db = () => t.services.database.db;
	const patch = (user: TestUser | null, body: unknown, id = book.id) =>
		callApi(t.services, user, 'book', id, body);
	const switches = async (id = book.id) => ({
		doubleKeying: await t.services.doubleKeying.doubleKeyingOn(supervisor, id),
		blindRekey: await t.services.review.blindRekeyOn(supervisor, id)
	});
	const reviewAudit = async (id = book.id) =>
		(
			await db()
				.selectFrom('audit_log')
				.select(['actor_id', 'data'])
				.where('subject_id', '=', id)
				.where('action', '=', 'book.review')
				.orderBy('seq')
				.execute()
		).map((r) => ({ actor: r.actor_id, data: JSON.parse(r.data) as unknown }));

	it('200: a supervisor sets both switches at once, audited in one row', async () => {
		const got = await patch(supervisor, { doubleKeying: true, blindRekey: false });
		expect([got.status, got.body]).toEqual([
			200,
			{ id: book.id, doubleKeying: true, blindRekey: false }
		]);
		expect(await switches()).toEqual({ doubleKeying: true, blindRekey: false });
		expect(await reviewAudit()).toEqual([
			{
				actor: supervisor.id,
				data: {
					blindRekey: { before: true, after: false },
					doubleKeying: { before: false, after: true }
				}
			}
		]);
		// Setting what already is changes nothing and writes nothing.
		const same = await patch(supervisor, { doubleKeying: true });
		expect([same.status, same.body]).toEqual([
			200,
			{ id: book.id, doubleKeying: true, blindRekey: false }
		]);
		expect(await reviewAudit()).toHaveLength(1);
		// An admin may switch double keying (the page's rule too).
		const byAdmin = await patch(admin, { doubleKeying: false });
		expect([byAdmin.status, byAdmin.body]).toMatchObject([200, { doubleKeying: false }]);
		expect((await verifyAudit(db())).ok).toBe(true);
	});

	it('401 without a session', async () => {
		const got = await patch(null, { doubleKeying: true });
		expect(got.status).toBe(401);
	});

	it('403 for a role that may not turn a switch; all or nothing', async () => {
		for (const who of [clerk, officer]) {
			const got = await patch(who, { doubleKeying: true });
			expect(got.status).toBe(403);
		}
		// An admin may turn double keying but not blind re-keying: neither changes.
		const before = await switches();
		const mixed = await patch(admin, { doubleKeying: !before.doubleKeying, blindRekey: true });
		expect([mixed.status, mixed.code]).toEqual([403, 'book.reviewSettingsForbidden']);
		expect(await switches()).toEqual(before);
	});

	it('404 for a book the user may not see, or none', async () => {
		const elsewhere = await patch(otherSupervisor, { doubleKeying: true });
		expect([elsewhere.status, elsewhere.code]).toEqual([404, 'http.notFound']);
		const none = await patch(supervisor, { doubleKeying: true }, randomUUID());
		expect(none.status).toBe(404);
	});

	it('409 when double keying would be switched off under entries waiting for their second keying', async () => {
		const own = await createBook(db(), TAN_LAP);
		expect((await patch(supervisor, { doubleKeying: true }, own.id)).status).toBe(200);
		const id = await createEntry(db(), own, { fields: { [nameField()]: 'Nguyen Van An' } });
		const e = await t.services.entries.update(clerk, id, {
			version: 1,
			fields: { [nameField()]: 'Nguyễn Văn An' }
		});
		await t.services.entries.submit(clerk, id, e.version);
		const refused = await patch(supervisor, { doubleKeying: false, blindRekey: false }, own.id);
		expect([refused.status, refused.code]).toEqual([409, 'book.secondKeyingsDue']);
		expect((refused.body as { error: { message: string } }).error.message).toContain('1');
		// Nothing changed, not even the other switch of the same request.
		expect(await switches(own.id)).toEqual({ doubleKeying: true, blindRekey: true });
		// Once keyed, it may go off.
		await t.services.doubleKeying.submit(keyer, id, {
			version: 0,
			values: { [nameField()]: 'Nguyễn Văn An' }
		});
		expect((await patch(supervisor, { doubleKeying: false }, own.id)).status).toBe(200);
	});

	it('422 on a body that is not one or both switches as true or false', async () => {
		for (const body of [
			{},
			{ doubleKeying: 'yes' },
			{ doubleKeying: 1 },
			{ doubleKeying: true, shoeSize: 42 },
			[true]
		]) {
			const got = await patch(supervisor, body);
			expect([JSON.stringify(body), got.status, got.code]).toEqual([
				JSON.stringify(body),
				422,
				'http.badRequest'
			]);
		}
		const empty = await patch(supervisor, {});
		expect((empty.body as { error: { message: string } }).error.message).toContain('doubleKeying');
	});
});
