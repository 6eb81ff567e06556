import type { Locator, Page } from '@playwright/test';

export class LoginPage {
	readonly username: Locator;
	readonly password: Locator;
	readonly submit: Locator;
	readonly error: Locator;

	constructor(readonly page: Page) {
		this.username = page.locator('input[name="username"]');
		this.password = page.locator('input[name="password"]');
		this.submit = page.locator('form button[type="submit"].primary');
		this.error = page.getByRole('alert');
	}

	async goto(): Promise<void> {
		await this.page.goto('/login');
	}

	async logIn(username: string, password: string): Promise<void> {
		await this.username.fill(username);
		await this.password.fill(password);
		await this.submit.click();
	}
}
