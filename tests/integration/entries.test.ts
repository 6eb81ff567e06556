import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDatabase } from './databases';
import {
	addUser,
	auditCount,
	BUON_MA_THUOT,
	createBook,
	createEntry,
	DAK_LAK,
	entryRow,
	TAN_LAP,
	nameField,
	type TestUser
} from './fixtures';
import { AppError } from '../../src/lib/server/errors';

async function refusal(p: Promise<unknown>): Promise<AppError> {
	const e = await p.then(
		() => null,
		(err: unknown) => err
	);
	expect(e, 'expected a refusal').toBeInstanceOf(AppError);
	return e as AppError;
}

forEachDatabase('entries', (t) => {
	let clerk: TestUser; // Tân Lập
	let clerkBmt: TestUser;
	let officer: TestUser; // Tân Lập
	let officer2: TestUser; // Tân Lập
	let supervisor: TestUser; // Đắk Lắk
	let bookTanLap: { id: string; unit: string };
	let bookBmt: { id: string; unit: string };
	let key: string;

	beforeAll(async () => {
		const s = t.services;
		clerk = await addUser(s, 'clerk', TAN_LAP);
		clerkBmt = await addUser(s, 'clerk', BUON_MA_THUOT);
		officer = await addUser(s, 'officer', TAN_LAP);
		officer2 = await addUser(s, 'officer', TAN_LAP);
		supervisor = await addUser(s, 'supervisor', DAK_LAK);
		bookTanLap = await createBook(s.database.db, TAN_LAP);
		bookBmt = await createBook(s.database.db, BUON_MA_THUOT);
		key = nameField();
	});

	const fresh = (book = bookTanLap, o = {}) =>
		createEntry(t.services.database.db, book, { fields: { [key]: 'Nguyễn Văn A' }, ...o });

	async function snapshot(id: string) {
		const db = t.services.database.db;
		return {
			entry: await entryRow(db, id),
			fields: await db
				.selectFrom('entry_field')
				.selectAll()
				.where('entry_id', '=', id)
				.orderBy('key')
				.execute(),
			audit: await auditCount(db)
		};
	}

	describe('visibility', () => {
		it('answers 404 to a clerk of Tân Lập for an entry of Buôn Ma Thuột, for reads and writes', async () => {
			const id = await fresh(bookBmt);
			const before = await snapshot(id);
			for (const attempt of [
				() => t.services.entries.get(clerk, id),
				() => t.services.entries.update(clerk, id, { version: 1, fields: { [key]: 'X' } }),
				() => t.services.entries.submit(clerk, id)
			]) {
				const e = await refusal(attempt());
				expect([e.status, e.code]).toEqual([404, 'http.notFound']);
			}
			expect(await snapshot(id)).toEqual(before);
			// The same entry is visible to its own commune's clerk.
			expect((await t.services.entries.get(clerkBmt, id)).unit).toBe(BUON_MA_THUOT);
		});

		it('answers 404 for an id that does not exist', async () => {
			const e = await refusal(
				t.services.entries.get(clerk, '00000000-0000-0000-0000-000000000000')
			);
			expect(e.status).toBe(404);
		});

		it("lets the province's supervisor see both communes' entries", async () => {
			const a = await fresh(bookTanLap);
			const b = await fresh(bookBmt);
			expect((await t.services.entries.get(supervisor, a)).unit).toBe(TAN_LAP);
			expect((await t.services.entries.get(supervisor, b)).unit).toBe(BUON_MA_THUOT);
			const listed = new Set((await t.services.entries.list(supervisor, {})).map((e) => e.id));
			expect(listed.has(a) && listed.has(b)).toBe(true);
		});

		it("lists only the clerk's own unit", async () => {
			await fresh(bookBmt);
			const listed = await t.services.entries.list(clerk, {});
			expect(listed.length).toBeGreaterThan(0);
			expect(listed.every((e) => e.unit === TAN_LAP)).toBe(true);
			expect(await t.services.entries.list(clerk, { unit: BUON_MA_THUOT })).toEqual([]);
		});
	});

	describe('saving fields', () => {
		it('saves at the current version: version +1, in progress, one audit row', async () => {
			const id = await fresh();
			const before = await snapshot(id);
			const view = await t.services.entries.update(clerk, id, {
				version: 1,
				fields: { [key]: 'Nguyễn Văn Bình' }
			});
			expect(view).toMatchObject({ version: 2, state: 'in_progress', transcribedBy: clerk.id });
			expect(view.fields[key]?.value).toBe('Nguyễn Văn Bình');
			expect(view.fields[key]?.ocrValue).toBe('Nguyễn Văn A');
			expect(await auditCount(t.services.database.db)).toBe(before.audit + 1);
		});

		it('refuses a stale version with 409 and writes nothing', async () => {
			const id = await fresh();
			await t.services.entries.update(clerk, id, { version: 1, fields: { [key]: 'Lần một' } });
			const before = await snapshot(id);
			const e = await refusal(
				t.services.entries.update(clerk, id, { version: 1, fields: { [key]: 'Lần hai' } })
			);
			expect([e.status, e.code]).toEqual([409, 'entry.staleVersion']);
			expect(await snapshot(id)).toEqual(before);
		});

		it('refuses an unknown field with 422 naming it, and writes nothing', async () => {
			const id = await fresh();
			const before = await snapshot(id);
			const e = await refusal(
				t.services.entries.update(clerk, id, {
					version: 1,
					fields: { [key]: 'Hợp lệ', no_such_field: 'x' }
				})
			);
			expect([e.status, e.code]).toEqual([422, 'entry.unknownFields']);
			expect(e.params.fields).toBe('no_such_field');
			expect(await snapshot(id)).toEqual(before);
		});

		it('lets only one of two concurrent saves at the same version win; the loser leaves no trace', async () => {
			const id = await fresh();
			const before = await snapshot(id);
			const results = await Promise.allSettled([
				t.services.entries.update(clerk, id, { version: 1, fields: { [key]: 'Người A' } }),
				t.services.entries.update(officer, id, { version: 1, fields: { [key]: 'Người B' } })
			]);
			const won = results.filter((r) => r.status === 'fulfilled');
			const lost = results.filter((r) => r.status === 'rejected');
			expect(won).toHaveLength(1);
			expect(lost).toHaveLength(1);
			expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
			const after = await snapshot(id);
			expect(after.entry.version).toBe(2);
			expect(after.audit).toBe(before.audit + 1);
			const winner = (
				won[0] as PromiseFulfilledResult<{ fields: Record<string, { value: string }> }>
			).value;
			expect(after.fields.find((f) => f.key === key)?.value).toBe(winner.fields[key]?.value);
		});
	});

	describe('submit and approve (four eyes)', () => {
		it('clerk edits and submits, another officer approves', async () => {
			const id = await fresh();
			await t.services.entries.update(clerk, id, { version: 1, fields: { [key]: 'Trần Thị C' } });
			const submitted = await t.services.entries.submit(clerk, id, 2);
			expect(submitted).toMatchObject({ state: 'submitted', submittedBy: clerk.id, version: 3 });
			const approved = await t.services.entries.approve(officer, id, 3);
			expect(approved).toMatchObject({ state: 'approved', approvedBy: officer.id, version: 4 });
		});

		it('refuses approval by the clerk (403 entry.roleForbidden)', async () => {
			const id = await fresh();
			await t.services.entries.submit(clerk, id);
			const before = await snapshot(id);
			const e = await refusal(t.services.entries.approve(clerk, id));
			expect([e.status, e.code]).toEqual([403, 'entry.roleForbidden']);
			expect(await snapshot(id)).toEqual(before);
		});

		it('refuses approval by the officer who edited and submitted it (403 entry.ownWork)', async () => {
			const id = await fresh();
			await t.services.entries.update(officer, id, { version: 1, fields: { [key]: 'Lê D' } });
			await t.services.entries.submit(officer, id);
			const before = await snapshot(id);
			const e = await refusal(t.services.entries.approve(officer, id));
			expect([e.status, e.code]).toEqual([403, 'entry.ownWork']);
			expect(await snapshot(id)).toEqual(before);
			// The second officer of the commune may.
			expect((await t.services.entries.approve(officer2, id)).state).toBe('approved');
		});

		it('lets the reviewing officer correct then approve, recording the correction as theirs', async () => {
			const id = await fresh();
			await t.services.entries.update(clerk, id, { version: 1, fields: { [key]: 'Phạm E' } });
			await t.services.entries.submit(clerk, id);
			// The approval issue: "correct then approve (corrections recorded as the officer's)"; only
			// transcribing or editing *before submission* makes an entry the officer's own work.
			const v = (await entryRow(t.services.database.db, id)).version;
			await t.services.entries.update(officer, id, { version: v, fields: { [key]: 'Phạm Văn E' } });
			const corrected = await snapshot(id);
			expect(corrected.entry.state).toBe('submitted');
			expect(corrected.entry.last_edited_by).toBe(clerk.id);
			const field = await t.services.database.db
				.selectFrom('entry_field')
				.selectAll()
				.where('entry_id', '=', id)
				.where('key', '=', key)
				.executeTakeFirstOrThrow();
			expect([field.value, field.updated_by]).toEqual(['Phạm Văn E', officer.id]);
			const audit = await t.services.database.db
				.selectFrom('audit_log')
				.select(['action', 'actor_id'])
				.where('subject_id', '=', id)
				.where('action', '=', 'entry.correct')
				.execute();
			expect(audit).toEqual([{ action: 'entry.correct', actor_id: officer.id }]);
			expect((await t.services.entries.approve(officer, id)).state).toBe('approved');
		});

		it('refuses an action in the wrong state with 409 and writes nothing', async () => {
			const id = await fresh();
			const before = await snapshot(id);
			const e = await refusal(t.services.entries.approve(officer, id));
			expect([e.status, e.code]).toEqual([409, 'entry.wrongState']);
			expect(await snapshot(id)).toEqual(before);

			await t.services.entries.submit(clerk, id);
			await t.services.entries.approve(officer, id);
			const approved = await snapshot(id);
			for (const attempt of [
				() => t.services.entries.submit(clerk, id),
				() => t.services.entries.approve(officer2, id),
				() =>
					t.services.entries.update(clerk, id, {
						version: approved.entry.version,
						fields: { [key]: 'Sau khi duyệt' }
					})
			]) {
				const w = await refusal(attempt());
				expect([w.status, w.code]).toEqual([409, 'entry.wrongState']);
			}
			expect(await snapshot(id)).toEqual(approved);
		});

		it('returns with a reason to the clerk, who can edit and resubmit', async () => {
			const id = await fresh();
			await t.services.entries.submit(clerk, id);
			// A thunk: `return` may refuse synchronously, before any promise exists.
			const empty = await refusal(
				Promise.resolve().then(() => t.services.entries.return(officer, id, '   '))
			);
			expect(empty.status).toBe(422);
			const returned = await t.services.entries.return(officer, id, 'Sai ngày sinh');
			expect(returned).toMatchObject({ state: 'returned', returnReason: 'Sai ngày sinh' });
			const edited = await t.services.entries.update(clerk, id, {
				version: returned.version,
				fields: { [key]: 'Đã sửa' }
			});
			expect(edited.state).toBe('in_progress');
			expect((await t.services.entries.submit(clerk, id)).state).toBe('submitted');
		});
	});
});
