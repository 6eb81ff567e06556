// Run by failed-job.spec.ts in a process of its own (`node --import tsx`), before the server
// starts: a book imported through the real import path whose one scan is then lost from the blob
// store (the file deleted, as a failed disk or a bad restore would), so its OCR job fails on every
// attempt. The lost bytes are kept beside the store so the test can put them back.
// Prints `{"bookId","blobFile","keptFile"}` on stdout.
import fs from 'node:fs';
import path from 'node:path';
import { createServices } from '../../../src/lib/server/container';
import { readEnv } from '../../../src/lib/server/env';
import { ImportDraft } from '../../../src/lib/server/services/book-import';
import { blobPath, blobsDir } from '../../../src/lib/server/storage/blob-store';

const env = readEnv();
const s = await createServices({ env });
try {
	const draft = new ImportDraft();
	// Bytes OCR cannot read: once back, the page is marked unreadable without starting OCR.
	await s.bookImport.stagePage(draft, {
		bytes: Buffer.from('not a scan: e2e lost page'),
		mime: 'image/jpeg',
		width: 10,
		height: 10,
		sourceFile: 'trang-1.jpg',
		sourcePage: 1
	});
	const bookId = await s.bookImport.commitImport(
		null,
		{ unitCode: '24121', registerType: 'birth', bookNumber: '31', year: 1999 },
		draft
	);
	const blobFile = path.join(blobsDir(env), blobPath(draft.pages[0]!.hash));
	const keptFile = path.join(env.dataDir, 'lost-scan.bin');
	fs.renameSync(blobFile, keptFile);
	process.stdout.write(JSON.stringify({ bookId, blobFile, keptFile }) + '\n');
} finally {
	await s.database.close();
}
