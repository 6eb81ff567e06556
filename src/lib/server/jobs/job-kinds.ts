/** Job kinds: the one list of background work (payloads are checked by their handlers). */
export const jobKinds = {
	/** Read every page of a book that OCR has not read yet and record the entries found. */
	bookOcr: 'book.ocr',
	/** Import a resident extract uploaded on the admin page (src/lib/server/services/resident-imports.ts). */
	residentsImport: 'residents.import',
	/** Build a book's export package (PDFs, Excel, zip) and mark its entries exported. */
	bookExport: 'book.export'
} as const;
