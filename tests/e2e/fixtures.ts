import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, type APIRequestContext } from '@playwright/test';
import type { Role } from '../../src/lib/auth/roles';
import { baseURL, e2eDataDir } from '../../playwright.config';

export interface DemoLogin {
	role: Role;
	username: string;
	password: string;
}

/** The demo's generated logins, as the server wrote them at seeding (`role<TAB>username<TAB>password`). */
export function demoLogins(): DemoLogin[] {
	const file = path.join(e2eDataDir, 'demo-logins.txt');
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.filter((l) => l.trim() && !l.startsWith('#'))
		.map((l) => {
			const [role, username, password] = l.split('\t');
			return { role: role as Role, username: username!, password: password! };
		});
}

/** Who `as: 'clerk'` etc. means: the Tân Lập accounts, the province's supervisor and admin. */
export const defaultAccount: Record<Role, string> = {
	clerk: 'canbo.tanlap',
	officer: 'congchuc.tanlap',
	supervisor: 'lanhdao.daklak',
	admin: 'quantri'
};

export function demoLogin(who: Role | string): DemoLogin {
	const username = who in defaultAccount ? defaultAccount[who as Role] : who;
	const found = demoLogins().find((l) => l.username === username);
	if (!found) throw new Error(`no demo login for "${who}" in demo-logins.txt`);
	return found;
}

/** Logs a request context in through the API; its cookie jar then carries the session. */
export async function apiLogin(request: APIRequestContext, who: Role | string): Promise<void> {
	const { username, password } = demoLogin(who);
	const res = await request.post('/api/v1/session', { data: { username, password } });
	expect(res.status(), await res.text()).toBe(200);
}

export const test = base.extend<{ as: Role | string | null }>({
	// `test.use({ as: 'officer' })` (a role or a demo username): the page starts signed in.
	as: [null, { option: true }],
	page: async ({ page, as }, use) => {
		if (as) await apiLogin(page.request, as);
		await use(page);
	}
});

export { expect, baseURL };
