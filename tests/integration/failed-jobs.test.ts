import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { forEachDatabase } from './databases';
import {
	addUser,
	BUON_MA_THUOT,
	createBook,
	createEntry,
	DAK_LAK,
	refusal,
	TAN_LAP
} from './fixtures';
import { jobHandlers } from '../../src/lib/server/jobs/handlers';
import { jobKinds } from '../../src/lib/server/jobs/job-kinds';
import { JobRunner } from '../../src/lib/server/jobs/job-runner';
import { ImportDraft } from '../../src/lib/server/services/book-import';
import { blobPath, blobsDir } from '../../src/lib/server/storage/blob-store';

/**
 * A book's OCR job whose scan was lost from the store fails on every attempt; the admin sees it,
 * with a coded reason and its attempts, on the failed-jobs list and the book's page, and retries
 * it once the scan is back (audited), after which it runs to the end.
 */
forEachDatabase('failed background jobs', (t) => {
	it('shows a job given up on to the admins of its unit, and an admin retry re-queues it', async () => {
		const s = t.services;
		const admin = await addUser(s, 'admin', DAK_LAK);
		const otherAdmin = await addUser(s, 'admin', TAN_LAP);
		const clerk = await addUser(s, 'clerk', BUON_MA_THUOT);
		const draft = new ImportDraft();
		// Not an image OCR can read: once found again, the page is marked unreadable without OCR.
		const bytes = Buffer.from(`not a scan ${t.kind} ${Date.now()}`);
		await s.bookImport.stagePage(draft, {
			bytes,
			mime: 'image/jpeg',
			width: 10,
			height: 10,
			sourceFile: 'Nguyễn Văn An.jpg',
			sourcePage: 1
		});
		const bookId = await s.bookImport.commitImport(
			null,
			{ unitCode: BUON_MA_THUOT, registerType: 'birth', bookNumber: '07', year: 2001 },
			draft
		);
		const hash = draft.pages[0]!.hash;
		const file = path.join(blobsDir(t.env), blobPath(hash));
		const saved = fs.readFileSync(file);
		fs.rmSync(file);

		const handlers = jobHandlers(s);
		try {
			const runner = new JobRunner(s.jobs, handlers.handlers);
			for (let i = 0; i < 3; i++) expect(await runner.runOnce()).toBe(true);
			expect(await runner.runOnce()).toBe(false);

			const listed = await s.failedJobs.list(admin);
			const failed = listed.find((j) => j.subject.bookId === bookId);
			expect(failed).toMatchObject({
				kind: 'book.ocr',
				attempts: 3,
				maxAttempts: 3,
				failure: { code: 'job.failure.blobMissing', params: { blob: hash.slice(0, 12) } },
				subject: { unitCode: BUON_MA_THUOT, bookId }
			});
			const stored = (await s.jobs.get(failed!.id))!.error!;
			expect(stored).not.toContain('Nguyễn');
			expect(await s.failedJobs.list(admin, { bookId })).toHaveLength(1);
			expect(await s.failedJobs.list(admin, { bookId: 'another-book' })).toEqual([]);
			// The book's page shows it to whoever sees the book; another commune's admin does not.
			expect(await s.failedJobs.list(clerk, { bookId })).toHaveLength(1);
			expect(await s.failedJobs.list(otherAdmin, { bookId })).toEqual([]);

			// Only an admin of the book's unit may retry.
			const byClerk = await refusal(s.failedJobs.retry(clerk, failed!.id));
			expect([byClerk.status, byClerk.code]).toEqual([403, 'job.retryForbidden']);
			const byOther = await refusal(s.failedJobs.retry(otherAdmin, failed!.id));
			expect(byOther.status).toBe(404);
			const unknown = await refusal(s.failedJobs.retry(admin, 'no-such-job'));
			expect(unknown.status).toBe(404);
			expect((await s.jobs.get(failed!.id))?.state).toBe('failed');

			fs.writeFileSync(file, saved); // the admin restored the store
			await s.failedJobs.retry(admin, failed!.id);
			expect(await s.jobs.get(failed!.id)).toMatchObject({
				state: 'queued',
				attempts: 0,
				error: null
			});
			const again = await refusal(s.failedJobs.retry(admin, failed!.id));
			expect([again.status, again.code]).toEqual([409, 'job.notFailed']);
			const audit = await s.database.db
				.selectFrom('audit_log')
				.selectAll()
				.where('action', '=', 'job.retry')
				.where('subject_id', '=', failed!.id)
				.execute();
			expect(audit).toHaveLength(1);
			expect(audit[0]).toMatchObject({ actor_id: admin.id, subject_type: 'job' });
			expect(JSON.parse(audit[0]!.data)).toMatchObject({
				kind: 'book.ocr',
				attempts: 3,
				failure: 'job.failure.blobMissing',
				book: bookId
			});
			expect(await s.failedJobs.list(admin, { bookId })).toEqual([]);

			// Run again with its scan back: it finishes, the page read (here: marked unreadable).
			expect(await runner.runOnce()).toBe(true);
			expect((await s.jobs.get(failed!.id))?.state).toBe('done');
			const pages = await s.books.pages(admin, bookId);
			expect(pages.map((p) => p.ocrState)).toEqual(['failed']);
		} finally {
			await handlers.close();
		}
	});

	it('does not offer to retry an export the book has been exported again since', async () => {
		const s = t.services;
		const admin = await addUser(s, 'admin', DAK_LAK);
		const officer = await addUser(s, 'officer', TAN_LAP);
		const book = await createBook(s.database.db, TAN_LAP);
		await createEntry(s.database.db, book, {
			state: 'approved',
			fields: { 'child.fullName': 'A' }
		});
		// Every attempt fails (the store was unwritable, say): both exports end failed.
		const runner = new JobRunner(s.jobs, {
			[jobKinds.bookExport]: async () => {
				throw new Error('EACCES: permission denied');
			}
		});
		const older = await s.exports.request(officer, book.id);
		while (await runner.runOnce());
		const newer = await s.exports.request(officer, book.id);
		while (await runner.runOnce());

		const views = (await s.failedJobs.list(admin, { bookId: book.id })).filter(
			(j) => j.kind === 'book.export'
		);
		const jobOf = async (exportId: string) =>
			(await s.database.db
				.selectFrom('book_export')
				.select('job_id')
				.where('id', '=', exportId)
				.executeTakeFirstOrThrow())!.job_id!;
		const olderJob = await jobOf(older);
		const newerJob = await jobOf(newer);
		expect(Object.fromEntries(views.map((v) => [v.id, v.superseded]))).toEqual({
			[olderJob]: true,
			[newerJob]: false
		});
		const stale = await refusal(s.failedJobs.retry(admin, olderJob));
		expect([stale.status, stale.code]).toEqual([409, 'job.superseded']);
		expect((await s.jobs.get(olderJob))?.state).toBe('failed');
		await s.failedJobs.retry(admin, newerJob);
		expect((await s.jobs.get(newerJob))?.state).toBe('queued');
	});
});
