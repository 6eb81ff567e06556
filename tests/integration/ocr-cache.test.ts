import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { forEachDatabase } from './databases';
import { TAN_LAP } from './fixtures';
import { scannedPage } from './scans';
import type { Services } from '../../src/lib/server/container';
import { sha256Hex } from '../../src/lib/server/storage/blob-store';
import { createOcrPool, type OcrPool } from '../../src/lib/ocr/engine/ocr-pool';
import type { PageReading } from '../../src/lib/ocr/book-page';
import { ocrCacheKey, templateVersion } from '../../src/lib/ocr/result-cache';
import { loadTemplate, type RegisterTemplate } from '../../src/lib/ocr/templates/index';
import { OCR_ENGINE_VERSION } from '../../src/lib/ocr/version';
import { jobHandlers, type JobHandlers } from '../../src/lib/server/jobs/handlers';
import { jobKinds } from '../../src/lib/server/jobs/job-kinds';
import { JobRunner } from '../../src/lib/server/jobs/job-runner';

const template = loadTemplate('birth-table-v1');

/** The real OCR engine, counting the images it is asked to read. */
function countingPool(pool: OcrPool, count: { reads: number }): OcrPool {
	return {
		size: pool.size,
		recognizePage(image, opts) {
			count.reads++;
			return pool.recognizePage(image, opts);
		},
		recognizeRegions(image, regions, opts) {
			count.reads++;
			return pool.recognizeRegions(image, regions, opts);
		},
		close: () => pool.close()
	};
}

/** A birth book of the given scans, one page each. */
async function importBook(s: Services, bookNumber: string, scans: Uint8Array[]) {
	const title = `Sổ đăng ký khai sinh 2012, quyển ${bookNumber}`;
	const bookId = await s.bookImport.createBook(null, {
		unitCode: TAN_LAP,
		registerType: 'birth',
		bookNumber,
		year: 2012,
		title,
		templateId: template.id
	});
	for (const [i, bytes] of scans.entries()) {
		await s.bookImport.addPage(
			bookId,
			{
				bytes,
				mime: 'image/jpeg',
				width: 10,
				height: 10,
				sourceFile: `trang-${i + 1}.jpg`,
				sourcePage: 1
			},
			null
		);
	}
	return { bookId, title };
}

/** What OCR prefilled in a book, entry by entry, without ids. */
async function prefilled(s: Services, bookId: string) {
	const entries = await s.database.db
		.selectFrom('entry')
		.select(['id', 'seq', 'region', 'state'])
		.where('book_id', '=', bookId)
		.orderBy('seq')
		.execute();
	return Promise.all(
		entries.map(async ({ id, ...entry }) => ({
			...entry,
			fields: await s.database.db
				.selectFrom('entry_field')
				.select(['key', 'value', 'ocr_value', 'ocr_confidence', 'bbox'])
				.where('entry_id', '=', id)
				.orderBy('key')
				.execute()
		}))
	);
}

