import { test, expect, apiLogin, baseURL } from '../fixtures';

interface ListedEntry {
	id: string;
	unit: string;
	book: string;
}

/** An entry and its book in Buôn Ma Thuột (24133), looked up as the province's supervisor. */
async function buonMaThuotEntry(
	playwright: import('@playwright/test').PlaywrightWorkerArgs['playwright']
): Promise<ListedEntry> {
	const supervisor = await playwright.request.newContext({ baseURL });
	try {
		await apiLogin(supervisor, 'supervisor');
		let entry: ListedEntry | undefined;
		// The demo's pages become entries when the background OCR job has read them.
		await expect
			.poll(
				async () => {
					const res = await supervisor.get('/api/v1/entries?unit=24133');
					expect(res.status()).toBe(200);
					const { entries } = (await res.json()) as { entries: ListedEntry[] };
					entry = entries.find((e) => e.unit === '24133');
					return entry !== undefined;
				},
				{ message: 'the demo has entries in Phường Buôn Ma Thuột', timeout: 240_000 }
			)
			.toBe(true);
		return entry!;
	} finally {
		await supervisor.dispose();
	}
}

test.describe('a clerk of Tân Lập and a Buôn Ma Thuột book', () => {
	test.use({ as: 'clerk' });

	test('sees 404 for the book and the entry, on pages and in the API', async ({
		page,
		playwright
	}) => {
		test.setTimeout(300_000);
		const other = await buonMaThuotEntry(playwright);

		const book = await page.goto(`/books/${other.book}`);
		expect(book?.status()).toBe(404);
		const entry = await page.goto(`/entries/${other.id}`);
		expect(entry?.status()).toBe(404);

		const api = await page.request.get(`/api/v1/entries/${other.id}`);
		expect(api.status()).toBe(404);
		expect(((await api.json()) as { error: { code: string } }).error.code).toBe('http.notFound');

		// Its own list holds Tân Lập's entries only.
		const own = await page.request.get('/api/v1/entries');
		expect(own.status()).toBe(200);
		const { entries } = (await own.json()) as { entries: ListedEntry[] };
		expect(entries.length).toBeGreaterThan(0);
		expect(entries.every((e) => e.unit === '24121')).toBe(true);
	});
});

test('the API answers 401 without a session', async ({ playwright }) => {
	const anon = await playwright.request.newContext({ baseURL });
	try {
		for (const url of ['/api/v1/entries', '/api/v1/entries/any-id']) {
			const res = await anon.get(url);
			expect(res.status()).toBe(401);
			expect(((await res.json()) as { error: { code: string } }).error.code).toBe('auth.required');
		}
		const patch = await anon.patch('/api/v1/entries/any-id', { data: { version: 1, fields: {} } });
		expect(patch.status()).toBe(401);
	} finally {
		await anon.dispose();
	}
});
