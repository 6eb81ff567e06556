import { z } from 'zod';

/** Job kinds: the one list of background work. */
export const jobKinds = {
	/** Read every page of a book that OCR has not read yet and record the entries found. */
	bookOcr: 'book.ocr',
	/** Import a resident extract uploaded on the admin page (src/lib/server/services/resident-imports.ts). */
	residentsImport: 'residents.import',
	/** Build a book's export package (PDFs, Excel, zip) and mark its entries exported. */
	bookExport: 'book.export'
} as const;

/**
 * What each kind's payload holds: checked by its handler before it runs, and read by the admin's
 * list of failed jobs to name the book or unit a job was about.
 */
export const jobPayloads = {
	bookOcr: z.object({ bookId: z.string().min(1) }),
	bookExport: z.object({ exportId: z.string().min(1) }),
	residentsImport: z.object({
		blob: z.string().min(1),
		unitCode: z.string().min(1),
		fileName: z.string().min(1),
		actorId: z.string().nullable(),
		/** Chosen when queued, so every attempt of the job writes into the same extract. */
		extractId: z.string().min(1).optional()
	})
};
