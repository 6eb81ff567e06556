import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request as httpRequest } from '@playwright/test';
import { apiLogin, baseURL, expect, test } from '../fixtures';

// The Buôn Ma Thuột book: the Tân Lập one is the other specs' (they expect its entries untouched).
test.describe('export', () => {
	test.use({ as: 'congchuc.bmt' });

	test('an officer exports the demo book and downloads its zip and Excel', async ({ page }) => {
		test.setTimeout(300_000);
		// The 2025 book, once the background OCR has read its pages.
		await page.goto('/books');
		await page
			.getByTestId('book-row')
			.filter({ hasText: '2025' })
			.getByTestId('book-link')
			.first()
			.click();
		await expect(page.getByTestId('page-title')).toHaveText('Quyển số 01 (2025)');
		const bookId = page.url().split('/').pop()!;
		await expect
			.poll(
				async () => {
					await page.reload();
					return page.locator('[data-testid="book-page"][data-ocr-state="pending"]').count();
				},
				{ timeout: 240_000, intervals: [2_000, 5_000] }
			)
			.toBe(0);

		// Nothing approved yet: the export page says so and offers no export.
		await page.getByTestId('export-link').click();
		await expect(page.getByTestId('export-blocked')).toContainText('chưa có trường hợp nào');
		await expect(page.getByTestId('export-start')).toBeDisabled();

		// The clerk submits two entries through the API; this officer approves them.
		const clerk = await httpRequest.newContext({ baseURL });
		try {
			await apiLogin(clerk, 'canbo.bmt');
			const list = await clerk.get(`/api/v1/entries?book=${bookId}`);
			expect(list.status()).toBe(200);
			const entries = ((await list.json()) as { entries: { id: string; state: string }[] }).entries
				.filter((e) => e.state === 'prefilled')
				.slice(-2);
			expect(entries).toHaveLength(2);
			for (const e of entries) {
				const view = (await (await clerk.get(`/api/v1/entries/${e.id}`)).json()) as {
					version: number;
				};
				const saved = await clerk.patch(`/api/v1/entries/${e.id}`, {
					data: { version: view.version, fields: {} }
				});
				expect(saved.status(), await saved.text()).toBe(200);
				const submitted = await clerk.post(`/api/v1/entries/${e.id}/submit`, { data: {} });
				expect(submitted.status(), await submitted.text()).toBe(200);
				const approved = await page.request.post(`/api/v1/entries/${e.id}/approve`, { data: {} });
				expect(approved.status(), await approved.text()).toBe(200);
			}
			// A clerk may neither open the export page nor download.
			expect((await clerk.get(`/books/${bookId}/export`)).status()).toBe(404);
			expect((await clerk.get(`/books/${bookId}/export/zip`)).status()).toBe(404);
		} finally {
			await clerk.dispose();
		}

		await page.reload();
		await expect(page.getByTestId('export-counts')).toContainText('Đã duyệt, chưa xuất: 2');
		await page.getByTestId('export-start').click();
		await expect(page.getByTestId('export-done')).toContainText('Đã xuất 2 trường hợp', {
			timeout: 120_000
		});
		await expect(page.getByTestId('export-counts')).toContainText('Đã xuất: 2');

		// A bad file-name rule is refused with the reason; the package already built stays.
		await page.getByLabel('Quy tắc đặt tên tệp').fill('{type} {so}');
		await page.getByTestId('export-start').click();
		await expect(page.getByTestId('export-error')).toContainText('không hợp lệ');
		await expect(page.getByTestId('export-done')).toBeVisible();
		expect((await page.request.get(`/books/${bookId}/export/pdf`)).status()).toBe(404);

		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-e2e-export-'));
		try {
			const [zipDownload] = await Promise.all([
				page.waitForEvent('download'),
				page.getByTestId('download-zip').click()
			]);
			expect(zipDownload.suggestedFilename()).toBe('KS.2025.Q01.24133.zip');
			const zip = path.join(dir, zipDownload.suggestedFilename());
			await zipDownload.saveAs(zip);
			expect(execFileSync('unzip', ['-t', zip], { encoding: 'utf8' })).toMatch(
				/No errors detected/
			);
			// Two PDFs named by the rule, each at most 100 KB.
			const listing = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' })
				.split('\n')
				.filter(Boolean);
			expect(listing).toHaveLength(2);
			for (const name of listing) expect(name).toMatch(/^KS\.2025\.Q01\.S\d{3}\.[A-Z0-9.-]+\.pdf$/);
			const sizes = execFileSync('unzip', ['-Zl', zip], { encoding: 'utf8' })
				.split('\n')
				.filter((l) => l.endsWith('.pdf'))
				.map((l) => Number(l.trim().split(/\s+/)[3]));
			expect(sizes).toHaveLength(2);
			for (const size of sizes) expect(size).toBeLessThanOrEqual(100_000);

			const [xlsxDownload] = await Promise.all([
				page.waitForEvent('download'),
				page.getByTestId('download-xlsx').click()
			]);
			expect(xlsxDownload.suggestedFilename()).toBe('KS.2025.Q01.24133.xlsx');
			const xlsx = path.join(dir, 'book.xlsx');
			await xlsxDownload.saveAs(xlsx);
			expect(execFileSync('unzip', ['-t', xlsx], { encoding: 'utf8' })).toMatch(
				/No errors detected/
			);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
