import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDatabase, testEnv } from './databases';
import { captureIo, sohoa } from './cli-harness';
import { TAN_LAP } from './fixtures';
import { realScans, writeScanFiles, type ScanFiles } from './scan-files';
import { scannedPage } from './scans';
import { jobHandlers } from '../../src/lib/server/jobs/handlers';
import { JobRunner } from '../../src/lib/server/jobs/job-runner';
import type { Services } from '../../src/lib/server/container';
import { AppError } from '../../src/lib/server/errors';
import { main } from '../../src/cli/main';
import { importBook, parseImportBook } from '../../src/cli/commands/import-book';

const scanDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-import-scans-'));
let files: ScanFiles;
beforeAll(async () => {
	files = await writeScanFiles(scanDir);
});
afterAll(() => fs.rmSync(scanDir, { recursive: true, force: true }));

function capture() {
	const c = captureIo();
	return {
		...c,
		/** The lines that report a failure (progress lines start with `import-book `). */
		errors: () =>
			c
				.err()
				.split('\n')
				.filter((l) => l.startsWith('sohoa import-book:'))
	};
}

const bookArgs = (book: string) => [
	'--unit',
	TAN_LAP,
	'--type',
	'birth',
	'--book',
	book,
	'--year',
	'2012'
];

async function pagesOf(s: Services, bookId: string) {
	return s.database.db
		.selectFrom('page')
		.innerJoin('blob', 'blob.hash', 'page.blob_hash')
		.select(['page_no', 'source_file', 'source_page', 'width', 'height', 'blob_hash', 'mime'])
		.where('book_id', '=', bookId)
		.orderBy('page_no')
		.execute();
}

async function ocrJobsFor(s: Services, bookId: string) {
	const jobs = await s.database.db
		.selectFrom('job')
		.select(['kind', 'payload', 'state'])
		.where('kind', '=', 'book.ocr')
		.execute();
	return jobs.filter((j) => (JSON.parse(j.payload) as { bookId: string }).bookId === bookId);
}

