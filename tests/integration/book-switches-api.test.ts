import { expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { forEachDatabase } from './databases';
import { createBook, createEntry, nameField, TAN_LAP, type TestUser } from './fixtures';
import { approvalFixture } from './approval-fixture';
import { callApi } from './approval-harness';
import { verifyAudit } from '../../src/lib/server/audit/audit-log';

/**
 * `PATCH /api/v1/books/:id`: a book's review switches through the API, by the same rules as the
 * book's page (book-switches.ts): every status DESIGN.md names, on both databases.
 */
forEachDatabase('book switches API', (t) => {
	const { people: p, db, auditOf } = approvalFixture(t);
	const reviewAudit = (id = p.book.id) => auditOf(id, 'book.review');
	const patch = (user: TestUser | null, body: unknown, id = p.book.id) =>
		callApi(t.services, user, 'book', id, body);
	const switches = async (id = p.book.id) => ({
		doubleKeying: await t.services.doubleKeying.doubleKeyingOn(p.supervisor, id),
		blindRekey: await t.services.review.blindRekeyOn(p.supervisor, id)
	});

	it('200: a supervisor sets both switches at once, audited in one row', async () => {
		const got = await patch(p.supervisor, { doubleKeying: true, blindRekey: false });
		expect([got.status, got.body]).toEqual([
			200,
			{ id: p.book.id, doubleKeying: true, blindRekey: false }
		]);
		expect(await switches()).toEqual({ doubleKeying: true, blindRekey: false });
		expect(await reviewAudit()).toEqual([
			{
				actor: p.supervisor.id,
				data: {
					blindRekey: { before: true, after: false },
					doubleKeying: { before: false, after: true }
				}
			}
		]);
		// Setting what already is changes nothing and writes nothing.
		const same = await patch(p.supervisor, { doubleKeying: true });
		expect([same.status, same.body]).toEqual([
			200,
			{ id: p.book.id, doubleKeying: true, blindRekey: false }
		]);
		expect(await reviewAudit()).toHaveLength(1);
		// An admin may switch double keying (the page's rule too).
		const byAdmin = await patch(p.admin, { doubleKeying: false });
		expect([byAdmin.status, byAdmin.body]).toMatchObject([200, { doubleKeying: false }]);
		expect((await verifyAudit(db())).ok).toBe(true);
	});

	it('401 without a session', async () => {
		const got = await patch(null, { doubleKeying: true });
		expect(got.status).toBe(401);
	});

	it('403 for a role that may not turn a switch; all or nothing', async () => {
		for (const who of [p.clerk, p.officer]) {
			const got = await patch(who, { doubleKeying: true });
			expect(got.status).toBe(403);
		}
		// An admin may turn double keying but not blind re-keying: neither changes.
		const before = await switches();
		const mixed = await patch(p.admin, { doubleKeying: !before.doubleKeying, blindRekey: true });
		expect([mixed.status, mixed.code]).toEqual([403, 'book.reviewSettingsForbidden']);
		expect(await switches()).toEqual(before);
	});

	it('404 for a book the user may not see, or none', async () => {
		const elsewhere = await patch(p.supervisorBmt, { doubleKeying: true });
		expect([elsewhere.status, elsewhere.code]).toEqual([404, 'http.notFound']);
		const none = await patch(p.supervisor, { doubleKeying: true }, randomUUID());
		expect(none.status).toBe(404);
	});

	it('409 when double keying would be switched off under entries waiting for their second keying', async () => {
		const own = await createBook(db(), TAN_LAP);
		expect((await patch(p.supervisor, { doubleKeying: true }, own.id)).status).toBe(200);
		const id = await createEntry(db(), own, { fields: { [nameField()]: 'Nguyen Van An' } });
		const e = await t.services.entries.update(p.clerk, id, {
			version: 1,
			fields: { [nameField()]: 'Nguyễn Văn An' }
		});
		await t.services.entries.submit(p.clerk, id, e.version);
		const refused = await patch(p.supervisor, { doubleKeying: false, blindRekey: false }, own.id);
		expect([refused.status, refused.code]).toEqual([409, 'book.secondKeyingsDue']);
		expect((refused.body as { error: { message: string } }).error.message).toContain('1');
		// Nothing changed, not even the other switch of the same request.
		expect(await switches(own.id)).toEqual({ doubleKeying: true, blindRekey: true });
		// Once keyed, it may go off.
		await t.services.doubleKeying.submit(p.clerk2, id, {
			version: 0,
			values: { [nameField()]: 'Nguyễn Văn An' }
		});
		expect((await patch(p.supervisor, { doubleKeying: false }, own.id)).status).toBe(200);
	});

	it('422 on a body that is not one or both switches as true or false', async () => {
		for (const body of [
			{},
			{ doubleKeying: 'yes' },
			{ doubleKeying: 1 },
			{ doubleKeying: true, shoeSize: 42 },
			[true]
		]) {
			const got = await patch(p.supervisor, body);
			expect([JSON.stringify(body), got.status, got.code]).toEqual([
				JSON.stringify(body),
				422,
				'http.badRequest'
			]);
		}
		const empty = await patch(p.supervisor, {});
		expect((empty.body as { error: { message: string } }).error.message).toContain('doubleKeying');
	});
});
