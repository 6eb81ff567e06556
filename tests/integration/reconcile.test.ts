import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from './databases';
import {
	addUser,
	auditCount,
	BUON_MA_THUOT,
	createBook,
	createEntry,
	DAK_LAK,
	TAN_LAP,
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

forEachDatabase('reconciliation', (t) => {
	let clerk: TestUser;
	let clerkBmt: TestUser;
	let supervisor: TestUser;
	let entryId: string;
	let otherEntry: string;

	beforeAll(async () => {
		const s = t.services;
		clerk = await addUser(s, 'clerk', TAN_LAP);
		clerkBmt = await addUser(s, 'clerk', BUON_MA_THUOT);
		supervisor = await addUser(s, 'supervisor', DAK_LAK);
		await s.residents.importExtract(null, {
			unitCode: TAN_LAP,
			fileName: 'tan-lap.csv',
			rows: [
				{
					full_name: 'Nguyễn Thị Hương',
					birth_date: '12/03/2008',
					sex: 'Nữ',
					mother_name: 'Trần Thị Lan',
					father_name: 'Nguyễn Văn Bình',
					personal_id: '066308000111'
				},
				{
					full_name: 'Nguyễn Thị Hương',
					birth_date: '30/11/2008',
					sex: 'Nữ',
					mother_name: 'Lê Thị Hoa',
					personal_id: '066308000222'
				},
				{ full_name: 'Lê Văn Tâm', birth_date: '01/01/1970', sex: 'Nam' }
			]
		});
		const book = await createBook(s.database.db, TAN_LAP);
		entryId = await createEntry(s.database.db, book, {
			fields: {
				nksHoTen: 'NGUYỄN THỊ HƯƠNG',
				nksNgaySinh: '12/03/2008',
				nksGioiTinh: '2',
				meHoTen: 'TRẦN THỊ LAN',
				chaHoTen: ''
			}
		});
		otherEntry = await createEntry(s.database.db, book, {
			fields: { nksHoTen: 'Phạm Văn Không Có', nksNgaySinh: '2008' }
		});
	});

	it('ranks the resident first, with per-field agreements and the resident shown', async () => {
		const r = await t.services.reconcile.candidates(clerk, entryId);
		expect(r.decision).toBeNull();
		expect(r.fieldMap).toMatchObject({ full_name: 'nksHoTen', mother_name: 'meHoTen' });
		const [top, second] = r.candidates;
		expect(top?.resident).toMatchObject({
			full_name: 'Nguyễn Thị Hương',
			personal_id: '066308000111'
		});
		expect(top?.agreements).toMatchObject({
			full_name: 'exact',
			birth_date: 'exact',
			mother_name: 'exact',
			father_name: 'missing'
		});
		expect(top?.match).toBe(true);
		expect(second?.match).toBe(false);
		expect(top!.score).toBeGreaterThan(second!.score);
	});

	it('follows the form: live values replace the saved ones', async () => {
		const r = await t.services.reconcile.candidates(clerk, entryId, {
			nksNgaySinh: '30/11/2008',
			meHoTen: 'Lê Thị Hoa'
		});
		expect(r.candidates[0]?.resident.personal_id).toBe('066308000222');
	});

	it('links a resident, audited, and a second decision replaces the first', async () => {
		const db = t.services.database.db;
		const { candidates } = await t.services.reconcile.candidates(clerk, entryId);
		const before = await auditCount(db);
		const linked = await t.services.reconcile.decide(clerk, entryId, {
			decision: 'linked',
			residentId: candidates[0]!.residentId
		});
		expect(linked).toMatchObject({
			decision: 'linked',
			residentId: candidates[0]!.residentId,
			decidedBy: clerk.id
		});
		expect(linked.score).toBeGreaterThan(0.5);
		expect(linked.resident?.full_name).toBe('Nguyễn Thị Hương');
		expect(await auditCount(db)).toBe(before + 1);
		const log = await db
			.selectFrom('audit_log')
			.select(['action', 'data'])
			.orderBy('seq', 'desc')
			.executeTakeFirstOrThrow();
		expect(log.action).toBe('entry.reconcile');
		const undecided = await t.services.reconcile.decide(clerk, entryId, { decision: 'undecided' });
		expect(undecided).toMatchObject({ decision: 'undecided', residentId: null });
		expect((await t.services.reconcile.candidates(clerk, entryId)).decision?.decision).toBe(
			'undecided'
		);
	});

	it('records "not in the extract"', async () => {
		const r = await t.services.reconcile.candidates(clerk, otherEntry);
		expect(r.candidates.every((c) => !c.match)).toBe(true);
		const d = await t.services.reconcile.decide(clerk, otherEntry, { decision: 'absent' });
		expect(d).toMatchObject({ decision: 'absent', residentId: null, score: null });
	});

	it('refuses what may not be done: another unit (404), a supervisor (403), bad links (422)', async () => {
		const db = t.services.database.db;
		const before = await auditCount(db);
		const hidden = await refusal(t.services.reconcile.candidates(clerkBmt, entryId));
		expect([hidden.status, hidden.code]).toEqual([404, 'http.notFound']);
		const hiddenDecide = await refusal(
			t.services.reconcile.decide(clerkBmt, entryId, { decision: 'absent' })
		);
		expect(hiddenDecide.status).toBe(404);
		// Supervisors see candidates but do not decide.
		expect(
			(await t.services.reconcile.candidates(supervisor, entryId)).candidates.length
		).toBeGreaterThan(0);
		const sup = await refusal(
			t.services.reconcile.decide(supervisor, entryId, { decision: 'absent' })
		);
		expect([sup.status, sup.code]).toEqual([403, 'reconcile.roleForbidden']);
		const noId = await refusal(t.services.reconcile.decide(clerk, entryId, { decision: 'linked' }));
		expect([noId.status, noId.code]).toEqual([422, 'reconcile.badDecision']);
		const unknown = await refusal(
			t.services.reconcile.decide(clerk, entryId, { decision: 'linked', residentId: 'nope' })
		);
		expect([unknown.status, unknown.code]).toEqual([422, 'reconcile.residentNotFound']);
		const stray = await refusal(
			t.services.reconcile.decide(clerk, entryId, { decision: 'absent', residentId: 'x' })
		);
		expect(stray.code).toBe('reconcile.badDecision');
		expect(await auditCount(db)).toBe(before);
	});

	it('rebuilds the index after a newer extract, which updates people in place', async () => {
		const s = t.services;
		const dir = fs.mkdtempSync(path.join(t.dataDir, 'x-'));
		const file = path.join(dir, 'moi.csv');
		fs.writeFileSync(
			file,
			'\uFEFFSố định danh cá nhân;Họ, chữ đệm và tên;Ngày, tháng, năm sinh;Giới tính;Họ, chữ đệm và tên mẹ\n' +
				'066308000111;Nguyễn Thị Hương;12/03/2008;Nữ;Trần Thị Lan Anh\n' +
				'066308000999;Phạm Văn Không Có;05/05/2008;Nam;Đỗ Thị Mơ\n'
		);
		const before = await s.reconcile.candidates(clerk, otherEntry);
		expect(before.candidates.some((c) => c.resident.full_name === 'Phạm Văn Không Có')).toBe(false);
		const r = await s.residents.importFile(null, { unitCode: TAN_LAP, file });
		expect(r).toMatchObject({ rows: 2, inserted: 1, updated: 1 });
		const after = await s.reconcile.candidates(clerk, otherEntry);
		expect(after.candidates[0]?.resident.full_name).toBe('Phạm Văn Không Có');
		const top = (await s.reconcile.candidates(clerk, entryId)).candidates[0];
		expect(top?.resident.mother_name).toBe('Trần Thị Lan Anh');
	});

	it("ranks a province's extract together with the commune's", async () => {
		const s = t.services;
		await s.residents.importExtract(null, {
			unitCode: DAK_LAK,
			fileName: 'tinh.csv',
			rows: [
				{
					full_name: 'Hoàng Văn Tỉnh',
					birth_date: '05/05/2008',
					sex: 'Nam',
					mother_name: 'Vũ Thị Hạnh',
					personal_id: '066208000777'
				}
			]
		});
		const r = await s.reconcile.candidates(clerk, otherEntry, {
			nksHoTen: 'HOÀNG VĂN TỈNH',
			nksNgaySinh: '05/05/2008',
			meHoTen: 'Vũ Thị Hạnh'
		});
		expect(r.candidates[0]).toMatchObject({
			match: true,
			resident: { personal_id: '066208000777' }
		});
		const linked = await s.reconcile.decide(clerk, otherEntry, {
			decision: 'linked',
			residentId: r.candidates[0]!.residentId
		});
		expect(linked.resident?.full_name).toBe('Hoàng Văn Tỉnh');
		// A Buôn Ma Thuột clerk reaches the province's residents too, not Tân Lập's.
		const book = await createBook(s.database.db, BUON_MA_THUOT);
		const bmtEntry = await createEntry(s.database.db, book, {
			fields: { nksHoTen: 'Hoàng Văn Tỉnh', nksNgaySinh: '2008' }
		});
		const bmt = await s.reconcile.candidates(clerkBmt, bmtEntry);
		expect(bmt.candidates.map((c) => c.resident.full_name)).toEqual(['Hoàng Văn Tỉnh']);
		const hidden = await s.reconcile.candidates(clerkBmt, bmtEntry, {
			nksHoTen: 'Nguyễn Thị Hương'
		});
		expect(hidden.candidates).toEqual([]);
	});
});
