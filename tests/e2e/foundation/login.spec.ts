import { test, expect, demoLogin } from '../fixtures';
import { LoginPage } from '../../pages/login-page';
import { AppShell } from '../../pages/app-shell';
import type { Role } from '../../../src/lib/auth/roles';

/** Each role's home (DESIGN.md pages) and how its heading names it in both languages. */
const homes: { role: Role; url: string; vi: RegExp; en: RegExp }[] = [
	{ role: 'clerk', url: '/books', vi: /cán bộ nhập liệu/i, en: /clerk/i },
	{ role: 'officer', url: '/review', vi: /công chức tư pháp/i, en: /officer/i },
	{ role: 'supervisor', url: '/dashboard', vi: /lãnh đạo/i, en: /supervisor/i },
	{ role: 'admin', url: '/admin', vi: /quản trị/i, en: /administrator/i }
];

test.describe('logging in', () => {
	for (const home of homes) {
		test(`the ${home.role} lands on ${home.url} in Vietnamese, then switches to English`, async ({
			page
		}) => {
			const { username, password } = demoLogin(home.role);
			const login = new LoginPage(page);
			await login.goto();
			await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
			await login.logIn(username, password);

			const shell = new AppShell(page);
			await expect(page).toHaveURL(home.url);
			await expect(shell.heading).toHaveText(home.vi);
			await expect(shell.signedInAs).toContainText('Đăng nhập:');

			await shell.switchLanguage.click();
			await expect(page).toHaveURL(home.url);
			await expect(page.locator('html')).toHaveAttribute('lang', 'en');
			await expect(shell.heading).toHaveText(home.en);
			await expect(shell.signedInAs).toContainText('Signed in as');
		});
	}

	test('a wrong password is refused with a Vietnamese message', async ({ page }) => {
		const { username } = demoLogin('admin');
		const login = new LoginPage(page);
		await login.goto();
		await login.logIn(username, 'not-the-password');
		await expect(login.error).toHaveText('Sai tên đăng nhập hoặc mật khẩu.');
		await expect(page).toHaveURL(/\/login/);
		await expect(new AppShell(page).signedInAs).toHaveCount(0);
	});

	test('a visitor without a session is sent to log in', async ({ page }) => {
		await page.goto('/review');
		await expect(page).toHaveURL(/\/login\?next=%2Freview/);
	});
});

test.describe('logging out', () => {
	test.use({ as: 'officer' });

	test('ends the session for the pages and the API', async ({ page }) => {
		await page.goto('/');
		await expect(page).toHaveURL('/review');
		const shell = new AppShell(page);
		await shell.logout.click();
		await expect(page).toHaveURL(/\/login/);
		await page.goto('/review');
		await expect(page).toHaveURL(/\/login/);
		expect((await page.request.get('/api/v1/entries')).status()).toBe(401);
	});
});
