import { expect, type Locator, type Page } from '@playwright/test';

/** The clerk's workbench at /entries/:id, driven the way a clerk does: from the keyboard. */
export class WorkbenchPage {
	readonly root: Locator;
	readonly saveStatus: Locator;
	readonly offlineBanner: Locator;
	readonly notice: Locator;
	readonly conflict: Locator;
	readonly cheatSheet: Locator;

	constructor(readonly page: Page) {
		this.root = page.getByTestId('workbench');
		this.saveStatus = page.getByTestId('save-status');
		this.offlineBanner = page.getByTestId('offline-banner');
		this.notice = page.getByTestId('workbench-notice');
		this.conflict = page.getByTestId('conflict');
		this.cheatSheet = page.getByTestId('cheat-sheet');
	}

	entryId(): string {
		const m = /\/entries\/([^/?#]+)/.exec(this.page.url());
		if (!m) throw new Error(`not on an entry page: ${this.page.url()}`);
		return m[1]!;
	}

	/** Hydrated, with any unsent local edits restored: typing is safe from here. */
	async ready(): Promise<void> {
		await expect(this.root).toHaveAttribute('data-ready', 'true');
	}

	field(key: string): Locator {
		return this.page.locator(`[data-testid="field"][data-key="${key}"]`);
	}

	input(key: string): Locator {
		return this.page.locator(`#field-${key}`);
	}

	async focusedKey(): Promise<string | null> {
		return this.page.evaluate(() => {
			const id = document.activeElement?.id ?? '';
			return id.startsWith('field-') ? id.slice('field-'.length) : null;
		});
	}

	/** Tabs (forward) to a field, as a clerk does; fails rather than loop forever. */
	async tabTo(key: string): Promise<void> {
		for (let i = 0; i < 200; i++) {
			if ((await this.focusedKey()) === key) return;
			await this.page.keyboard.press('Tab');
		}
		throw new Error(`Tab never reached the field ${key}`);
	}

	/** Waits until everything typed is on the server. */
	async saved(): Promise<void> {
		await expect(this.saveStatus).toHaveAttribute('data-status', 'idle', { timeout: 20_000 });
	}

	/**
	 * Types a word the way an input method does (Telex, VNI, a phone keyboard): a composition
	 * that grows letter by letter, then is committed. Uses Chromium's IME events.
	 */
	async compose(steps: string[], committed: string): Promise<void> {
		const cdp = await this.page.context().newCDPSession(this.page);
		for (const text of steps)
			await cdp.send('Input.imeSetComposition', {
				text,
				selectionStart: text.length,
				selectionEnd: text.length
			});
		await cdp.send('Input.insertText', { text: committed });
		await cdp.detach();
	}
}

/**
 * Opens the Tân Lập 2012 book once OCR has read it, then its first untouched entry (`last`: its
 * last one, for suites that spend entries without caring which, so they leave the first entries
 * and their known OCR readings to the suites that check them).
 */
export async function openFirstEntry(
	page: Page,
	from: 'first' | 'last' = 'first'
): Promise<WorkbenchPage> {
	await expect
		.poll(
			async () => {
				// OCR has read the book once no entry is left merely imported.
				const res = await page.request.get('/api/v1/entries');
				const { entries } = (await res.json()) as { entries: { state: string }[] };
				return entries.filter((e) => e.state !== 'imported').length;
			},
			{ timeout: 240_000, intervals: [2_000, 5_000] }
		)
		.toBeGreaterThanOrEqual(8);
	await page.goto('/books');
	await page
		.getByTestId('book-row')
		.filter({ hasText: '2012' })
		.getByTestId('book-link')
		.first()
		.click();
	// Tests share the demo database: each takes an entry nobody has touched yet.
	const untouched = page.locator('[data-testid="queue-row"][data-state="prefilled"]');
	await (from === 'first' ? untouched.first() : untouched.last()).getByTestId('entry-link').click();
	const wb = new WorkbenchPage(page);
	await wb.ready();
	return wb;
}
