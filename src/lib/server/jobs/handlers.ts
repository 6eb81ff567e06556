import type { Services } from '../container';
import type { JobHandler } from './job-runner';
import {
	createOcrPool,
	ocrPageAhead,
	type OcrPool,
	type OcrPoolOptions
} from '../../ocr/engine/ocr-pool';
import {
	bookPageTemplate,
	forBookPage,
	readPageImage,
	type PageReading
} from '../../ocr/book-page';
import { isCacheable, ocrCacheKey } from '../../ocr/result-cache';
import type { RegisterTemplate } from '../../ocr/templates';
import { jobKinds, jobPayloads } from './job-kinds';
import { readAhead } from './read-ahead';
import { AppError } from '../errors';
import { ExportStopped } from '../services/export-service';
import { errorForLog } from '../log-safe';

export interface JobHandlers {
	handlers: Record<string, JobHandler>;
	/** Stops the OCR engine's threads. */
	close(): Promise<void>;
}

export interface JobHandlerOptions {
	ocrThreads?: number;
	/** Starts the OCR engine; tests wrap the real one to see what it is asked to read. */
	createOcrPool?: (opts: OcrPoolOptions) => OcrPool;
}

/**
 * The handlers a worker runs. OCR threads start on the first page to read (each takes ~200 MB),
 * so a worker that only ever sees other jobs, or only cached scans, never pays for them.
 */
export function jobHandlers(s: Services, opts: JobHandlerOptions = {}): JobHandlers {
	let pool: OcrPool | null = null;
	const startPool = opts.createOcrPool ?? createOcrPool;
	const ocrPool = () => (pool ??= startPool({ size: opts.ocrThreads ?? 1 }));

	/** What OCR reads on a stored scan with a template: remembered, or read now and remembered. */
	const readScan = async (imageHash: string, template: RegisterTemplate): Promise<PageReading> => {
		const key = ocrCacheKey(imageHash, template);
		const cached = await s.ocrCache.get(key);
		if (cached) return cached;
		const reading = await readPageImage(await s.blobs.get(imageHash), template, ocrPool());
		if (isCacheable(reading)) {
			// The cache only saves time: a failed write must not cost the page its reading.
			await s.ocrCache.put(key, reading).catch((e: unknown) => {
				console.warn(`sohoa: OCR result of ${imageHash} not cached: ${errorForLog(e)}`);
			});
		}
		return reading;
	};

	const bookOcr: JobHandler = async ({ payload, progress }) => {
		const { bookId } = jobPayloads.bookOcr.parse(payload);
		const book = await s.books.getRow(bookId);
		if (!book) return; // deleted since it was queued: nothing to read
		const template = bookPageTemplate({
			registerType: book.register_type,
			templateId: book.template_id
		});
		const pages = await s.bookImport.pagesAwaitingOcr(bookId);
		let done = 0;
		if (!(await progress({ done, total: pages.length }))) return; // another worker took it
		// Pages are read ahead of the recording, one more than there are OCR threads: while a
		// thread recognises one page the main thread cleans the next, so no thread waits for it.
		const results = readAhead(pages, ocrPageAhead(opts.ocrThreads ?? 1), async (page) =>
			'error' in template
				? template
				: forBookPage(await readScan(page.blob_hash, template), {
						name: `${book.title}, trang ${page.page_no}`,
						pageNo: page.page_no
					})
		);
		for await (const result of results) {
			const page = pages[done]!;
			if ('error' in result) {
				await s.bookImport.recordPageError(page.id, result.error);
			} else {
				await s.bookImport.recordPageEntries(page.id, result.entries);
			}
			done++;
			if (!(await progress({ done, total: pages.length }))) return;
		}
	};

	const bookExport: JobHandler = async ({ payload, progress }) => {
		const { exportId } = jobPayloads.bookExport.parse(payload);
		try {
			await s.exports.build(exportId, { progress, ocr: ocrPool });
		} catch (e) {
			// A refusal is recorded on the export for the user; trying again would refuse again.
			// A stopped export marked nothing: the runner hands the job on.
			if (e instanceof AppError || e instanceof ExportStopped) return;
			throw e;
		}
	};

	return {
		handlers: {
			[jobKinds.bookOcr]: bookOcr,
			[jobKinds.bookExport]: bookExport,
			[jobKinds.residentsImport]: ({ payload, progress }) =>
				s.residentImports.run(payload, progress)
		},
		async close() {
			await pool?.close();
			pool = null;
		}
	};
}
