import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import SQLite from 'better-sqlite3';
import { test, expect } from '@playwright/test';
import { OwnServer } from '../own-server';

/**
 * A book's OCR job whose scan was lost from the store fails for real in the server's own worker,
 * three times; the admin then sees it, with its reason and attempts, on the admin page's list of
 * failed jobs and on the book's page, puts the scan back and retries it from the book's page,
 * after which the job runs to the end and the failure is gone.
 */
function jobRow(srv: OwnServer): { state: string; attempts: number } | undefined {
	const db = new SQLite(path.join(srv.dataDir, 'sohoa.sqlite'), { readonly: true });
	try {
		return db.prepare(`SELECT state, attempts FROM job WHERE kind = 'book.ocr'`).get() as
			{ state: string; attempts: number } | undefined;
	} finally {
		db.close();
	}
}

async function until(what: string, probe: () => boolean, timeoutMs = 45_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!probe()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

test('a job given up on is shown to the admin with its reason, and a retry from the book page re-queues it', async ({
	page
}) => {
	test.setTimeout(120_000);
	const srv = new OwnServer();
	try {
		srv.addUser('quantri.jobs', 'admin', '66');
		srv.addUser('canbo.jobs', 'clerk', '24121');
		const seeded = spawnSync(
			process.execPath,
			['--import', 'tsx', path.join('tests', 'e2e', 'faults', 'seed-lost-scan.ts')],
			{ env: { ...process.env, DATA_DIR: srv.dataDir, DATABASE_URL: '' }, encoding: 'utf8' }
		);
		expect(seeded.status, seeded.stderr).toBe(0);
		const { bookId, blobFile, keptFile } = JSON.parse(seeded.stdout) as Record<string, string>;
		await srv.start();
		await until('the OCR job to be given up', () => jobRow(srv)?.state === 'failed');
		expect(jobRow(srv)).toEqual({ state: 'failed', attempts: 3 });

		// A clerk of the unit sees why the book is not read, and no retry button.
		const [cName, cValue] = (await srv.login('canbo.jobs')).split('=');
		await page
			.context()
			.addCookies([
				{ name: cName!, value: cValue!, url: srv.base, httpOnly: true, sameSite: 'Lax' }
			]);
		await page.goto(`${srv.base}/books/${bookId}`);
		await expect(page.getByTestId('book-failed-job')).toContainText('sau 3 lần thử');
		await expect(page.getByTestId('book-retry-job')).toHaveCount(0);
		expect((await page.request.get(`${srv.base}/admin/jobs`)).status()).toBe(404);
		await page.context().clearCookies();

		const [name, value] = (await srv.login('quantri.jobs')).split('=');
		await page
			.context()
			.addCookies([{ name: name!, value: value!, url: srv.base, httpOnly: true, sameSite: 'Lax' }]);
		await page.goto(`${srv.base}/admin`);
		await expect(page.getByTestId('failed-jobs-count')).toContainText('1');
		await page.getByTestId('failed-jobs-link').click();
		const row = page.getByTestId('failed-job');
		await expect(row).toHaveCount(1);
		await expect(row).toContainText('Nhận dạng (OCR) sổ');
		await expect(row).toContainText('3/3');
		await expect(row.getByTestId('failed-job-reason')).toContainText('Không tìm thấy tệp đã lưu');
		// Words for the admin, not a stack trace.
		await expect(row).not.toContainText(' at ');
		await expect(row).not.toContainText('Error');

		await row.getByRole('link').click();
		await expect(page).toHaveURL(`${srv.base}/books/${bookId}`);
		await expect(page.getByTestId('book-failed-job')).toContainText('Không tìm thấy tệp đã lưu');

		fs.renameSync(keptFile!, blobFile!); // the admin restored the store
		await page.getByTestId('book-retry-job').click();
		await expect(page).toHaveURL(`${srv.base}/books/${bookId}`);
		await until('the retried job to finish', () => jobRow(srv)?.state === 'done');
		expect(jobRow(srv)).toEqual({ state: 'done', attempts: 1 });
		await page.reload();
		await expect(page.getByTestId('book-failed-jobs')).toHaveCount(0);
		await page.goto(`${srv.base}/admin/jobs`);
		await expect(page.getByTestId('no-failed-jobs')).toBeVisible();
		expect(srv.log).toContain('job.failure.blobMissing');
	} finally {
		await srv.dispose();
	}
});
