import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { forEachDatabase } from './databases';
import { addUser, auditCount, BUON_MA_THUOT, createBook, TAN_LAP, type TestUser } from './fixtures';
import { AppError } from '../../src/lib/server/errors';
import type { DB } from '../../src/lib/server/db/schema';
import type { EntryState } from '../../src/lib/verify/entry-lifecycle';
import { verifyAudit } from '../../src/lib/server/audit/audit-log';

type Box = [number, number, number, number];

async function refusal(p: Promise<unknown>): Promise<AppError> {
	const e = await p.then(
		() => null,
		(err: unknown) => err
	);
	expect(e, 'expected a refusal').toBeInstanceOf(AppError);
	return e as AppError;
}

const PAGE = { width: 2000, height: 1400 };

async function createPage(db: Kysely<DB>, bookId: string, pageNo: number): Promise<string> {
	const hash = randomBytes(32).toString('hex');
	const at = new Date().toISOString();
	await db
		.insertInto('blob')
		.values({ hash, mime: 'image/png', size: 1, created_at: at })
		.execute();
	const id = randomUUID();
	await db
		.insertInto('page')
		.values({
			id,
			book_id: bookId,
			page_no: pageNo,
			blob_hash: hash,
			...PAGE,
			source_file: `p${pageNo}.png`,
			source_page: 1,
			created_at: at,
			ocr_state: 'done',
			ocr_error: null
		})
		.execute();
	return id;
}

interface Spec {
	page: string | null;
	region: Box | null;
	state?: EntryState;
	transcribedBy?: string | null;
	fields?: Record<string, { value: string; bbox?: Box | null; flag?: string }>;
}

/** A book whose entries are written in seq order 1…n, as the OCR job writes them. */
async function createEntries(
	db: Kysely<DB>,
	book: { id: string; unit: string },
	specs: Spec[]
): Promise<string[]> {
	const at = new Date().toISOString();
	const ids: string[] = [];
	for (const [i, s] of specs.entries()) {
		const id = randomUUID();
		await db
			.insertInto('entry')
			.values({
				id,
				book_id: book.id,
				unit_code: book.unit,
				register_type: 'birth',
				page_id: s.page,
				seq: i + 1,
				region: s.region ? JSON.stringify(s.region) : null,
				state: s.state ?? 'prefilled',
				version: 1,
				transcribed_by: s.transcribedBy ?? null,
				last_edited_by: null,
				submitted_by: null,
				approved_by: null,
				return_reason: null,
				created_at: at,
				updated_at: at
			})
			.execute();
		const fields = Object.entries(s.fields ?? {});
		if (fields.length)
			await db
				.insertInto('entry_field')
				.values(
					fields.map(([key, f]) => ({
						entry_id: id,
						key,
						value: f.value,
						normalized_override: null,
						ocr_value: f.value,
						ocr_confidence: 0.9,
						ocr_issues: null,
						flag: f.flag ?? null,
						bbox: f.bbox ? JSON.stringify(f.bbox) : null,
						updated_at: at,
						updated_by: null
					}))
				)
				.execute();
		ids.push(id);
	}
	return ids;
}

