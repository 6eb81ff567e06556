import { test, expect, apiLogin } from '../fixtures';
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { openFirstEntry, WorkbenchPage } from '../../pages/workbench-page';
import { ReviewPage } from '../../pages/review-page';

interface ApiEntry {
	id: string;
	state: string;
	version: number;
	fields: Record<string, { value: string }>;
}
interface HistoryRow {
	action: string;
	actorName: string | null;
	data: Record<string, unknown>;
}

const getEntry = async (request: APIRequestContext, id: string): Promise<ApiEntry> =>
	(await (await request.get(`/api/v1/entries/${id}`)).json()) as ApiEntry;
const history = async (request: APIRequestContext, id: string): Promise<HistoryRow[]> =>
	((await (await request.get(`/api/v1/entries/${id}/history`)).json()) as { history: HistoryRow[] })
		.history;

/** The clerk types the child's name and submits from the keyboard (Ctrl+Enter, twice if warned). */
async function typeNameAndSubmit(wb: WorkbenchPage, name: string): Promise<void> {
	const page = wb.page;
	const id = wb.entryId();
	await wb.tabTo('nksHoTen');
	await page.keyboard.press('Control+A');
	await page.keyboard.type(name);
	await wb.saved();
	await page.keyboard.press('Control+Enter');
	const left = await page
		.waitForURL((u) => !u.href.includes(id), { timeout: 5_000 })
		.then(() => true)
		.catch(() => false);
	if (!left) await page.keyboard.press('Control+Enter');
	await expect.poll(async () => (await getEntry(page.request, id)).state).toBe('submitted');
}

/** A page signed in as a demo user, in a browser context of its own. */
async function signedIn(browser: Browser, who: string): Promise<Page> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await apiLogin(page.request, who);
	return page;
}

/** The clerk's values of the blind fields, as an officer re-keying correctly would read them. */
async function blindReadings(request: APIRequestContext, id: string, keys: string[]) {
	const entry = await getEntry(request, id);
	return Object.fromEntries(keys.map((k) => [k, entry.fields[k]?.value ?? '']));
}

async function blindKeys(page: Page): Promise<string[]> {
	return page
		.getByTestId('blind-input')
		.evaluateAll((els) => els.map((e) => e.getAttribute('data-key') ?? ''));
}

test.describe('four-eyes approval', () => {
	test.use({ as: 'clerk' });

	test('clerk submits → officer re-keys blind, the name differs → settles → approves', async ({
		page,
		browser
	}) => {
		test.setTimeout(300_000);
		const wb = await openFirstEntry(page, 'last');
		const id = wb.entryId();
		await typeNameAndSubmit(wb, 'Nguyễn Văn An');

		const officer = await signedIn(browser, 'congchuc.tanlap');
		const review = new ReviewPage(officer);
		await review.openFromQueue(id);
		// Blind: the clerk's name is nowhere on the page, and approving waits for the re-keying.
		await expect(review.blindPanel).toBeVisible();
		await expect(officer.getByTestId('approve-due')).toBeVisible();
		expect(await officer.content()).not.toContain('Nguyễn Văn An');
		await officer.reload();
		await expect(review.blindPanel).toBeVisible();
		expect(await officer.content()).not.toContain('Nguyễn Văn An');
		const keys = await blindKeys(officer);
		expect(keys).toContain('nksHoTen');
		const readings = await blindReadings(page.request, id, keys);
		await review.rekey({ ...readings, nksHoTen: 'Nguyễn Văn Ân' });

		// The difference, both readings side by side; the officer keeps theirs.
		await expect(review.settlePanel).toBeVisible();
		const diff = review.difference('nksHoTen');
		await expect(diff.getByTestId('clerk-value')).toHaveText('Nguyễn Văn An');
		await expect(diff.getByTestId('officer-value')).toHaveText('Nguyễn Văn Ân');
		await expect(officer.locator('[data-testid="difference"]')).toHaveCount(1);
		await diff.getByTestId('pick-officer').check();
		await officer.keyboard.press('Alt+Enter');
		await expect(review.settlePanel).toHaveCount(0);
		await expect(review.approve).toBeVisible();
		await officer.keyboard.press('Alt+Shift+A');
		await expect(review.done).toBeVisible();

		const approved = await getEntry(page.request, id);
		expect(approved.state).toBe('approved');
		expect(approved.fields.nksHoTen?.value).toBe('Nguyễn Văn Ân');
		const rows = await history(page.request, id);
		const settle = rows.find((r) => r.action === 'entry.settle');
		expect(settle?.data).toMatchObject({
			source: 'blind',
			fields: { nksHoTen: { clerk: 'Nguyễn Văn An', officer: 'Nguyễn Văn Ân', against: 'clerk' } }
		});
		expect(rows.find((r) => r.action === 'entry.approve')?.data).toMatchObject({
			firstPass: true
		});
		// The history page shows the trail.
		await officer.goto(`/entries/${id}/history`);
		await expect(
			officer.locator('[data-testid="history-row"][data-action="entry.settle"]')
		).toBeVisible();
		await officer.context().close();
	});

	test('clerk → officer returns with a code → clerk fixes, resubmits → a second officer approves', async ({
		page,
		browser
	}) => {
		test.setTimeout(300_000);
		const wb = await openFirstEntry(page, 'last');
		const id = wb.entryId();
		await typeNameAndSubmit(wb, 'Trần Thị Bình');

		const first = await signedIn(browser, 'congchuc.tanlap');
		const review = new ReviewPage(first);
		await review.openFromQueue(id);
		await first.keyboard.press('Alt+Shift+T');
		await expect(first.getByTestId('return-code')).toBeFocused();
		await first.getByTestId('return-code').selectOption('wrong_name');
		await first.getByTestId('return-reason-input').fill('Tên đệm là "Thanh", xem lại ảnh');
		await first.getByTestId('return').click();
		await expect(review.done).toBeVisible();
		expect((await getEntry(page.request, id)).state).toBe('returned');

		// The clerk sees why, fixes the name and resubmits.
		await page.goto(`/entries/${id}`);
		await expect(page.getByTestId('returned-reason')).toContainText('Thanh');
		const again = new WorkbenchPage(page);
		await again.ready();
		await typeNameAndSubmit(again, 'Trần Thanh Bình');

		// The queue marks it resubmitted; the second officer re-keys (all agree) and approves.
		const second = await signedIn(browser, 'congchuc2.tanlap');
		const review2 = new ReviewPage(second);
		await second.goto('/review');
		await expect(
			second.locator(
				`[data-testid="review-row"][data-entry-id="${id}"] [data-testid="resubmitted"]`
			)
		).toBeVisible();
		await review2.openFromQueue(id);
		const keys = await blindKeys(second);
		await review2.rekey(await blindReadings(page.request, id, keys));
		await expect(review2.settlePanel).toHaveCount(0);
		await review2.approve.click();
		await expect(review2.done).toBeVisible();

		const done = await getEntry(page.request, id);
		expect(done.state).toBe('approved');
		const rows = await history(page.request, id);
		expect(rows.find((r) => r.action === 'entry.return')?.data).toMatchObject({
			reasonCode: 'wrong_name',
			comment: 'Tên đệm là "Thanh", xem lại ảnh'
		});
		const approval = rows.find((r) => r.action === 'entry.approve');
		expect(approval?.data).toMatchObject({ firstPass: false });
		expect(approval?.actorName).toBe('Lê Thị Thu');
		await first.context().close();
		await second.context().close();
	});
});
