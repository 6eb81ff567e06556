// The services with STORAGE=s3: an import's scans, an export package built by a worker and
// downloaded by the app, a resident extract uploaded then imported by a job, all through the
// bucket, and nothing of them under DATA_DIR (so app nodes and workers on other machines share it).
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from './databases';
import { addUser, TAN_LAP, DAK_LAK } from './fixtures';
import { approveEntry, importBook, renderedPages } from './export-fixtures';
import { startS3Emulator, type S3Emulator } from './s3-emulator';
import { S3BlobStore } from '../../src/lib/server/storage/s3-blob-store';
import { sha256Hex } from '../../src/lib/server/storage/blob-store';
import { jobHandlers } from '../../src/lib/server/jobs/handlers';
import { JobRunner } from '../../src/lib/server/jobs/job-runner';
import type { Services } from '../../src/lib/server/container';

let emulator: S3Emulator;
beforeAll(async () => {
	emulator = await startS3Emulator();
});
afterAll(async () => {
	await emulator?.stop();
});

/** The bucket as another machine sees it: its own client, nothing shared in memory. */
const elsewhere = () => new S3BlobStore(emulator.settings);

async function runJobs(s: Services) {
	const jobs = jobHandlers(s);
	try {
		const runner = new JobRunner(s.jobs, jobs.handlers);
		while (await runner.runOnce());
	} finally {
		await jobs.close();
	}
}

forEachDatabase(
	'services on S3 storage',
	(t) => {
		it('an import stores its scans in the bucket; the export job reads them and stores the package there', async () => {
			const s = t.services;
			const clerk = await addUser(s, 'clerk', TAN_LAP);
			const officer = await addUser(s, 'officer', TAN_LAP);
			const book = await importBook(s, TAN_LAP, await renderedPages());
			const pages = await s.database.db
				.selectFrom('page')
				.select('blob_hash')
				.where('book_id', '=', book.bookId)
				.execute();
			expect(pages).toHaveLength(2);
			for (const p of pages) expect(await elsewhere().has(p.blob_hash)).toBe(true);

			for (const id of book.entries.slice(0, 2)) await approveEntry(s, clerk, officer, id);
			await s.exports.request(officer, book.bookId, { legibilitySample: 0 });
			await runJobs(s);
			const status = await s.exports.status(officer, book.bookId);
			expect(status.latest, JSON.stringify(status.latest)).toMatchObject({
				state: 'done',
				entries: 2
			});

			const zip = await s.exports.download(officer, book.bookId, 'zip');
			expect(Object.keys(unzipSync(new Uint8Array(zip.bytes)))).toHaveLength(2);
			expect(await elsewhere().has(sha256Hex(zip.bytes))).toBe(true);
			const xlsx = await s.exports.download(officer, book.bookId, 'xlsx');
			expect(Buffer.compare(await elsewhere().get(sha256Hex(xlsx.bytes)), xlsx.bytes)).toBe(0);
		}, 180_000);

		it('a resident extract uploaded on the app is imported by the job from the bucket', async () => {
			const s = t.services;
			const admin = await addUser(s, 'admin', DAK_LAK);
			const bytes = new TextEncoder().encode(
				'\uFEFFHọ, chữ đệm và tên;Ngày, tháng, năm sinh;Số định danh cá nhân\n' +
					'Nguyễn Văn An;01/01/1990;066190000001\nTrần Thị Bình;02/02/1992;066192000002\n'
			);
			const jobId = await s.residentImports.queue(admin, {
				unitCode: TAN_LAP,
				fileName: 'trich-xuat.csv',
				bytes
			});
			expect(await elsewhere().has(sha256Hex(bytes))).toBe(true);
			await runJobs(s);
			expect(await s.jobs.get(jobId)).toMatchObject({ state: 'done' });
			expect(await s.residents.count(TAN_LAP)).toBe(2);
		});

		it('keeps nothing but the database under DATA_DIR', () => {
			expect(fs.existsSync(path.join(t.dataDir, 'blobs'))).toBe(false);
		});
	},
	() => ({ kind: 's3', ...emulator.settings })
);