forEachDatabase('entry regions', (t) => {
	let clerk: TestUser; // Tân Lập
	let clerkBmt: TestUser;
	let officer: TestUser;
	let supervisor: TestUser;

	beforeAll(async () => {
		const s = t.services;
		clerk = await addUser(s, 'clerk', TAN_LAP);
		clerkBmt = await addUser(s, 'clerk', BUON_MA_THUOT);
		officer = await addUser(s, 'officer', TAN_LAP);
		supervisor = await addUser(s, 'supervisor', TAN_LAP);
	});

	const db = () => t.services.database.db;
	const regions = () => t.services.entryRegions;

	/** Book, page and entries; returns the ids in seq order. */
	async function book(specs: (Omit<Spec, 'page'> & { page?: number | null })[], unit = TAN_LAP) {
		const b = await createBook(db(), unit);
		const pages = new Map<number, string>();
		for (const s of specs)
			if (s.page != null && !pages.has(s.page))
				pages.set(s.page, await createPage(db(), b.id, s.page));
		const ids = await createEntries(
			db(),
			b,
			specs.map((s) => ({ ...s, page: s.page == null ? null : pages.get(s.page)! }))
		);
		return { book: b.id, ids };
	}

	async function seqs(bookId: string) {
		const rows = await db()
			.selectFrom('entry')
			.select(['id', 'seq'])
			.where('book_id', '=', bookId)
			.orderBy('seq')
			.execute();
		return rows.map((r) => [r.id, r.seq]);
	}

	async function snapshot(bookId: string) {
		const entries = await db()
			.selectFrom('entry')
			.selectAll()
			.where('book_id', '=', bookId)
			.orderBy('seq')
			.execute();
		const fields = await db()
			.selectFrom('entry_field')
			.selectAll()
			.where(
				'entry_id',
				'in',
				entries.map((e) => e.id)
			)
			.orderBy('entry_id')
			.orderBy('key')
			.execute();
		return { entries, fields, audit: await auditCount(db()) };
	}

	async function lastAudit(subjectId: string) {
		const row = await db()
			.selectFrom('audit_log')
			.selectAll()
			.where('subject_id', '=', subjectId)
			.orderBy('seq', 'desc')
			.limit(1)
			.executeTakeFirstOrThrow();
		return { action: row.action, data: JSON.parse(row.data) as Record<string, unknown> };
	}

	describe('moving or resizing a region', () => {
		it('sets the region at the current version: version +1, in progress, audited with before/after', async () => {
			const { ids } = await book([{ page: 1, region: [100, 200, 1900, 400] }]);
			const before = await auditCount(db());
			const view = await regions().setRegion(clerk, ids[0]!, {
				version: 1,
				region: [90.4, 190, 1910, 420.6]
			});
			expect(view).toMatchObject({
				version: 2,
				state: 'in_progress',
				region: [90, 190, 1910, 421],
				lastEditedBy: clerk.id
			});
			expect(await auditCount(db())).toBe(before + 1);
			expect(await lastAudit(ids[0]!)).toEqual({
				action: 'entry.region',
				data: {
					version: 2,
					from: 'prefilled',
					to: 'in_progress',
					before: [100, 200, 1900, 400],
					after: [90, 190, 1910, 421]
				}
			});
		});

		it('refuses a region outside the page or without area (422) and writes nothing', async () => {
			const { book: b, ids } = await book([{ page: 1, region: [100, 200, 1900, 400] }]);
			const before = await snapshot(b);
			for (const [region, code] of [
				[[0, 0, PAGE.width + 1, 10], 'region.outOfPage'],
				[[-5, 0, 10, 10], 'region.outOfPage'],
				[[500, 300, 400, 350], 'region.empty'],
				[[500, 300, 900, 300], 'region.empty']
			] as const) {
				const e = await refusal(regions().setRegion(clerk, ids[0]!, { version: 1, region }));
				expect([e.status, e.code]).toEqual([422, code]);
			}
			expect(await snapshot(b)).toEqual(before);
		});

		it('refuses a stale version (409), an entry of another commune (404), a supervisor (403), an approved entry (409)', async () => {
			const { book: b, ids } = await book([
				{ page: 1, region: [100, 200, 1900, 400] },
				{ page: 1, region: [100, 400, 1900, 600], state: 'approved' }
			]);
			const before = await snapshot(b);
			const region: Box = [0, 0, 10, 10];
			const cases: [() => Promise<unknown>, number, string][] = [
				[
					() => regions().setRegion(clerk, ids[0]!, { version: 7, region }),
					409,
					'entry.staleVersion'
				],
				[
					() => regions().setRegion(clerkBmt, ids[0]!, { version: 1, region }),
					404,
					'http.notFound'
				],
				[
					() => regions().setRegion(supervisor, ids[0]!, { version: 1, region }),
					403,
					'entry.roleForbidden'
				],
				[() => regions().setRegion(clerk, ids[1]!, { version: 1, region }), 409, 'entry.wrongState']
			];
			for (const [attempt, status, code] of cases) {
				const e = await refusal(attempt());
				expect([e.status, e.code]).toEqual([status, code]);
			}
			expect(await snapshot(b)).toEqual(before);
		});

		it('refuses an entry that has no page (422)', async () => {
			const { ids } = await book([{ page: null, region: null }]);
			const e = await refusal(
				regions().setRegion(clerk, ids[0]!, { version: 1, region: [0, 0, 10, 10] })
			);
			expect([e.status, e.code]).toEqual([422, 'region.noPage']);
		});
	});

	describe("redrawing a field's box", () => {
		it('keeps the box of an existing field and creates the row of a field not read yet', async () => {
			const { ids } = await book([
				{
					page: 1,
					region: [100, 200, 1900, 400],
					fields: { nksHoTen: { value: 'NGUYỄN VĂN AN', bbox: [100, 200, 500, 240] } }
				}
			]);
			let view = await regions().setFieldBox(clerk, ids[0]!, 'nksHoTen', {
				version: 1,
				bbox: [110, 205, 520, 245]
			});
			expect(view.version).toBe(2);
			expect(view.fields.nksHoTen).toMatchObject({
				value: 'NGUYỄN VĂN AN',
				bbox: [110, 205, 520, 245]
			});
			view = await regions().setFieldBox(clerk, ids[0]!, 'nksNoiSinh', {
				version: 2,
				bbox: [600, 205, 900, 245]
			});
			expect(view.fields.nksNoiSinh).toMatchObject({ value: '', bbox: [600, 205, 900, 245] });
			expect(await lastAudit(ids[0]!)).toMatchObject({
				action: 'entry.fieldBox',
				data: { key: 'nksNoiSinh', before: null, after: [600, 205, 900, 245], version: 3 }
			});
		});

		it('refuses a field the register does not have (422)', async () => {
			const { ids } = await book([{ page: 1, region: [100, 200, 1900, 400] }]);
			const e = await refusal(
				regions().setFieldBox(clerk, ids[0]!, 'noSuchField', { version: 1, bbox: [0, 0, 5, 5] })
			);
			expect([e.status, e.code, e.params]).toEqual([
				422,
				'region.unknownField',
				{ key: 'noSuchField' }
			]);
		});
	});

	describe('splitting an entry', () => {
		const two = () =>
			book([
				{ page: 1, region: [100, 100, 1900, 300] },
				{
					page: 1,
					region: [100, 300, 1900, 700],
					state: 'in_progress',
					transcribedBy: null,
					fields: {
						nksHoTen: { value: 'NGUYỄN VĂN AN', bbox: [120, 320, 500, 360] },
						nksNgaySinh: { value: '01/02/2008', bbox: [520, 320, 800, 360] },
						meHoTen: { value: 'TRẦN THỊ BÍCH', bbox: [120, 560, 500, 600], flag: 'illegible' },
						ghiChu: { value: 'ghi chú', bbox: null }
					}
				},
				{ page: 1, region: [100, 700, 1900, 900] },
				{ page: 2, region: [100, 100, 1900, 300] }
			]);

		it('keeps the upper part, creates the next entry with the lower part and its fields, renumbers the rest', async () => {
			const { book: b, ids } = await two();
			const [e1, e2, e3, e4] = ids as [string, string, string, string];
			const auditBefore = await auditCount(db());
			const res = await regions().split(clerk, e2, { version: 1, y: 500 });
			expect(res.entry).toMatchObject({
				id: e2,
				version: 2,
				state: 'in_progress',
				seq: 2,
				region: [100, 300, 1900, 500]
			});
			expect(Object.keys(res.entry.fields).sort()).toEqual(['ghiChu', 'nksHoTen', 'nksNgaySinh']);
			expect(res.created).toMatchObject({
				version: 1,
				state: 'prefilled',
				seq: 3,
				pageId: res.entry.pageId,
				book: b,
				type: 'birth',
				region: [100, 500, 1900, 700],
				lastEditedBy: clerk.id
			});
			expect(res.created.fields.meHoTen).toMatchObject({
				value: 'TRẦN THỊ BÍCH',
				ocrValue: 'TRẦN THỊ BÍCH',
				flag: 'illegible',
				bbox: [120, 560, 500, 600]
			});
			expect(res.ocr).toEqual({ queued: false, code: 'region.splitNotReread' });
			expect(await seqs(b)).toEqual([
				[e1, 1],
				[e2, 2],
				[res.created.id, 3],
				[e3, 4],
				[e4, 5]
			]);
			expect(await auditCount(db())).toBe(auditBefore + 2);
			expect(await lastAudit(e2)).toMatchObject({
				action: 'entry.split',
				data: {
					y: 500,
					before: [100, 300, 1900, 700],
					after: [100, 300, 1900, 500],
					created: res.created.id,
					moved: { meHoTen: 'TRẦN THỊ BÍCH' }
				}
			});
			expect(await lastAudit(res.created.id)).toMatchObject({
				action: 'entry.split',
				data: { splitFrom: e2, fields: { meHoTen: 'TRẦN THỊ BÍCH' }, state: 'prefilled' }
			});
			expect((await verifyAudit(db())).breaks).toEqual([]);
		});

		it('gives an entry without values the imported state', async () => {
			const { ids } = await two();
			const res = await regions().split(clerk, ids[0]!, { version: 1, y: 200 });
			expect(res.created).toMatchObject({ state: 'imported', fields: {} });
		});

		it('splits the last entry of a book and splits twice in a row', async () => {
			const { book: b, ids } = await two();
			const last = await regions().split(clerk, ids[3]!, { version: 1, y: 200 });
			expect(last.created.seq).toBe(5);
			const again = await regions().split(clerk, ids[1]!, { version: 1, y: 400 });
			const third = await regions().split(clerk, again.created.id, { version: 1, y: 600 });
			expect((await seqs(b)).map(([, s]) => s)).toEqual([1, 2, 3, 4, 5, 6, 7]);
			expect(third.created.region).toEqual([100, 600, 1900, 700]);
			expect(third.created.fields.meHoTen?.value).toBeUndefined();
			expect(again.created.fields.meHoTen?.value).toBe('TRẦN THỊ BÍCH');
		});

		it('renumbers safely when two entries of one book are split at the same moment', async () => {
			const { book: b, ids } = await two();
			const results = await Promise.allSettled([
				regions().split(clerk, ids[0]!, { version: 1, y: 200 }),
				regions().split(clerk, ids[2]!, { version: 1, y: 800 }),
				regions().split(clerk, ids[3]!, { version: 1, y: 200 })
			]);
			expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
			const order = await seqs(b);
			expect(order.map(([, s]) => s)).toEqual([1, 2, 3, 4, 5, 6, 7]);
			// Each new entry sits right after the one it was split from.
			for (const [i, r] of results.entries()) {
				const created = (r as PromiseFulfilledResult<{ created: { id: string } }>).value.created.id;
				const from = order.findIndex(([id]) => id === [ids[0], ids[2], ids[3]][i]);
				expect(order[from + 1]?.[0]).toBe(created);
			}
		});

		it('refuses a cut outside the region, too near its edge, a stale version or no region, writing nothing', async () => {
			const { book: b, ids } = await two();
			const noRegion = await book([{ page: 1, region: null }]);
			const before = await snapshot(b);
			const cases: [() => Promise<unknown>, number, string][] = [
				[() => regions().split(clerk, ids[1]!, { version: 1, y: 250 }), 422, 'region.splitOutside'],
				[
					() => regions().split(clerk, ids[1]!, { version: 1, y: 303 }),
					422,
					'region.splitTooClose'
				],
				[() => regions().split(clerk, ids[1]!, { version: 2, y: 500 }), 409, 'entry.staleVersion'],
				[() => regions().split(clerkBmt, ids[1]!, { version: 1, y: 500 }), 404, 'http.notFound'],
				[
					() => regions().split(clerk, noRegion.ids[0]!, { version: 1, y: 5 }),
					422,
					'region.noRegion'
				]
			];
			for (const [attempt, status, code] of cases) {
				const e = await refusal(attempt());
				expect([e.status, e.code]).toEqual([status, code]);
			}
			expect(await snapshot(b)).toEqual(before);
		});
	});

	describe('merging an entry with the next', () => {
		const pair = (second: Spec['fields'], firstState: EntryState = 'prefilled') =>
			book([
				{ page: 1, region: [100, 100, 1900, 300] },
				{
					page: 1,
					region: [100, 300, 1900, 500],
					state: firstState,
					fields: {
						nksHoTen: { value: 'NGUYỄN VĂN AN', bbox: [120, 320, 500, 360] },
						nksNgaySinh: { value: '', bbox: [520, 320, 800, 360] }
					}
				},
				{ page: 1, region: [100, 500, 1900, 640], fields: second },
				{ page: 1, region: [100, 640, 1900, 800] },
				{ page: 2, region: [100, 100, 1900, 300] }
			]);

		it('unites the regions, fills the empty fields from the second, removes it and renumbers', async () => {
			const { book: b, ids } = await pair({
				nksHoTen: { value: 'NGUYỄN VĂN AN ', bbox: [120, 510, 500, 550] },
				nksNgaySinh: { value: '01/02/2008', bbox: [520, 510, 800, 550] },
				meHoTen: { value: 'TRẦN THỊ BÍCH', bbox: [120, 590, 500, 630] }
			});
			const [e1, e2, e3, e4, e5] = ids as [string, string, string, string, string];
			const auditBefore = await auditCount(db());
			const res = await regions().merge(clerk, e2, { version: 1, with: e3, withVersion: 1 });
			expect(res.removed).toBe(e3);
			expect(res.filled).toEqual(['meHoTen', 'nksNgaySinh']);
			expect(res.entry).toMatchObject({ version: 2, region: [100, 300, 1900, 640] });
			expect(res.entry.fields.nksHoTen).toMatchObject({
				value: 'NGUYỄN VĂN AN',
				bbox: [120, 320, 500, 360]
			});
			expect(res.entry.fields.nksNgaySinh).toMatchObject({
				value: '01/02/2008',
				bbox: [520, 510, 800, 550]
			});
			expect(res.entry.fields.meHoTen?.value).toBe('TRẦN THỊ BÍCH');
			expect(await seqs(b)).toEqual([
				[e1, 1],
				[e2, 2],
				[e4, 3],
				[e5, 4]
			]);
			const orphans = await db()
				.selectFrom('entry_field')
				.select('key')
				.where('entry_id', '=', e3)
				.execute();
			expect(orphans).toEqual([]);
			expect(await auditCount(db())).toBe(auditBefore + 2);
			const removed = await lastAudit(e3);
			expect(removed.action).toBe('entry.merge');
			expect(removed.data).toMatchObject({ mergedInto: e2, removed: { id: e3, seq: 3 } });
			expect((removed.data.fields as { key: string }[]).map((f) => f.key)).toEqual([
				'meHoTen',
				'nksHoTen',
				'nksNgaySinh'
			]);
			expect(await lastAudit(e2)).toMatchObject({
				action: 'entry.merge',
				data: {
					with: e3,
					after: [100, 300, 1900, 640],
					filled: { nksNgaySinh: { before: '', after: '01/02/2008' } }
				}
			});
			expect((await verifyAudit(db())).breaks).toEqual([]);
		});

		it('refuses when both wrote different values, listing the fields, and writes nothing', async () => {
			const { book: b, ids } = await pair({
				nksHoTen: { value: 'LÊ VĂN BA' },
				nksNgaySinh: { value: '03/04/2009' }
			});
			await db()
				.updateTable('entry_field')
				.set({ value: '01/01/2008' })
				.where('entry_id', '=', ids[1]!)
				.where('key', '=', 'nksNgaySinh')
				.execute();
			const before = await snapshot(b);
			const e = await refusal(regions().merge(clerk, ids[1]!, { version: 1, with: ids[2]! }));
			expect([e.status, e.code, e.params]).toEqual([
				422,
				'region.mergeConflict',
				{ fields: 'nksHoTen, nksNgaySinh' }
			]);
			expect(e.details).toEqual({
				conflicts: [
					{ key: 'nksHoTen', first: 'NGUYỄN VĂN AN', second: 'LÊ VĂN BA' },
					{ key: 'nksNgaySinh', first: '01/01/2008', second: '03/04/2009' }
				]
			});
			expect(await snapshot(b)).toEqual(before);
		});

		it('refuses anything but the next entry on the same page, itself, stale versions and uneditable partners', async () => {
			const { book: b, ids } = await pair({});
			const other = await book([{ page: 1, region: [0, 0, 10, 10] }]);
			const locked = await pair({});
			await db()
				.updateTable('entry')
				.set({ state: 'approved' })
				.where('id', '=', locked.ids[2]!)
				.execute();
			const before = await snapshot(b);
			const cases: [() => Promise<unknown>, number, string][] = [
				[
					() => regions().merge(clerk, ids[1]!, { version: 1, with: ids[3]! }),
					422,
					'region.mergeNotNext'
				],
				[
					() => regions().merge(clerk, ids[2]!, { version: 1, with: ids[1]! }),
					422,
					'region.mergeNotNext'
				],
				[
					() => regions().merge(clerk, ids[1]!, { version: 1, with: other.ids[0]! }),
					422,
					'region.mergeNotNext'
				],
				[
					() => regions().merge(clerk, ids[3]!, { version: 1, with: ids[4]! }),
					422,
					'region.mergeOtherPage'
				],
				[
					() => regions().merge(clerk, ids[1]!, { version: 1, with: ids[1]! }),
					422,
					'region.mergeSelf'
				],
				[
					() => regions().merge(clerk, ids[1]!, { version: 3, with: ids[2]! }),
					409,
					'entry.staleVersion'
				],
				[
					() => regions().merge(clerk, ids[1]!, { version: 1, with: ids[2]!, withVersion: 4 }),
					409,
					'entry.staleVersion'
				],
				// The partner is approved: nobody may change it.
				[
					() => regions().merge(clerk, locked.ids[1]!, { version: 1, with: locked.ids[2]! }),
					409,
					'entry.wrongState'
				],
				[
					() => regions().merge(clerkBmt, ids[1]!, { version: 1, with: ids[2]! }),
					404,
					'http.notFound'
				]
			];
			for (const [attempt, status, code] of cases) {
				const e = await refusal(attempt());
				expect([e.status, e.code]).toEqual([status, code]);
			}
			expect(await snapshot(b)).toEqual(before);
		});

		it('lets an officer merge only what they may edit (four-eyes on a submitted entry)', async () => {
			const { ids } = await pair({}, 'submitted');
			await db()
				.updateTable('entry')
				.set({ submitted_by: officer.id })
				.where('id', '=', ids[1]!)
				.execute();
			const e = await refusal(regions().merge(officer, ids[1]!, { version: 1, with: ids[2]! }));
			expect([e.status, e.code]).toEqual([403, 'entry.ownWork']);
		});

		it('merges while an earlier entry of the book is split at the same moment', async () => {
			const { book: b, ids } = await pair({ meHoTen: { value: 'TRẦN THỊ BÍCH' } });
			const [split, merged] = await Promise.all([
				regions().split(clerk, ids[0]!, { version: 1, y: 200 }),
				regions().merge(clerk, ids[1]!, { version: 1, with: ids[2]! })
			]);
			expect(merged.entry.fields.meHoTen?.value).toBe('TRẦN THỊ BÍCH');
			expect(await seqs(b)).toEqual([
				[ids[0], 1],
				[split.created.id, 2],
				[ids[1], 3],
				[ids[3], 4],
				[ids[4], 5]
			]);
		});

		it('undoes a split', async () => {
			const { book: b, ids } = await pair({});
			const before = await db()
				.selectFrom('entry_field')
				.select(['key', 'value', 'bbox'])
				.where('entry_id', '=', ids[1]!)
				.orderBy('key')
				.execute();
			const split = await regions().split(clerk, ids[1]!, { version: 1, y: 340 });
			expect(Object.keys(split.created.fields)).toEqual(['nksHoTen', 'nksNgaySinh']);
			const merged = await regions().merge(clerk, ids[1]!, { version: 2, with: split.created.id });
			expect(merged.entry.region).toEqual([100, 300, 1900, 500]);
			const after = await db()
				.selectFrom('entry_field')
				.select(['key', 'value', 'bbox'])
				.where('entry_id', '=', ids[1]!)
				.orderBy('key')
				.execute();
			expect(after).toEqual(before);
			expect((await seqs(b)).map(([id, s]) => [id, s])).toEqual(ids.map((id, i) => [id, i + 1]));
		});
	});
});
