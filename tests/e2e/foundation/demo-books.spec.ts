import { test, expect } from '../fixtures';

test.describe('the demo', () => {
	test.use({ as: 'clerk' });

	test("a Tân Lập clerk finds their commune's birth book, its scanned pages read by OCR", async ({
		page
	}) => {
		test.setTimeout(300_000);
		await page.goto('/books');
		const link = page
			.getByTestId('book-row')
			.filter({ hasText: '2012' })
			.getByTestId('book-link')
			.filter({ hasText: /^01$/ })
			.first();
		await expect(link).toBeVisible();
		await link.click();
		await expect(page.getByTestId('page-title')).toHaveText('Quyển số 01 (2012)');

		// Two scanned pages; the background OCR job reads them one by one (reload to follow it).
		const pages = page.getByTestId('book-page');
		await expect(pages).toHaveCount(2);
		await expect
			.poll(
				async () => {
					await page.reload();
					return page.locator('[data-testid="book-page"][data-ocr-state="pending"]').count();
				},
				{ timeout: 240_000, intervals: [2_000, 5_000] }
			)
			.toBe(0);
		await expect(page.getByTestId('pages-summary')).toHaveText('Đã nhận dạng 2/2 trang');

		// Each page's entries are in the queue, prefilled, with the child's name read from the scan.
		const rows = page.getByTestId('queue-row');
		expect(await rows.count()).toBeGreaterThanOrEqual(8);
		await expect(rows.first()).toHaveAttribute('data-state', 'prefilled');
		const names = await page.getByTestId('entry-link').allTextContents();
		expect(names.filter((n) => /\p{Lu}{2,}/u.test(n)).length).toBeGreaterThanOrEqual(6);

		// The page image is served to its commune's clerk.
		const img = await page.request.get(
			(await pages.first().getByRole('link').getAttribute('href')) ?? ''
		);
		expect(img.status()).toBe(200);
		expect(img.headers()['content-type']).toBe('image/jpeg');
	});
});
