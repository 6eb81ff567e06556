import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { test, expect, apiLogin } from '../fixtures';
import { addBirthEntries, cli } from '../own-server';
import { e2eDataDir } from '../../../playwright.config';
import { WorkbenchPage } from '../../pages/workbench-page';
import { ReviewPage, SecondKeyingPage } from '../../pages/review-page';

/**
 * Double keying end to end, on a book of its own (the demo's books belong to the other suites):
 * the supervisor switches it on, the demo clerk keys an entry, a second clerk (added through the
 * CLI) keys it again without seeing the first keying, reading the mother's name differently; the
 * officer sees the difference, settles it against the scan and approves; the audit log verifies.
 */
const TAN_LAP = '24121';

interface ApiEntry {
	state: string;
	secondKeying: string | null;
	fields: Record<string, { value: string }>;
}
const getEntry = async (request: APIRequestContext, id: string): Promise<ApiEntry> =>
	(await (await request.get(`/api/v1/entries/${id}`)).json()) as ApiEntry;

async function signedIn(browser: Browser, login: (r: APIRequestContext) => Promise<void>) {
	const page = await (await browser.newContext()).newPage();
	await login(page.request);
	return page;
}

async function typeInto(wb: WorkbenchPage, key: string, value: string): Promise<void> {
	await wb.tabTo(key);
	await wb.page.keyboard.press('Control+A');
	await wb.page.keyboard.type(value);
}

/**
 * A book of its own with double keying switched on by the supervisor on its page, one entry the
 * demo clerk keyed and submitted, and a second clerk (added through the CLI) signed in.
 */
async function keyedOnce(page: Page, browser: Browser) {
	const { book, entries } = addBirthEntries(e2eDataDir, TAN_LAP, 1);
	const id = entries[0]!;
	const clerkB = `canbo2.${randomUUID().slice(0, 8)}`;
	const password = `pw-${randomUUID()}`;
	const added = cli(
		e2eDataDir,
		['user', 'add', '--username', clerkB, '--role', 'clerk', '--unit', TAN_LAP, '--password-stdin'],
		password + '\n'
	);
	expect(added.code, added.stderr).toBe(0);

	// The supervisor switches double keying on for the book, on its page.
	await page.goto(`/books/${book}`);
	const setting = page.getByTestId('book-double-keying');
	await setting.getByTestId('double-keying-switch').check();
	await setting.getByTestId('double-keying-save').click();
	await expect(setting.getByRole('status')).toBeVisible();
	await page.reload();
	await expect(page.getByTestId('double-keying-switch')).toBeChecked();

	// Clerk A keys the entry on the workbench and submits it.
	const clerkA = await signedIn(browser, (r) => apiLogin(r, 'clerk'));
	await clerkA.goto(`/entries/${id}`);
	const wb = new WorkbenchPage(clerkA);
	await wb.ready();
	await typeInto(wb, 'nksHoTen', 'Nguyễn Văn An');
	await typeInto(wb, 'meHoTen', 'Lê Thị Bình');
	await wb.saved();
	await clerkA.keyboard.press('Control+Enter');
	const left = await clerkA
		.waitForURL((u) => !u.href.includes(id), { timeout: 5_000 })
		.then(() => true)
		.catch(() => false);
	if (!left) await clerkA.keyboard.press('Control+Enter');
	await expect.poll(async () => (await getEntry(clerkA.request, id)).secondKeying).toBe('due');

	const second = await signedIn(browser, async (r) => {
		const res = await r.post('/api/v1/session', { data: { username: clerkB, password } });
		expect(res.status()).toBe(200);
	});
	return { book, id, clerkA, second };
}

