import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { forEachDatabase } from '../databases';
import { TAN_LAP } from '../fixtures';
import { scannedPage } from '../scans';
import { jobKinds } from '../../../src/lib/server/jobs/job-kinds';
import { readFailure, workerStopped } from '../../../src/lib/server/jobs/job-failure';
import {
	auditVerify,
	LEASE_SECONDS,
	SohoaProcess,
	databaseIntegrity,
	until,
	run
} from './crash-harness';

/**
 * A `sohoa worker` killed with SIGKILL in the middle of a book's OCR: once its lease runs out
 * another worker takes the job over and finishes it, every page read exactly once; a job whose
 * workers keep dying is given up after max_attempts, with the reason kept on the job.
 */
forEachDatabase('a `sohoa worker` killed mid-OCR', (t) => {
	const scanDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-crash-scans-'));
	const workers: SohoaProcess[] = [];
	afterAll(async () => {
		for (const w of workers) await w.dispose();
		fs.rmSync(scanDir, { recursive: true, force: true });
	});

	const worker = () => {
		const w = new SohoaProcess(t, ['worker']);
		workers.push(w);
		return w;
	};

	/** Imports a book of distinct generated pages with `sohoa import-book`; returns it and its pages' truth. */
	async function importPages(book: string, seeds: string[]) {
		const pages = await Promise.all(seeds.map((seed) => scannedPage(seed)));
		const files = pages.map((p, i) => {
			const file = path.join(scanDir, `${book}-${i + 1}.jpg`);
			fs.writeFileSync(file, p.bytes);
			return file;
		});
		const r = await run(t, [
			'import-book',
			...files,
			'--unit',
			TAN_LAP,
			'--type',
			'birth',
			'--book',
			book,
			'--year',
			'2012'
		]);
		if (r.code !== 0) throw new Error(`import-book: ${r.stderr}`);
		const bookId = r.stdout.trim();
		const job = await t.services.database.db
			.selectFrom('job')
			.select('id')
			.where('kind', '=', jobKinds.bookOcr)
			.where('payload', '=', JSON.stringify({ bookId }))
			.executeTakeFirstOrThrow();
		return { bookId, jobId: job.id, truth: pages.map((p) => p.truth.entries.length) };
	}

	const job = (id: string) => t.services.jobs.get(id).then((j) => j!);
	const pagesRead = async (bookId: string) =>
		t.services.database.db
			.selectFrom('page')
			.select(['id', 'page_no', 'ocr_state'])
			.where('book_id', '=', bookId)
			.where('ocr_state', '!=', 'pending')
			.execute();

	it('a worker killed mid-book: another takes the job over after the lease, each page read once', async () => {
		const { bookId, jobId, truth } = await importPages('41', [
			'crash-ocr-1',
			'crash-ocr-2',
			'crash-ocr-3'
		]);
		const first = worker();
		const readBeforeKill = await until(
			'the first worker to have read a page',
			async () => {
				const read = await pagesRead(bookId);
				return read.length >= 1 ? read.length : 0;
			},
			{ running: first }
		);
		await first.kill9();
		const orphaned = await job(jobId);
		expect(orphaned).toMatchObject({ state: 'running', attempts: 1 });
		const readAtKill = (await pagesRead(bookId)).length;
		expect(readAtKill).toBeGreaterThanOrEqual(readBeforeKill);
		expect(readAtKill, 'the kill came before the book was finished').toBeLessThan(truth.length);
		expect(await databaseIntegrity(t)).toBe('ok');

		const killedAt = Date.now();
		const second = worker();
		const done = await until(
			'the second worker to finish the job',
			async () => {
				const j = await job(jobId);
				return j.state === 'done' ? j : null;
			},
			// Two pages of OCR: seconds each, many more on a busy machine.
			{ running: second, timeoutMs: 100_000 }
		);
		// Not before the lease of the dead worker ran out, by the second worker, on the second attempt.
		expect(Date.now() - killedAt).toBeGreaterThanOrEqual(LEASE_SECONDS * 1000 - 500);
		expect(done).toMatchObject({ attempts: 2, error: null });
		expect(done.locked_by).not.toBe(orphaned.locked_by);
		// The worker logs after its commit: the line may reach us a moment after the row does.
		await until('the second worker to log the job done', () =>
			second.output.includes(`job book.ocr ${jobId} done`)
		);

		const db = t.services.database.db;
		const pages = await db
			.selectFrom('page')
			.select(['id', 'page_no', 'ocr_state'])
			.where('book_id', '=', bookId)
			.orderBy('page_no')
			.execute();
		expect(pages.map((p) => p.ocr_state)).toEqual(truth.map(() => 'done'));
		const entries = await db
			.selectFrom('entry')
			.select(['id', 'page_id', 'seq'])
			.where('book_id', '=', bookId)
			.orderBy('seq')
			.execute();
		// Each page's entries once: a page read twice would have its entries twice.
		for (const [i, p] of pages.entries())
			expect(
				entries.filter((e) => e.page_id === p.id),
				`page ${p.page_no}`
			).toHaveLength(truth[i]!);
		expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
		const prefills = await db
			.selectFrom('audit_log')
			.select('subject_id')
			.where('action', '=', 'entry.prefill')
			.where(
				'subject_id',
				'in',
				entries.map((e) => e.id)
			)
			.execute();
		expect(prefills).toHaveLength(entries.length);
		expect(new Set(prefills.map((p) => p.subject_id)).size).toBe(entries.length);

		await second.kill9();
		expect(await databaseIntegrity(t)).toBe('ok');
		const verify = await auditVerify(t);
		expect(verify.code, verify.stderr).toBe(0);
	}, 150_000);

	it('a job whose workers die on every attempt is marked failed after max_attempts, with the reason', async () => {
		const { bookId, jobId } = await importPages('42', ['crash-ocr-5', 'crash-ocr-6']);
		// Two attempts instead of the default three: the same path, one kill fewer.
		await t.services.database.db
			.updateTable('job')
			.set({ max_attempts: 2 })
			.where('id', '=', jobId)
			.execute();
		for (const attempt of [1, 2]) {
			const w = worker();
			await until(
				`attempt ${attempt} to be claimed`,
				async () => {
					const j = await job(jobId);
					return j.state === 'running' && j.attempts === attempt;
				},
				{ running: w }
			);
			await w.kill9();
		}
		const last = worker();
		const failed = await until(
			'the job to be given up',
			async () => {
				const j = await job(jobId);
				return j.state === 'failed' ? j : null;
			},
			{ running: last }
		);
		expect(failed).toMatchObject({ attempts: 2 });
		expect(readFailure(failed.error)).toEqual(workerStopped);
		// Given up, not run a third time: the pages not yet read stay pending, none is read twice.
		const entries = await t.services.database.db
			.selectFrom('entry')
			.select(['page_id'])
			.where('book_id', '=', bookId)
			.execute();
		const read = await pagesRead(bookId);
		expect(read.length).toBeLessThan(2);
		expect(new Set(entries.map((e) => e.page_id)).size).toBe(read.length);
		await last.kill9();
		expect(await databaseIntegrity(t)).toBe('ok');
		const verify = await auditVerify(t);
		expect(verify.code, verify.stderr).toBe(0);
	}, 150_000);
});
