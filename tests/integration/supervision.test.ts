import { expect, it } from 'vitest';
import { forEachDatabase } from './databases';
import {
	BUON_MA_THUOT,
	DAK_LAK,
	TAN_LAP,
	addUser,
	createBook,
	createEntry,
	nameField,
	refusal,
	type TestUser
} from './fixtures';
import { appendAudit } from '../../src/lib/server/audit/audit-log';
import { statsBody } from '../../src/lib/server/services/stats-service';
import { dailyReportXlsx } from '../../src/lib/server/supervision/report-xlsx';
import ExcelJS from 'exceljs';
import type { DB } from '../../src/lib/server/db/schema';

/**
 * Supervisors' figures through the real services on a real database: the entries move through
 * the lifecycle as users would move them; the approval flow's newer audit rows (settle, return
 * codes) are written here as that flow writes them.
 */
forEachDatabase('supervision', (ctx) => {
	let sup: TestUser;
	let clerk: TestUser;
	let officer: TestUser;
	let other: TestUser;
	let communeSup: TestUser;
	let book: { id: string; unit: string };
	const entryIds: string[] = [];
	const key = nameField();
	const tables = [
		['stats_book', ['book_id']],
		['stats_book_day', ['book_id', 'day']],
		['stats_field_day', ['book_id', 'day', 'field_key']],
		['stats_user_day', ['book_id', 'day', 'user_id']],
		['stats_reason_day', ['book_id', 'day', 'code']],
		['stats_unit_day', ['unit_code', 'day']],
		['stats_unit_field_day', ['unit_code', 'day', 'register_type', 'field_key']],
		['stats_unit_user_day', ['unit_code', 'day', 'user_id']],
		['stats_unit_reason_day', ['unit_code', 'day', 'code']]
	] as const;
	/** Every stats_* row, in a fixed order: what refreshes kept, to compare with a rebuild. */
	const snapshot = async () => {
		const db = ctx.services.database.db;
		const out: Record<string, unknown[]> = {};
		for (const [t, order] of tables) {
			let q = db.selectFrom(t).selectAll();
			for (const c of order) q = q.orderBy(c);
			out[t] = await q.execute();
		}
		return out;
	};

	it('counts, rates and accuracy come from the entries and the audit log', async () => {
		const s = ctx.services;
		const db = s.database.db;
		sup = await addUser(s, 'supervisor', DAK_LAK);
		communeSup = await addUser(s, 'supervisor', BUON_MA_THUOT);
		clerk = await addUser(s, 'clerk', TAN_LAP);
		officer = await addUser(s, 'officer', TAN_LAP);
		other = await addUser(s, 'officer', TAN_LAP);
		book = await createBook(db, TAN_LAP); // expected 10
		for (let i = 0; i < 4; i++)
			entryIds.push(await createEntry(db, book, { fields: { [key]: `Nguyen Van ${i}` } }));
		const [a, b, c] = entryIds as [string, string, string, string];
		// a: the clerk fixes the OCR name, submits; the officer approves first time.
		let e = await s.entries.update(clerk, a, { version: 1, fields: { [key]: 'Nguyễn Văn 0' } });
		e = await s.entries.submit(clerk, a);
		await s.entries.approve(officer, a);
		// b: returned with a code, resubmitted, corrected by the officer, settled against the clerk, approved.
		await s.entries.submit(clerk, b);
		await s.entries.return(officer, b, 'Sai tên');
		await db.transaction().execute((trx) =>
			appendAudit(trx, {
				actorId: officer.id,
				action: 'entry.return',
				subjectType: 'entry',
				subjectId: b,
				data: { version: 99, reasonCode: 'wrong_name', comment: 'fixture' },
				at: new Date().toISOString()
			})
		);
		e = await s.entries.update(clerk, b, { version: 3, fields: { [key]: 'Nguyễn Văn 1' } });
		e = await s.entries.submit(clerk, b);
		e = await s.entries.update(officer, b, {
			version: e.version,
			fields: { [key]: 'Nguyễn Văn Một' }
		});
		await db.transaction().execute((trx) =>
			appendAudit(trx, {
				actorId: officer.id,
				action: 'entry.settle',
				subjectType: 'entry',
				subjectId: b,
				data: {
					version: e.version,
					source: 'blind',
					fields: { [key]: { clerk: 'x', officer: 'y', chosen: 'y', against: 'clerk' } }
				},
				at: new Date().toISOString()
			})
		);
		await s.entries.approve(officer, b);
		// c: waiting for approval.
		await s.entries.submit(clerk, c);

		const d = await s.stats.dashboard(sup, {});
		const body = statsBody(d);
		expect(body.unit).toBe(DAK_LAK);
		expect(body.counts).toMatchObject({
			expected: 10,
			prefilled: 1,
			submitted: 1,
			approved: 2,
			returned: 0
		});
		expect(body.rate).toBeCloseTo(0.2);
		const child = body.children.find((x) => x.unit === TAN_LAP)!;
		expect(child.counts.approved).toBe(2);
		expect(body.children.some((x) => x.unit === BUON_MA_THUOT)).toBe(false);
		// Two approved entries, one OCR name each; neither kept.
		expect(body.accuracy.ocrFieldsKept).toBe(0);
		expect(body.accuracy.ocrCer).toBeGreaterThan(0);
		// Approvals: a first pass, b after two returns → 1/2; returns 2 of 4 decisions.
		expect(body.accuracy.firstPassApproval).toBeCloseTo(0.5);
		expect(body.accuracy.returnRate).toBeCloseTo(0.5);
		// b's name was corrected (and settled against the clerk): 1 field of the 2 entries' fields.
		expect(body.accuracy.clerkFieldsChanged).toBeGreaterThan(0);
		expect(d.reasons).toEqual(
			expect.arrayContaining([
				{ code: 'wrong_name', n: 1 },
				// A return with a free-text reason only is coded 'other' by the approval flow.
				{ code: 'other', n: 1 }
			])
		);
		expect(d.clerks.find((x) => x.userId === clerk.id)).toMatchObject({
			approvals: 2,
			firstPass: 1,
			returns: 2,
			against: 1
		});
		expect(d.work.find((w) => w.state === 'submitted')!.count).toBe(1);
		expect(d.trend.at(-1)!.cumApproved).toBe(2);
		expect(d.books).toEqual([]);
		const commune = await s.stats.dashboard(sup, { unit: TAN_LAP });
		expect(commune.books.map((x) => x.id)).toEqual([book.id]);
		expect(commune.path.map((u) => u.code)).toEqual([DAK_LAK, TAN_LAP]);
		expect(commune.output.find((o) => o.userId === officer.id)!.days[0]!.approved).toBe(2);
	});

	it('the projection kept by refreshes equals a rebuild from scratch', async () => {
		const s = ctx.services;
		const db = s.database.db;
		// A second book in the same commune, with work done, so the unit rows sum two books.
		const second = await createBook(db, TAN_LAP);
		const id = await createEntry(db, second, { fields: { [key]: 'Tran Thi B' } });
		await s.entries.update(clerk, id, { version: 1, fields: { [key]: 'Trần Thị B' } });
		await s.entries.submit(clerk, id);
		await s.entries.approve(officer, id);
		await s.statsProjection.refresh();
		const before = await snapshot();
		expect(before.stats_unit_user_day!.length).toBeGreaterThan(0);
		expect(before.stats_unit_reason_day!.length).toBeGreaterThan(0);
		await s.statsProjection.rebuildAll();
		expect(await snapshot()).toEqual(before);

		// Each unit row is its books' rows summed (here in JS, there in SQL).
		const summed = new Map<string, number>();
		for (const r of before.stats_user_day as DB['stats_user_day'][]) {
			const k = `${r.unit_code}|${r.day}|${r.user_id}`;
			summed.set(k, (summed.get(k) ?? 0) + Number(r.judged_approvals) + 100 * Number(r.edited));
		}
		const unitRows = before.stats_unit_user_day as DB['stats_unit_user_day'][];
		expect(
			new Map(
				unitRows.map((r) => [
					`${r.unit_code}|${r.day}|${r.user_id}`,
					Number(r.judged_approvals) + 100 * Number(r.edited)
				])
			)
		).toEqual(summed);
		const clerkToday = unitRows.find((r) => r.unit_code === TAN_LAP && r.user_id === clerk.id)!;
		expect(Number(clerkToday.submitted)).toBeGreaterThanOrEqual(2);
	});

	it('a supervisor sets a book’s expected entries: audited, and the rate follows', async () => {
		const s = ctx.services;
		await s.stats.setExpected(sup, book.id, 40);
		const d = await s.stats.dashboard(sup, { unit: TAN_LAP });
		// 40 declared here and 10 in the commune's second book; 3 approved between them.
		expect(d.unit.sums.expected).toBe(50);
		expect(d.unit.rate).toBeCloseTo(3 / 50);
		expect((await refusal(s.stats.setExpected(clerk, book.id, 5))).status).toBe(403);
		expect((await refusal(s.stats.setExpected(communeSup, book.id, 5))).status).toBe(404);
		await s.stats.setExpected(sup, book.id, 10);
	});

	it('scope: 404 outside the user’s units, 422 on a bad period', async () => {
		const s = ctx.services;
		expect((await refusal(s.stats.dashboard(communeSup, { unit: TAN_LAP }))).status).toBe(404);
		expect((await refusal(s.stats.dashboard(sup, { unit: '99999' }))).status).toBe(404);
		expect(
			(await refusal(s.stats.dashboard(sup, { from: '2026-03-02', to: '2026-03-01' }))).code
		).toBe('stats.badWindow');
	});

	it('the daily report gives done, rate and change since yesterday per unit', async () => {
		const r = await ctx.services.dailyReports.report(sup, {});
		const row = r.rows.find((x) => x.unit.code === TAN_LAP)!;
		// The commune's two books: 10 + 10 expected, 2 + 1 approved today.
		expect(row).toMatchObject({ expected: 20, done: 3, change: 3, doneBefore: 0 });
		expect(r.total.rate).toBeCloseTo(0.15);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(
			(await dailyReportXlsx(
				{ ...r, rows: [...r.rows, { ...row, unit: { ...row.unit, name: '=HYPERLINK("x")' } }] },
				'vi'
			)) as unknown as ArrayBuffer
		);
		const ws = wb.worksheets[0]!;
		const values = ws.getSheetValues().filter(Boolean) as unknown[][];
		const unitRow = values.find((v) => v[1] === row.unit.name)!;
		expect(unitRow.slice(2)).toEqual([20, 3, 0.15, 3]);
		const trap = values.find((v) => String(v[1]).startsWith('='))!;
		expect(typeof trap[1]).toBe('string');
	});

	it('a sampling audit holds the book from export until it passes', async () => {
		const s = ctx.services;
		const id = await s.sampling.draw(sup, {
			bookId: book.id,
			randomSize: 2,
			riskSize: 0,
			threshold: 0,
			hold: true,
			seed: 'fixed'
		});
		let view = await s.sampling.get(sup, id);
		expect(view.items).toHaveLength(2);
		expect(view.summary.status).toBe('pending');
		expect((await refusal(s.exports.request(officer, book.id))).code).toBe('audit.holdPending');
		// The approving officer is not a third person.
		expect(
			(await refusal(s.sampling.record(officer, id, view.items[0]!.entryId, 'ok', null))).code
		).toBe('audit.notThirdPerson');
		expect((await refusal(s.sampling.get(communeSup, id))).status).toBe(404);
		view = await s.sampling.record(other, id, view.items[0]!.entryId, 'error', 'sai ngày');
		view = await s.sampling.record(sup, id, view.items[1]!.entryId, 'ok', null);
		expect(view.summary).toMatchObject({ status: 'failed', randomErrors: 1, errorRate: 0.5 });
		expect(view.summary.wilson!.low).toBeGreaterThan(0);
		expect((await refusal(s.exports.request(officer, book.id))).code).toBe('audit.holdFailed');
		// A new audit with a looser threshold, checked clean, frees the book.
		const again = await s.sampling.draw(sup, {
			bookId: book.id,
			randomSize: 1,
			riskSize: 1,
			threshold: 0.1,
			hold: true
		});
		const v2 = await s.sampling.get(sup, again);
		for (const item of v2.items) await s.sampling.record(other, again, item.entryId, 'ok', null);
		expect(await s.sampling.hold((await s.books.getRow(book.id))!)).toBeNull();
	});
	it('double keying: the second keyer is judged on the fields they keyed; refresh still equals rebuild', async () => {
		const s = ctx.services;
		const db = s.database.db;
		const keyer = await addUser(s, 'clerk', TAN_LAP);
		const doubled = await createBook(db, TAN_LAP);
		await s.doubleKeying.setDoubleKeying(sup, doubled.id, true);
		const clerkBefore = (await s.stats.dashboard(sup, { unit: TAN_LAP })).clerks.find(
			(x) => x.userId === clerk.id
		)!;
		const id = await createEntry(db, doubled, { fields: { [key]: 'Le Van C' } });
		await s.entries.update(clerk, id, { version: 1, fields: { [key]: 'Lê Văn C' } });
		const e = await s.entries.submit(clerk, id);
		// The second keyer reads the name differently; the officer settles for the first keying.
		await s.doubleKeying.submit(keyer, id, {
			version: 0,
			values: { [key]: 'Lê Văn Cê', ghiChu: '' }
		});
		await s.review.settle(officer, id, { version: e.version + 1, chosen: { [key]: 'Lê Văn C' } });
		await s.entries.approve(officer, id);
		await s.statsProjection.refresh();

		const d = await s.stats.dashboard(sup, { unit: TAN_LAP });
		// Two fields keyed, one settled against the keyer; no approval or first pass is theirs.
		expect(d.clerks.find((x) => x.userId === keyer.id)).toMatchObject({
			fields: 2,
			changed: 1,
			against: 1,
			approvals: 0,
			firstPass: 0
		});
		// The first keyer's reading stood: the approval is theirs, nothing counts against them.
		expect(d.clerks.find((x) => x.userId === clerk.id)).toMatchObject({
			approvals: clerkBefore.approvals + 1,
			against: clerkBefore.against,
			changed: clerkBefore.changed
		});

		const before = await snapshot();
		expect(
			(before.stats_user_day as DB['stats_user_day'][]).find((r) => r.user_id === keyer.id)
		).toMatchObject({ judged_fields: 2, judged_against: 1 });
		await s.statsProjection.rebuildAll();
		expect(await snapshot()).toEqual(before);
	});
});