forEachDatabase('OCR result cache', (t) => {
	const engine = { reads: 0 };
	let jobs: JobHandlers;
	let runner: JobRunner;
	beforeAll(() => {
		jobs = jobHandlers(t.services, {
			ocrThreads: 1,
			createOcrPool: (opts) => countingPool(createOcrPool(opts), engine)
		});
		runner = new JobRunner(t.services.jobs, jobs.handlers);
	});
	afterAll(() => jobs?.close());
	afterEach(() => vi.restoreAllMocks());

	async function runOcr(bookId: string) {
		const jobId = await t.services.jobs.enqueue(jobKinds.bookOcr, { bookId });
		expect(await runner.runOnce()).toBe(true);
		expect(await t.services.jobs.get(jobId)).toMatchObject({ state: 'done' });
	}

	it('reads a scan once: the same images in a second book are recorded from the cache', async () => {
		const s = t.services;
		const scan = await scannedPage(`ocr-cache:${t.kind}`);
		const notAScan = Buffer.from(`half an upload ${t.kind}`);

		const first = await importBook(s, '01', [scan.bytes, notAScan]);
		await runOcr(first.bookId);
		const readsForFirstBook = engine.reads;
		expect(readsForFirstBook).toBeGreaterThan(0);
		const stored = await s.database.db
			.selectFrom('ocr_result')
			.select(['image_hash', 'template_id', 'template_version', 'engine_version'])
			.orderBy('image_hash')
			.execute();
		expect(stored).toEqual(
			[sha256Hex(scan.bytes), sha256Hex(notAScan)].sort().map((image_hash) => ({
				image_hash,
				template_id: template.id,
				template_version: templateVersion(template),
				engine_version: OCR_ENGINE_VERSION
			}))
		);

		const second = await importBook(s, '02', [scan.bytes, notAScan]);
		await runOcr(second.bookId);
		expect(engine.reads).toBe(readsForFirstBook);

		const entries = await prefilled(s, second.bookId);
		expect(entries).toHaveLength(scan.truth.entries.length);
		expect(entries.every((e) => e.state === 'prefilled')).toBe(true);
		expect(entries).toEqual(await prefilled(s, first.bookId));
		// The cached refusal names the second book's page, not the page it was first met on.
		const pages = await s.database.db
			.selectFrom('page')
			.select(['ocr_state', 'ocr_error'])
			.where('book_id', '=', second.bookId)
			.orderBy('page_no')
			.execute();
		expect(pages[0]).toEqual({ ocr_state: 'done', ocr_error: null });
		expect(pages[1]?.ocr_state).toBe('failed');
		expect(JSON.parse(pages[1]?.ocr_error ?? 'null')).toMatchObject({
			code: 'ocr.unsupportedFormat',
			params: { file: `${second.title}, trang 2` }
		});

		// A tuned template or a new engine must read the scan again.
		const tuned: RegisterTemplate = structuredClone(template);
		tuned.fields[0]!.box[2] += 0.01;
		const imageHash = sha256Hex(scan.bytes);
		expect(await s.ocrCache.get(ocrCacheKey(imageHash, template))).toMatchObject({
			entries: expect.any(Array)
		});
		expect(await s.ocrCache.get(ocrCacheKey(imageHash, tuned))).toBeNull();
		expect(await s.ocrCache.get(ocrCacheKey(imageHash, template, 'next'))).toBeNull();
	});

	it('keeps the first reading of a key, and treats an unreadable row as a miss', async () => {
		const s = t.services;
		const key = ocrCacheKey('c'.repeat(64), template);
		const reading: PageReading = {
			entries: [
				{
					region: [10, 20, 300, 60],
					fields: {
						nksHoTen: {
							value: 'Nguyễn Văn An',
							confidence: 0.91,
							bbox: [12, 22, 90, 40],
							issues: []
						}
					}
				}
			]
		};
		await s.ocrCache.put(key, reading);
		await s.ocrCache.put(key, { entries: [] }); // a second worker that read the same scan
		expect(await s.ocrCache.get(key)).toEqual(reading);

		await s.database.db
			.updateTable('ocr_result')
			.set({ result_json: '{"entries":[{"region":"top"}]}' })
			.where('cache_key', '=', key.key)
			.execute();
		expect(await s.ocrCache.get(key)).toBeNull();
		await s.ocrCache.put(key, reading);
		expect(await s.ocrCache.get(key)).toEqual(reading);
	});

	it('records the page when the cache cannot be written', async () => {
		const s = t.services;
		vi.spyOn(s.ocrCache, 'put').mockRejectedValue(new Error('disk full'));
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const notAScan = Buffer.from(`another half upload ${t.kind}`);
		const { bookId } = await importBook(s, '03', [notAScan]);
		await runOcr(bookId);
		const page = await s.database.db
			.selectFrom('page')
			.select(['ocr_state', 'ocr_error'])
			.where('book_id', '=', bookId)
			.executeTakeFirstOrThrow();
		expect(page.ocr_state).toBe('failed');
		expect(JSON.parse(page.ocr_error ?? 'null')).toMatchObject({ code: 'ocr.unsupportedFormat' });
		// One line, no error object: logs never carry what a failing value might quote (issue 9).
		expect(warn).toHaveBeenCalledWith(expect.stringContaining('not cached'));
		expect(await s.ocrCache.get(ocrCacheKey(sha256Hex(notAScan), template))).toBeNull();
	});
});