async function rowCounts(s: Services) {
	const count = async (table: 'book' | 'page' | 'blob' | 'job') =>
		Number(
			(
				await s.database.db
					.selectFrom(table)
					.select((eb) => eb.fn.countAll().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);
	return {
		book: await count('book'),
		page: await count('page'),
		blob: await count('blob'),
		job: await count('job')
	};
}

/** A TIFF page's pixels, grey: what a lossless copy of it must decode to. */
const greyPixels = (input: Buffer | string, page = 0) =>
	sharp(input, { page }).greyscale().raw().toBuffer();

forEachDatabase('sohoa import-book', (t) => {
	it('adds pages in argument order, skips what cannot be read, queues one OCR job', async () => {
		const s = t.services;
		const argv = [
			files.random,
			files.tif,
			files.truncatedJpg,
			files.jpg,
			files.empty,
			files.pdf,
			files.encryptedPdf,
			files.pixelBomb,
			files.tif, // the same pages again: stored once
			...bookArgs('07')
		];
		const c = capture();
		expect(await importBook(s, await parseImportBook(argv), c.io)).toBe(1);

		const bookId = c.out().trim();
		expect(c.out()).toBe(`${bookId}\n`);
		const book = await s.database.db
			.selectFrom('book')
			.selectAll()
			.where('id', '=', bookId)
			.executeTakeFirstOrThrow();
		expect(book).toMatchObject({
			unit_code: TAN_LAP,
			register_type: 'birth',
			book_number: '07',
			year: 2012,
			title: 'Sổ đăng ký khai sinh 2012, quyển 07'
		});

		const pages = await pagesOf(s, bookId);
		const jpgMeta = await sharp(files.jpg).metadata();
		expect(
			pages.map((p) => [p.page_no, p.source_file, p.source_page, p.mime, p.width, p.height])
		).toEqual([
			[1, 'vietsample1.tif', 1, 'image/png', 1200, 1800],
			[2, 'vietsample1.tif', 2, 'image/png', 1200, 1800],
			[3, 'register-page.jpg', 1, 'image/jpeg', jpgMeta.width, jpgMeta.height],
			[4, 'scan.pdf', 1, 'image/jpeg', 2550, 3300]
		]);
		const [tif1, tif2, jpg, pdf1] = await Promise.all(pages.map((p) => s.blobs.get(p.blob_hash)));
		// TIFF pages become PNGs with the very same pixels; JPEGs are kept byte for byte.
		expect((await greyPixels(tif1!)).equals(await greyPixels(files.tif, 0))).toBe(true);
		expect((await greyPixels(tif2!)).equals(await greyPixels(files.tif, 1))).toBe(true);
		expect((await sharp(tif1!).metadata()).channels).toBe(1);
		expect(jpg!.equals(fs.readFileSync(files.jpg))).toBe(true);
		expect(pdf1!.equals(files.pdfScan)).toBe(true);

		expect(await ocrJobsFor(s, bookId)).toEqual([
			{ kind: 'book.ocr', payload: JSON.stringify({ bookId }), state: 'queued' }
		]);

		// One line per failure, naming the file (and the page), in English then Vietnamese.
		expect(c.errors()).toEqual([
			`sohoa import-book: ${files.random} is not a PNG, JPEG, TIFF, WebP or PDF scan. / ${files.random} không phải ảnh quét PNG, JPEG, TIFF, WebP hay PDF.`,
			expect.stringContaining(`The image ${files.truncatedJpg}, page 1, is damaged or incomplete`),
			`sohoa import-book: The file ${files.empty} is empty. / Tệp ${files.empty} rỗng.`,
			`sohoa import-book: Page 2 of ${files.pdf} has no scanned image (a text PDF?). / Trang 2 của ${files.pdf} không có ảnh quét (PDF văn bản?).`,
			expect.stringContaining(`The PDF ${files.encryptedPdf} is password-protected`),
			expect.stringContaining(`The image ${files.pixelBomb}, page 1, is too large to process`)
		]);
		expect(c.errors()[1]).toContain(`/ Ảnh ${files.truncatedJpg}, trang 1 bị hỏng`);
		expect(c.err()).toContain(`import-book ${files.tif}: page 2/2 → book page 2\n`);
		expect(c.err()).toContain(
			`import-book ${files.tif}: page 2/2 → same image as book page 2, not stored again\n`
		);
	});

	it('the same files again make a new book sharing the stored images; exit 0', async () => {
		const s = t.services;
		const ids: string[] = [];
		for (const book of ['08', '09']) {
			const c = capture();
			expect(await importBook(s, await parseImportBook([files.jpg, ...bookArgs(book)]), c.io)).toBe(
				0
			);
			expect(c.errors()).toEqual([]);
			ids.push(c.out().trim());
		}
		const [a, b] = await Promise.all(ids.map((id) => pagesOf(s, id)));
		expect(ids[0]).not.toBe(ids[1]);
		expect(a).toHaveLength(1);
		expect(b?.map((p) => p.blob_hash)).toEqual(a?.map((p) => p.blob_hash));
		for (const id of ids) expect(await ocrJobsFor(s, id)).toHaveLength(1);
	});

	it('a book imported from its scans ends with every written entry prefilled by the OCR job', async () => {
		const s = t.services;
		const c = capture();
		expect(await importBook(s, await parseImportBook([files.jpg, ...bookArgs('11')]), c.io)).toBe(
			0
		);
		const bookId = c.out().trim();
		const jobs = jobHandlers(s, { ocrThreads: 1 });
		try {
			// Earlier tests queued books too: drain the queue, this book's job among them.
			const runner = new JobRunner(s.jobs, jobs.handlers);
			while (await runner.runOnce());
		} finally {
			await jobs.close();
		}
		const { truth } = await scannedPage('import-book-test');
		const entries = await s.database.db
			.selectFrom('entry')
			.select(['id', 'state'])
			.where('book_id', '=', bookId)
			.execute();
		expect(entries).toHaveLength(truth.entries.length);
		expect(entries.every((e) => e.state === 'prefilled')).toBe(true);
		const dates = await s.database.db
			.selectFrom('entry_field')
			.innerJoin('entry', 'entry.id', 'entry_field.entry_id')
			.select(['entry_field.value'])
			.where('entry.book_id', '=', bookId)
			.where('entry_field.key', '=', 'nksNgaySinh')
			.orderBy('entry.seq')
			.execute();
		expect(dates.map((d) => d.value)).toEqual(
			truth.entries.map((e) => e.fields.nksNgaySinh?.value)
		);
	});

	it('queues no OCR when not one page could be read', async () => {
		const s = t.services;
		const c = capture();
		const request = await parseImportBook([files.random, files.empty, ...bookArgs('10')]);
		expect(await importBook(s, request, c.io)).toBe(1);
		const bookId = c.out().trim();
		expect(await pagesOf(s, bookId)).toEqual([]);
		expect(await ocrJobsFor(s, bookId)).toEqual([]);
		expect(c.errors()).toHaveLength(2);
	});

	it.each([
		[
			'an unknown unit',
			['--unit', '99999', '--type', 'birth', '--book', '1', '--year', '2012'],
			'unit.unknown'
		],
		[
			'a year before 1900',
			['--unit', TAN_LAP, '--type', 'birth', '--book', '1', '--year', '1899'],
			'book.badYear'
		],
		[
			'a year to come',
			['--unit', TAN_LAP, '--type', 'birth', '--book', '1', '--year', '2999'],
			'book.badYear'
		]
	])('%s is refused before anything is written', async (_name, args, code) => {
		const s = t.services;
		const before = await rowCounts(s);
		const c = capture();
		const refused = await importBook(s, await parseImportBook([files.tif, ...args]), c.io).catch(
			(e: unknown) => e
		);
		expect(refused).toBeInstanceOf(AppError);
		expect((refused as AppError).code).toBe(code);
		expect(c.out()).toBe('');
		expect(await rowCounts(s)).toEqual(before);
	});
});

describe('sohoa import-book arguments', () => {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-import-args-'));
	const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
	beforeAll(() => {
		// Were the command to open the database, it would create it here.
		process.env.DATA_DIR = dataDir;
		process.env.DATABASE_URL = '';
	});
	afterAll(() => {
		for (const [k, v] of Object.entries(saved)) {
			if (v === undefined) delete process.env[k];
			else process.env[k] = v;
		}
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	const good = () => [files.tif, ...bookArgs('01')];
	const without = (flag: string) => {
		const argv = good();
		argv.splice(argv.indexOf(flag), 2);
		return argv;
	};
	it.each([
		['no --unit', () => without('--unit'), /--unit is required/],
		['no --type', () => without('--type'), /--type is required/],
		['no --book', () => without('--book'), /--book is required/],
		['no --year', () => without('--year'), /--year is required/],
		[
			'an unknown register type',
			() => [...good(), '--type', 'wedding'],
			/unknown register type "wedding"/
		],
		['a year that is no year', () => [...good(), '--year', '12'], /--year must be a year/],
		['no file', () => bookArgs('01'), /no input file/],
		[
			'a missing file',
			() => [files.jpg, path.join(scanDir, 'nope.tif'), ...bookArgs('01')],
			/nope\.tif: no such file/
		],
		['a folder', () => [scanDir, ...bookArgs('01')], /: not a file/],
		['an unknown option', () => [...good(), '--title', 'x'], /Unknown option '--title'/]
	])('%s → one line, exit 2, nothing written', async (_name, argv, message) => {
		const c = capture();
		expect(await main(['import-book', ...argv()], c.io)).toBe(2);
		expect(c.out()).toBe('');
		expect(c.err()).toMatch(message);
		expect(c.err()).toMatch(/^sohoa import-book: [^\n]*\n$/);
		expect(fs.readdirSync(dataDir)).toEqual([]);
	});

	it('is listed in the help', async () => {
		const c = capture();
		expect(await main(['--help'], c.io)).toBe(0);
		expect(c.out()).toContain('import-book FILE… --unit CODE --type T --book NUMBER --year YYYY');
	});
});

describe('sohoa import-book, the command itself', () => {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-import-cli-'));
	afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

	const run = (args: string[]) => sohoa(dataDir, ['import-book', ...args]);

	async function withDatabase<T>(fn: (s: Services) => Promise<T>): Promise<T> {
		const { createServices } = await import('../../src/lib/server/container');
		const s = await createServices({ env: testEnv(dataDir, null) });
		try {
			return await fn(s);
		} finally {
			await s.database.close();
		}
	}

	it('prints only the new book id on stdout, the book is in the database, exit 1 on a bad file', async () => {
		const r = await run([
			files.tif,
			files.random,
			path.join(realScans, 'vietsample2.tif'),
			...bookArgs('01')
		]);
		expect(r.code, r.stderr).toBe(1);
		expect(r.stdout).toMatch(/^[0-9a-f-]{36}\n$/);
		expect(r.stderr).toContain(`sohoa import-book: ${files.random} is not a PNG`);
		const bookId = r.stdout.trim();
		await withDatabase(async (s) => {
			expect((await pagesOf(s, bookId)).map((p) => [p.source_file, p.source_page])).toEqual([
				['vietsample1.tif', 1],
				['vietsample1.tif', 2],
				['vietsample2.tif', 1],
				['vietsample2.tif', 2]
			]);
			expect(await ocrJobsFor(s, bookId)).toHaveLength(1);
		});
	});

	it('an unknown unit: one line in English and Vietnamese, exit 1, no book', async () => {
		const before = await withDatabase(rowCounts);
		const r = await run([
			files.jpg,
			'--unit',
			'99999',
			'--type',
			'birth',
			'--book',
			'1',
			'--year',
			'2012'
		]);
		expect(r.code).toBe(1);
		expect(r.stdout).toBe('');
		expect(r.stderr).toBe(
			'sohoa import-book: No administrative unit has code "99999". / Không có đơn vị hành chính mã "99999".\n'
		);
		expect(await withDatabase(rowCounts)).toEqual(before);
	});
});
