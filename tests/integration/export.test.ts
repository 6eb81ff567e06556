import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDatabase } from './databases';
import { addUser, auditCount, BUON_MA_THUOT, refusal, TAN_LAP, type TestUser } from './fixtures';
import type { Services } from '../../src/lib/server/container';
import { ExportService } from '../../src/lib/server/services/export-service';
import { verifyAudit } from '../../src/lib/server/audit/audit-log';
import { JobRunner } from '../../src/lib/server/jobs/job-runner';
import { jobHandlers } from '../../src/lib/server/jobs/handlers';
import type { RenderedPage } from '../../src/lib/ocr/synth/render-page';
import { normalizeFieldValue, getFieldDef } from '../../src/lib/registers/index';
import { FILE_COLUMN } from '../../src/lib/export/excel-rows';
import { approveEntry, importBook, renderedPages } from './export-fixtures';
import { MAX_PDF_BYTES } from '../../src/lib/server/export/entry-pdf';

const TEMPLATE_XLSX = fileURLToPath(
	new URL('../fixtures/moj/moj-import-template-khaisinh.xlsx', import.meta.url)
);
const cellText = (v: ExcelJS.CellValue): string => {
	if (v === null || v === undefined) return '';
	if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
	return String(v);
};

forEachDatabase('export', (t) => {
	let clerk: TestUser;
	let officer: TestUser;
	let officerBmt: TestUser;
	let pages: RenderedPage[];
	let book: { bookId: string; entries: string[] };

	const db = () => t.services.database.db;

	const approve = (id: string) => approveEntry(t.services, clerk, officer, id);

	const entryRow = (id: string) =>
		db().selectFrom('entry').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

	beforeAll(async () => {
		const s = t.services;
		clerk = await addUser(s, 'clerk', TAN_LAP);
		officer = await addUser(s, 'officer', TAN_LAP);
		officerBmt = await addUser(s, 'officer', BUON_MA_THUOT);
		pages = await renderedPages();
		book = await importBook(s, TAN_LAP, pages);
	}, 120_000);

	describe('refusals', () => {
		it('refuses a book with nothing approved, a clerk, another unit, a bad name rule; writes nothing', async () => {
			const before = await auditCount(db());
			const s = t.services.exports;
			let e = await refusal(s.request(officer, book.bookId));
			expect([e.status, e.code]).toEqual([409, 'export.nothingToExport']);
			await approve(book.entries[0]!);
			const audit = await auditCount(db());
			e = await refusal(s.request(clerk, book.bookId));
			expect([e.status, e.code]).toEqual([403, 'entry.roleForbidden']);
			e = await refusal(s.request(officerBmt, book.bookId));
			expect([e.status, e.code]).toEqual([404, 'http.notFound']);
			e = await refusal(s.request(officer, book.bookId, { namePattern: '{type}.{nope}' }));
			expect([e.status, e.code]).toEqual([422, 'export.patternUnknownToken']);
			e = await refusal(s.request(officer, 'no-such-book'));
			expect(e.status).toBe(404);
			expect(await auditCount(db())).toBe(audit);
			expect(audit).toBeGreaterThan(before);
			const rows = await db().selectFrom('book_export').selectAll().execute();
			expect(rows).toEqual([]);
			expect((await entryRow(book.entries[0]!)).state).toBe('approved');
		});
	});

	describe('the package', () => {
		let first: Awaited<ReturnType<Services['exports']['exportNow']>>;

		beforeAll(async () => {
			for (const id of book.entries.slice(1, 4)) await approve(id);
			// Entry 7 (second page) too; entries 5, 6, 8–10 stay unapproved and are not exported.
			await approve(book.entries[6]!);
			first = await t.services.exports.exportNow(book.bookId, { legibilitySample: 0 });
		}, 120_000);

		it('holds one PDF per approved entry, each ≤ 100 KB, one page with the scan on it', async () => {
			const files = unzipSync(first.zip);
			const names = Object.keys(files);
			expect(names).toHaveLength(5);
			for (const name of names) {
				expect(name).toMatch(/^KS\.2008\.Q02\.S\d{3}\.[A-Z0-9-]+\.(NAM|NU)\.pdf$/);
				const bytes = files[name]!;
				expect(bytes.length).toBeLessThanOrEqual(MAX_PDF_BYTES);
				const pdf = await PDFDocument.load(bytes);
				expect(pdf.getPageCount()).toBe(1);
			}
			expect(first.zipName).toBe(`KS.2008.Q02.${TAN_LAP}.zip`);
			expect(first.report.pdf.largest).toBeLessThanOrEqual(MAX_PDF_BYTES);
		});

		it('passes `unzip -t`', () => {
			const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-zip-'));
			try {
				const file = path.join(dir, first.zipName);
				fs.writeFileSync(file, first.zip);
				const out = execFileSync('unzip', ['-t', file], { encoding: 'utf8' });
				expect(out).toMatch(/No errors detected/);
				fs.writeFileSync(path.join(dir, first.xlsxName), first.xlsx);
				const xl = execFileSync('unzip', ['-t', path.join(dir, first.xlsxName)], {
					encoding: 'utf8'
				});
				expect(xl).toMatch(/No errors detected/);
			} finally {
				fs.rmSync(dir, { recursive: true, force: true });
			}
		});

		it("has the template's columns and the entries' values, each row naming its PDF", async () => {
			const tpl = new ExcelJS.Workbook();
			await tpl.xlsx.readFile(TEMPLATE_XLSX);
			const templateHeaders = (
				tpl.getWorksheet('DL Import')!.getRow(1).values as ExcelJS.CellValue[]
			)
				.slice(1)
				.map((v) => cellText(v).split('\n')[0]!.trim());
			const wb = new ExcelJS.Workbook();
			await wb.xlsx.load(first.xlsx.buffer as ArrayBuffer);
			const sheet = wb.getWorksheet('DL Import')!;
			const headers = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(cellText);
			expect(headers).toEqual([...templateHeaders, FILE_COLUMN]);
			expect(sheet.rowCount).toBe(6);
			const col = (k: string) => headers.indexOf(k) + 1;
			const zipNames = Object.keys(unzipSync(first.zip));
			const exported = [0, 1, 2, 3, 6].map((i) => book.entries[i]!);
			for (const [r, id] of exported.entries()) {
				const row = sheet.getRow(r + 2);
				const view = await t.services.entries.get(officer, id);
				const norm = (key: string) =>
					normalizeFieldValue(getFieldDef('birth', key)!, view.fields[key]?.value ?? '').normalized;
				expect(row.getCell(1).value).toBe(r + 1);
				expect(cellText(row.getCell(col('nksHoTen')).value)).toBe(norm('nksHoTen'));
				expect(cellText(row.getCell(col('nksGioiTinh')).value)).toBe(norm('nksGioiTinh'));
				// Dates as the template writes them: dd.MM.yyyy.
				expect(cellText(row.getCell(col('nksNgaySinh')).value)).toBe(
					norm('nksNgaySinh')!.replaceAll('/', '.')
				);
				expect(cellText(row.getCell(col('nksNgaySinhBangChu')).value)).toMatch(/^Ngày .+ Năm /);
				expect(cellText(row.getCell(col('meHoTen')).value)).toBe(norm('meHoTen') ?? '');
				expect(cellText(row.getCell(col('so')).value)).toMatch(/^\d{2,}\/2008$/);
				const file = cellText(row.getCell(col(FILE_COLUMN)).value);
				expect(file).toBe(zipNames[r]);
				expect(file).toContain(
					norm('nksHoTen')!
						.normalize('NFD')
						.replace(/\p{M}/gu, '')
						.replace(/[đĐ]/g, 'D')
						.toUpperCase()
						.replace(/ /g, '-')
				);
			}
		});

		it('marks the exported entries, leaves the others, and audits it all in the chain', async () => {
			for (const [i, id] of book.entries.entries()) {
				const row = await entryRow(id);
				expect(row.state, `entry ${i + 1}`).toBe(
					[0, 1, 2, 3, 6].includes(i) ? 'exported' : 'prefilled'
				);
			}
			const marks = await db().selectFrom('entry_export').selectAll().execute();
			expect(marks).toHaveLength(5);
			const actions = await db()
				.selectFrom('audit_log')
				.select('action')
				.where('action', 'in', ['entry.export', 'book.export'])
				.execute();
			expect(actions.filter((a) => a.action === 'entry.export')).toHaveLength(5);
			expect(actions.filter((a) => a.action === 'book.export')).toHaveLength(1);
			expect((await verifyAudit(db())).ok).toBe(true);
			const status = await t.services.exports.status(officer, book.bookId);
			expect(status).toMatchObject({ approved: 0, exported: 5, changedSinceExport: 0 });
			expect(status.latest).toMatchObject({ state: 'done', entries: 5, zipName: first.zipName });
		});

		it('re-exports byte-identically when nothing changed', async () => {
			const again = await t.services.exports.exportNow(book.bookId, { legibilitySample: 0 });
			expect(Buffer.from(again.zip).equals(Buffer.from(first.zip))).toBe(true);
			expect(Buffer.from(again.xlsx).equals(Buffer.from(first.xlsx))).toBe(true);
			expect(again.report.changed).toEqual([]);
		});

		it('flags an entry changed after its export, and carries the change in the next export', async () => {
			// A correction after export (as a reopened entry would get): new value, new version.
			const id = book.entries[1]!;
			const row = await entryRow(id);
			await db()
				.updateTable('entry_field')
				.set({ value: 'Nguyễn Văn Sửa' })
				.where('entry_id', '=', id)
				.where('key', '=', 'nksHoTen')
				.execute();
			await db()
				.updateTable('entry')
				.set({ version: row.version + 1 })
				.where('id', '=', id)
				.execute();
			expect((await t.services.exports.status(officer, book.bookId)).changedSinceExport).toBe(1);
			const next = await t.services.exports.exportNow(book.bookId, { legibilitySample: 0 });
			expect(Buffer.from(next.zip).equals(Buffer.from(first.zip))).toBe(false);
			expect(next.report.changed).toHaveLength(1);
			expect(next.report.changed[0]).toMatch(/NGUYEN-VAN-SUA/);
			expect((await t.services.exports.status(officer, book.bookId)).changedSinceExport).toBe(0);
		});
	});

	describe('a held book', () => {
		it('refuses while a hold (a sampling audit) is on the book, and writes nothing', async () => {
			const s = t.services;
			const held = new ExportService(db(), s.blobs, s.access, s.books, s.jobs, s.now, async (b) =>
				b.id === book.bookId
					? { code: 'export.held', params: { reason: 'kiểm tra chọn mẫu' } }
					: null
			);
			const before = await auditCount(db());
			const e = await refusal(held.request(officer, book.bookId));
			expect([e.status, e.code, e.params.reason]).toEqual([
				409,
				'export.held',
				'kiểm tra chọn mẫu'
			]);
			expect((await held.status(officer, book.bookId)).blocked?.code).toBe('export.held');
			expect(await auditCount(db())).toBe(before);
		});
	});

	describe('duplicates', () => {
		it("leaves out an event the other copy already exported, and keeps one whose copy wasn't", async () => {
			// The district's copy of the same book: the same first page scanned again.
			const copy = await importBook(t.services, BUON_MA_THUOT, [pages[0]!]);
			const e = t.services.entries;
			const clerkBmt = await addUser(t.services, 'clerk', BUON_MA_THUOT);
			for (const id of [copy.entries[0]!, copy.entries[4]!]) {
				const v = await e.get(clerkBmt, id);
				await e.update(clerkBmt, id, { version: v.version, fields: {} });
				await e.submit(clerkBmt, id);
				await e.approve(officerBmt, id);
			}
			const result = await t.services.exports.exportNow(copy.bookId, { legibilitySample: 0 });
			// Entry 1 was exported from the commune's book; entry 5 was never approved there.
			expect(result.entries).toBe(1);
			expect(result.report.duplicates).toEqual([
				expect.objectContaining({
					id: copy.entries[0],
					of: book.entries[0],
					reason: 'sameRegistration',
					excluded: true
				})
			]);
			expect(result.report.leftOut).toEqual([
				{ id: copy.entries[0], seq: 1, code: 'export.duplicate.sameRegistration' }
			]);
			expect((await entryRow(copy.entries[0]!)).state).toBe('approved');
			expect((await entryRow(copy.entries[4]!)).state).toBe('exported');
		});
	});

	describe('in the background', () => {
		it('runs as a job with progress; the officer downloads what it built', async () => {
			const s = t.services;
			const other = await importBook(s, TAN_LAP, [pages[1]!]);
			// Rows 3 and 4 of that page: never approved in the first book, so not duplicates.
			for (const id of other.entries.slice(2, 4)) await approve(id);
			const exportId = await s.exports.request(officer, other.bookId, { legibilitySample: 1 });
			expect((await s.exports.status(officer, other.bookId)).latest).toMatchObject({
				id: exportId,
				state: 'queued'
			});
			const again = await refusal(s.exports.request(officer, other.bookId));
			expect([again.status, again.code]).toEqual([409, 'export.inProgress']);
			const jobs = jobHandlers(s);
			try {
				const runner = new JobRunner(s.jobs, jobs.handlers);
				while (await runner.runOnce());
			} finally {
				await jobs.close();
			}
			const status = await s.exports.status(officer, other.bookId);
			expect(status.latest?.error, JSON.stringify(status.latest)).toBeNull();
			expect(status.latest, JSON.stringify(status.latest)).toMatchObject({
				state: 'done',
				entries: 2,
				done: 2,
				total: 2
			});
			expect(status.latest?.report?.legibility.checked).toBe(1);
			const zip = await s.exports.download(officer, other.bookId, 'zip');
			expect(zip.mime).toBe('application/zip');
			expect(Object.keys(unzipSync(new Uint8Array(zip.bytes)))).toHaveLength(2);
			const xlsx = await s.exports.download(officer, other.bookId, 'xlsx');
			expect(xlsx.name).toMatch(/\.xlsx$/);
			const e = await refusal(s.exports.download(clerk, other.bookId, 'zip'));
			expect(e.status).toBe(403);
			const hidden = await refusal(s.exports.download(officerBmt, other.bookId, 'zip'));
			expect(hidden.status).toBe(404);
		}, 180_000);
	});
	describe('a foreground export that stops renewing its lease', () => {
		it('blocks another export while alive, is marked interrupted once the lease runs out, and then publishes nothing', async () => {
			const s = t.services;
			const before = await db()
				.selectFrom('entry_export')
				.select(['entry_id', 'book_export_id'])
				.where('entry_id', 'in', book.entries)
				.execute();
			let whileAlive: Awaited<ReturnType<typeof s.exports.status>> | null = null;
			let afterLease: Awaited<ReturnType<typeof s.exports.status>> | null = null;
			const run = s.exports.exportNow(
				book.bookId,
				{},
				{
					leaseMs: 60_000,
					progress: async ({ done }) => {
						if (done > 0 && !whileAlive) {
							whileAlive = await s.exports.status(officer, book.bookId);
							// The process hangs past its lease (as a killed one would stop renewing it).
							t.clock.advance(61_000);
							afterLease = await s.exports.status(officer, book.bookId);
							t.clock.reset();
						}
						return true;
					}
				}
			);
			const e = await refusal(run);
			expect([e.status, e.code]).toEqual([409, 'export.interrupted']);
			expect(whileAlive!.blocked?.code).toBe('export.inProgress');
			expect(whileAlive!.latest?.state).toBe('running');
			expect(afterLease!.blocked).toBeNull();
			expect(afterLease!.latest).toMatchObject({
				state: 'failed',
				zipName: null,
				error: { code: 'export.interrupted', params: {} }
			});
			// Nothing of the late run was published or marked: the entries are as before.
			const after = await db()
				.selectFrom('entry_export')
				.select(['entry_id', 'book_export_id'])
				.where('entry_id', 'in', book.entries)
				.execute();
			expect(after).toEqual(before);
			const row = await db()
				.selectFrom('book_export')
				.selectAll()
				.where('id', '=', afterLease!.latest!.id)
				.executeTakeFirstOrThrow();
			expect(row).toMatchObject({ state: 'failed', zip_hash: null, xlsx_hash: null });
			expect((await verifyAudit(db())).ok).toBe(true);
		}, 120_000);
	});
	describe('a damaged scan', () => {
		it('refuses with the page named, marks nothing and records the failure', async () => {
			const s = t.services;
			const other = await importBook(s, TAN_LAP, [pages[1]!]);
			// Row 5 of that page was never approved in the first book: not a duplicate.
			await approve(other.entries[4]!);
			const page = await db()
				.selectFrom('page')
				.select('blob_hash')
				.where('book_id', '=', other.bookId)
				.executeTakeFirstOrThrow();
			const h = page.blob_hash;
			const file = path.join(t.dataDir, 'blobs', h.slice(0, 2), h.slice(2, 4), h);
			const original = fs.readFileSync(file);
			const before = await auditCount(db());
			fs.writeFileSync(file, original.subarray(0, 200));
			try {
				const e = await refusal(s.exports.exportNow(other.bookId, { legibilitySample: 0 }));
				expect([e.status, e.code, e.params.page]).toEqual([422, 'export.scanUnreadable', 1]);
			} finally {
				fs.writeFileSync(file, original);
			}
			expect((await entryRow(other.entries[4]!)).state).toBe('approved');
			expect(await auditCount(db())).toBe(before);
			const status = await s.exports.status(officer, other.bookId);
			expect(status.latest).toMatchObject({
				state: 'failed',
				error: { code: 'export.scanUnreadable' }
			});
		});
	});
});
