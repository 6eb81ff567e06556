import type { Locator, Page } from '@playwright/test';

/** The top bar every signed-in page shares, and the page heading. */
export class AppShell {
	readonly heading: Locator;
	readonly signedInAs: Locator;
	readonly switchLanguage: Locator;
	readonly logout: Locator;

	constructor(readonly page: Page) {
		this.heading = page.locator('main h1').first();
		this.signedInAs = page.getByTestId('signed-in-as');
		this.switchLanguage = page.locator('form[action="/lang"] button[type="submit"]');
		this.logout = page.locator('form[action="/logout"] button[type="submit"]');
	}
}
