import { z } from 'zod';
import type { Services } from '../container';
import type { JobHandler } from './job-runner';
import { createOcrPool, type OcrPool } from '../../ocr/engine/ocr-pool';
import { ocrBookPage } from '../../ocr/book-page';
import { jobKinds } from './job-kinds';

const bookOcrPayload = z.object({ bookId: z.string().min(1) });

export interface JobHandlers {
	handlers: Record<string, JobHandler>;
	/** Stops the OCR engine's threads. */
	close(): Promise<void>;
}

/**
 * The handlers a worker runs. OCR threads start on the first page to read (each takes ~200 MB),
 * so a worker that only ever sees other jobs never pays for them.
 */
export function jobHandlers(s: Services, opts: { ocrThreads?: number } = {}): JobHandlers {
	let pool: OcrPool | null = null;
	const ocrPool = () => (pool ??= createOcrPool({ size: opts.ocrThreads ?? 1 }));

	const bookOcr: JobHandler = async ({ payload, progress }) => {
		const { bookId } = bookOcrPayload.parse(payload);
		const book = await s.books.getRow(bookId);
		if (!book) return; // deleted since it was queued: nothing to read
		const pages = await s.bookImport.pagesAwaitingOcr(bookId);
		let done = 0;
		for (const page of pages) {
			if (!(await progress({ done, total: pages.length }))) return; // another worker took it
			const png = await s.blobs.get(page.blob_hash);
			const result = await ocrBookPage(
				png,
				{
					registerType: book.register_type,
					templateId: book.template_id,
					name: `${book.title}, trang ${page.page_no}`,
					pageNo: page.page_no
				},
				ocrPool()
			);
			if ('error' in result) {
				await s.bookImport.recordPageError(page.id, result.error);
			} else {
				await s.bookImport.recordPageEntries(page.id, result.entries);
			}
			done++;
		}
		await progress({ done, total: pages.length });
	};

	return {
		handlers: { [jobKinds.bookOcr]: bookOcr },
		async close() {
			await pool?.close();
			pool = null;
		}
	};
}