test.describe('double keying', () => {
	test.use({ as: 'supervisor' });

	test('two clerks key independently → one name differs → the officer settles and approves', async ({
		page,
		browser
	}) => {
		test.setTimeout(180_000);
		const { book, id, clerkA, second } = await keyedOnce(page, browser);

		// Not yet the officer's: it waits for the second keying.
		const officer = await signedIn(browser, (r) => apiLogin(r, 'officer'));
		await officer.goto('/review');
		await expect(officer.locator(`[data-testid="review-row"][data-entry-id="${id}"]`)).toHaveCount(
			0
		);

		// Clerk B finds it in the book's queue and keys it from the scan alone.
		await second.goto(`/books/${book}`);
		const row = second.locator(`[data-testid="queue-row"][data-entry-id="${id}"]`);
		await expect(row.getByTestId('second-keying-due')).toBeVisible();
		await row.getByTestId('entry-link').click();
		const keying = new SecondKeyingPage(second);
		await expect(keying.root).toBeVisible();
		const html = await second.content();
		expect(html).not.toContain('Lê Thị Bình');
		expect(html).not.toContain('Nguyễn Văn An');
		await keying.keyAndSubmit({ nksHoTen: 'Nguyễn Văn An', meHoTen: 'Lê Thị Bính' });
		await second.waitForURL(/\/books\//);
		await expect.poll(async () => (await getEntry(officer.request, id)).secondKeying).toBe('done');
		// The first keying is untouched until the officer decides.
		expect((await getEntry(clerkA.request, id)).fields.meHoTen?.value).toBe('Lê Thị Bình');

		// The officer sees the one difference, settles it against the scan, then approves.
		const review = new ReviewPage(officer);
		await review.openFromQueue(id);
		await expect(review.settlePanel).toBeVisible();
		await expect(officer.getByTestId('settle-source')).toHaveAttribute('data-source', 'double');
		await expect(officer.getByTestId('difference')).toHaveCount(1);
		const diff = review.difference('meHoTen');
		await expect(diff.getByTestId('clerk-value')).toHaveText('Lê Thị Bình');
		await expect(diff.getByTestId('officer-value')).toHaveText('Lê Thị Bính');
		await expect(review.approve).toHaveCount(0);
		await diff.getByTestId('pick-officer').check();
		await officer.keyboard.press('Alt+Enter');
		await expect(review.settlePanel).toHaveCount(0);
		await expect(review.approve).toBeVisible();
		await officer.keyboard.press('Alt+Shift+A');
		await expect.poll(async () => (await getEntry(officer.request, id)).state).toBe('approved');
		expect((await getEntry(officer.request, id)).fields.meHoTen?.value).toBe('Lê Thị Bính');

		// Every step is in the entry's trail, and the chain verifies.
		const trail = (
			(await (await officer.request.get(`/api/v1/entries/${id}/history`)).json()) as {
				history: { action: string; data: Record<string, unknown> }[];
			}
		).history;
		const actions = trail.map((h) => h.action);
		for (const a of ['entry.submit', 'entry.secondKeying', 'entry.keyingCompared', 'entry.settle'])
			expect(actions).toContain(a);
		expect(trail.find((h) => h.action === 'entry.settle')?.data).toMatchObject({
			source: 'double'
		});
		const verified = cli(e2eDataDir, ['audit', 'verify']);
		expect(verified.code, verified.stderr).toBe(0);
	});
	test('nothing typed in the second keying is lost: a dropped network, a reload, then saved', async ({
		page,
		browser
	}) => {
		test.setTimeout(180_000);
		const { id, second } = await keyedOnce(page, browser);
		const keyingOf = async () =>
			(await (await second.request.get(`/api/v1/entries/${id}/keying`)).json()) as {
				values: Record<string, string>;
			};
		await second.goto(`/entries/${id}`);
		const keying = new SecondKeyingPage(second);
		const saveStatus = second.getByTestId('save-status');
		await keying.type('nksHoTen', 'Nguyễn Văn An');
		await expect(saveStatus).toHaveAttribute('data-status', 'idle');
		expect((await keyingOf()).values.nksHoTen).toBe('Nguyễn Văn An');

		// The network drops: the keyer goes on typing, told the value is kept; it is sent once back.
		await second.context().setOffline(true);
		await keying.type('meHoTen', 'Lê Thị Bính');
		await expect(second.getByTestId('offline-banner')).toBeVisible();
		await expect(saveStatus).toHaveAttribute('data-status', 'offline', { timeout: 10_000 });
		await second.context().setOffline(false);
		await expect(saveStatus).toHaveAttribute('data-status', 'idle', { timeout: 15_000 });
		expect((await keyingOf()).values).toMatchObject({
			nksHoTen: 'Nguyễn Văn An',
			meHoTen: 'Lê Thị Bính'
		});

		// The server is out of reach and the keyer reloads: the value comes back from the browser's
		// store, and reaches the server, with what was saved before, once it answers again.
		await second.route(`**/api/v1/entries/${id}/keying`, (route) =>
			route.request().method() === 'PUT' ? route.abort('internetdisconnected') : route.fallback()
		);
		await keying.type('chaHoTen', 'Nguyễn Văn Cường');
		await expect(saveStatus).toHaveAttribute('data-status', 'offline', { timeout: 10_000 });
		await second.reload();
		await expect(keying.input('chaHoTen')).toHaveValue('Nguyễn Văn Cường');
		await expect(keying.status).toContainText('khôi phục');
		await second.unroute(`**/api/v1/entries/${id}/keying`);
		await expect(saveStatus).toHaveAttribute('data-status', 'idle', { timeout: 15_000 });
		expect((await keyingOf()).values).toMatchObject({
			nksHoTen: 'Nguyễn Văn An',
			meHoTen: 'Lê Thị Bính',
			chaHoTen: 'Nguyễn Văn Cường'
		});

		// The submission carries it all.
		await second.keyboard.press('Control+Enter');
		await second.waitForURL((u) => !u.href.includes(id));
		await expect.poll(async () => (await getEntry(second.request, id)).secondKeying).toBe('done');
	});

	test("a switch flipped before the page has hydrated keeps the supervisor's choice", async ({
		page
	}) => {
		const { book } = addBirthEntries(e2eDataDir, TAN_LAP, 1);
		// The page's scripts are held back, as on a slow commune line: the switch is flipped on the
		// server-rendered page, and hydration must not put it back.
		let release!: () => void;
		const held = new Promise<void>((r) => (release = r));
		await page.route('**/_app/immutable/**/*.js', async (route) => {
			await held;
			await route.continue();
		});
		await page.goto(`/books/${book}`, { waitUntil: 'commit' });
		const setting = page.getByTestId('book-double-keying');
		await setting.getByTestId('double-keying-switch').check();
		release();
		await page.waitForLoadState('networkidle');
		await expect(setting.getByTestId('double-keying-switch')).toBeChecked();
		await setting.getByTestId('double-keying-save').click();
		await expect(setting.getByRole('status')).toBeVisible();
		await page.reload();
		await expect(page.getByTestId('double-keying-switch')).toBeChecked();

		// A flip not saved yet survives saving the other switch (which reloads the page's data).
		await page.waitForLoadState('networkidle');
		await setting.getByTestId('double-keying-switch').uncheck();
		const blind = page.getByTestId('book-review');
		await blind.locator('input[name="blindRekey"]').uncheck();
		await blind.getByRole('button').click();
		await expect(blind.getByRole('status')).toBeVisible();
		await expect(blind.locator('input[name="blindRekey"]')).not.toBeChecked();
		await expect(setting.getByTestId('double-keying-switch')).not.toBeChecked();
	});
});
