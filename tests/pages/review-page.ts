import { expect, type Locator, type Page } from '@playwright/test';

/** The officer's review of one entry at /entries/:id: blind re-keying, settling, deciding. */
export class ReviewPage {
	readonly blindPanel: Locator;
	readonly settlePanel: Locator;
	readonly reviewPanel: Locator;
	readonly approve: Locator;
	readonly done: Locator;

	constructor(readonly page: Page) {
		this.blindPanel = page.getByTestId('blind-panel');
		this.settlePanel = page.getByTestId('settle-panel');
		this.reviewPanel = page.getByTestId('review-panel');
		this.approve = page.getByTestId('approve');
		this.done = page.getByTestId('action-done');
	}

	/** Opens the entry from the review queue, as an officer does. */
	async openFromQueue(id: string): Promise<Locator> {
		await this.page.goto('/review');
		const row = this.page.locator(`[data-testid="review-row"][data-entry-id="${id}"]`);
		await expect(row).toBeVisible();
		await row.getByTestId('review-link').click();
		await expect(this.reviewPanel).toBeVisible();
		return row;
	}

	blindInput(key: string): Locator {
		return this.page.locator(`[data-testid="blind-input"][data-key="${key}"]`);
	}

	/** Types each reading into its blind field and compares with Alt+Enter. */
	async rekey(readings: Record<string, string>): Promise<void> {
		await expect(this.blindPanel).toBeVisible();
		for (const [key, value] of Object.entries(readings)) {
			await this.blindInput(key).click();
			await this.page.keyboard.type(value);
		}
		await this.page.keyboard.press('Alt+Enter');
		await expect(this.blindPanel).toHaveCount(0);
	}

	difference(key: string): Locator {
		return this.page.locator(`[data-testid="difference"][data-key="${key}"]`);
	}
}

/** A second keying at /entries/:id (double keying): every field typed from the scan alone. */
export class SecondKeyingPage {
	readonly root: Locator;
	readonly status: Locator;

	constructor(readonly page: Page) {
		this.root = page.getByTestId('second-keying');
		this.status = page.getByTestId('keying-status');
	}

	input(key: string): Locator {
		return this.page.locator(`[data-testid="keying-input"][data-key="${key}"]`);
	}

	/** Types a value into its (enabled: the draft is loaded) field, as a keyer does. */
	async type(key: string, value: string): Promise<void> {
		await this.input(key).click();
		await this.page.keyboard.type(value);
	}

	/** Types each value into its field, as a keyer does, and submits with Ctrl+Enter. */
	async keyAndSubmit(values: Record<string, string>): Promise<void> {
		await expect(this.root).toBeVisible();
		for (const [key, value] of Object.entries(values)) {
			await this.input(key).click();
			await this.page.keyboard.type(value);
		}
		await this.page.keyboard.press('Control+Enter');
	}
}
