import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { OwnServer, nameField } from '../own-server';

/**
 * The supervisors' dashboard on a server of its own: entries moved through the lifecycle over the
 * API by a clerk and an officer, then read by the province's supervisor in Chromium.
 */
const DAK_LAK = '66';
const TAN_LAP = '24121';
const BMT = '24133';

let server: OwnServer;
let supCookie: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	server = new OwnServer();
	server.addUser('ld.daklak', 'supervisor', DAK_LAK);
	server.addUser('ld.bmt', 'supervisor', BMT);
	server.addUser('cb.tanlap', 'clerk', TAN_LAP);
	server.addUser('cc.tanlap', 'officer', TAN_LAP);
	server.addUser('cc2.tanlap', 'officer', TAN_LAP);
	server.addUser('cb.bmt', 'clerk', BMT);
	server.addUser('cc.bmt', 'officer', BMT);
	const tanLap = server.addEntries(TAN_LAP, 24);
	const bmt = server.addEntries(BMT, 12);
	await server.start();
	const key = nameField();
	const work = async (
		clerk: string,
		officer: string,
		ids: string[],
		approve: number,
		ret: number
	) => {
		const c = await server.login(clerk);
		const o = await server.login(officer);
		for (const [i, id] of ids.entries()) {
			if (i >= approve + ret + 3) break;
			const value = i % 3 === 0 ? 'OCR' : `Nguyễn Văn ${i}`;
			const p = await server.call('PATCH', `/api/v1/entries/${id}`, c, {
				version: 1,
				fields: { [key]: value }
			});
			expect(p.status, JSON.stringify(p.body)).toBe(200);
			expect((await server.call('POST', `/api/v1/entries/${id}/submit`, c, {})).status).toBe(200);
			if (i < approve)
				expect((await server.call('POST', `/api/v1/entries/${id}/approve`, o, {})).status).toBe(
					200
				);
			else if (i < approve + ret)
				expect(
					(await server.call('POST', `/api/v1/entries/${id}/return`, o, { reason: 'Sai tên' }))
						.status
				).toBe(200);
		}
	};
	await work('cb.tanlap', 'cc.tanlap', tanLap.entries, 14, 2);
	await work('cb.bmt', 'cc.bmt', bmt.entries, 4, 1);
	supCookie = await server.login('ld.daklak');
});

test.afterAll(async () => {
	await server?.dispose();
});

test('GET /api/v1/stats: the contract, and 401/403/404', async () => {
	expect((await server.call('GET', '/api/v1/stats', null)).status).toBe(401);
	const clerk = await server.login('cb.tanlap');
	expect((await server.call('GET', '/api/v1/stats', clerk)).status).toBe(403);
	const bmtSup = await server.login('ld.bmt');
	expect((await server.call('GET', `/api/v1/stats?unit=${TAN_LAP}`, bmtSup)).status).toBe(404);
	expect((await server.call('GET', '/api/v1/stats?from=2026-13-01', supCookie)).status).toBe(422);

	const r = await server.call('GET', '/api/v1/stats', supCookie);
	expect(r.status).toBe(200);
	const body = r.body as {
		unit: string;
		counts: Record<string, number>;
		rate: number;
		accuracy: Record<string, number | null>;
		children: { unit: string; counts: Record<string, number>; rate: number }[];
	};
	expect(body.unit).toBe(DAK_LAK);
	expect(body.counts).toMatchObject({ expected: 36, approved: 18, returned: 3, submitted: 6 });
	expect(Object.keys(body.counts).sort()).toEqual(
		[
			'approved',
			'expected',
			'exported',
			'imported',
			'inProgress',
			'prefilled',
			'returned',
			'submitted'
		].sort()
	);
	expect(body.rate).toBeCloseTo(18 / 36);
	expect(Object.keys(body.accuracy).sort()).toEqual(
		['clerkFieldsChanged', 'firstPassApproval', 'ocrCer', 'ocrFieldsKept', 'returnRate'].sort()
	);
	expect(body.accuracy.returnRate).toBeCloseTo(3 / 21);
	for (const v of Object.values(body.accuracy)) if (v !== null) expect(v).toBeGreaterThanOrEqual(0);
	expect(body.children.map((c) => c.unit).sort()).toEqual([TAN_LAP, BMT].sort());
	expect(body.children.find((c) => c.unit === TAN_LAP)!.rate).toBeCloseTo(14 / 24);
});

test('the supervisor drills down from the province to a book, with charts and tables', async ({
	page
}) => {
	await page.request.post(`${server.base}/api/v1/session`, {
		data: { username: 'ld.daklak', password: server.passwords.get('ld.daklak') }
	});
	await page.setViewportSize({ width: 1280, height: 1600 });
	await page.goto(`${server.base}/dashboard`);
	await expect(page.getByTestId('page-title')).toHaveText(/lãnh đạo/i);
	await expect(page.getByTestId('progress-headline')).toHaveText('18/36 — 50,00%');
	await expect(page.getByTestId('trend-chart')).toHaveAttribute('data-ready', '1');
	await expect(page.getByTestId('children-chart')).toHaveAttribute('data-ready', '1');
	// Chart.js drew on the canvas: some pixel is not blank.
	const drawn = await page.getByTestId('trend-chart').evaluate((c: HTMLCanvasElement) => {
		const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
		for (let i = 3; i < px.length; i += 4) if (px[i] !== 0) return true;
		return false;
	});
	expect(drawn).toBe(true);
	const row = page.locator(`[data-testid="child-row"][data-unit="${TAN_LAP}"]`);
	await expect(row.getByTestId('child-rate')).toHaveText('58,33%');
	await expect(page.getByTestId('acc-returnRate')).toContainText('14,29%');
	await expect(page.getByTestId('clerks-table')).toContainText('cb.tanlap');
	await expect(page.locator('[data-testid="work-row"][data-state="submitted"]')).toContainText('6');
	await page.screenshot({ path: test.info().outputPath('dashboard.png'), fullPage: true });
	fs.mkdirSync(path.resolve('docs/screenshots'), { recursive: true });
	await page.screenshot({ path: path.resolve('docs/screenshots/dashboard.png'), fullPage: false });

	await row.getByRole('link').click();
	await expect(page.getByTestId('unit-path')).toContainText('Tân Lập');
	await expect(page.getByTestId('books-table')).toBeVisible();
	await page.getByTestId('book-row').getByRole('link').click();
	await expect(page).toHaveURL(/\/books\//);
});

test('daily report as a page and XLSX', async ({ page }) => {
	await page.request.post(`${server.base}/api/v1/session`, {
		data: { username: 'ld.daklak', password: server.passwords.get('ld.daklak') }
	});
	await page.goto(`${server.base}/dashboard/report?unit=${DAK_LAK}`);
	await expect(page.getByTestId('report-total')).toContainText('36');
	await expect(page.getByTestId('report-total')).toContainText('+18');
	const x = await page.request.get(`${server.base}/dashboard/report/xlsx?unit=${DAK_LAK}`);
	expect(x.status()).toBe(200);
	expect(x.headers()['content-type']).toContain('spreadsheetml');
	expect((await x.body()).subarray(0, 2).toString()).toBe('PK');
});

test('a sampling audit drawn on the page holds the book until a third person re-checks it', async ({
	page
}) => {
	await page.request.post(`${server.base}/api/v1/session`, {
		data: { username: 'ld.daklak', password: server.passwords.get('ld.daklak') }
	});
	await page.goto(`${server.base}/dashboard?unit=${TAN_LAP}`);
	const form = page.getByTestId('draw-form');
	await form.locator('input[name="randomSize"]').fill('2');
	await form.locator('input[name="riskSize"]').fill('0');
	await form.locator('input[name="threshold"]').fill('0');
	await form.locator('input[name="hold"]').check();
	await form.getByRole('button').click();
	await expect(page).toHaveURL(/\/dashboard\/audits\//);
	await expect(page.getByTestId('audit-status')).toHaveText('Đang kiểm tra');
	await expect(page.getByTestId('audit-item')).toHaveCount(2);
	const officer = await server.login('cc.tanlap');
	const auditId = page.url().split('/').pop()!;
	const audit = await server.call('GET', `/api/v1/audits/${auditId}`, officer);
	const bookId = audit.body.bookId as string;
	// The supervisor is a third person for these entries.
	for (let i = 0; i < 2; i++) {
		const item = page
			.getByTestId('audit-item')
			.filter({ has: page.getByRole('button') })
			.first();
		await item.getByRole('button', { name: 'Đúng' }).click();
		await page.waitForLoadState('networkidle');
	}
	await expect(page.getByTestId('audit-status')).toHaveText('Đạt');
	await expect(page.getByTestId('audit-rate')).toContainText('0,0%');
	// The approving officer may not re-check.
	const again = await server.call('POST', '/api/v1/audits', supCookie, {
		bookId,
		randomSize: 1,
		threshold: 0.05,
		hold: true
	});
	expect(again.status).toBe(201);
	const item = (again.body.items as { entryId: string }[])[0]!;
	const refused = await server.call(
		'POST',
		`/api/v1/audits/${again.body.id}/items/${item.entryId}`,
		officer,
		{
			result: 'ok'
		}
	);
	expect(refused.status).toBe(403);
	expect((refused.body.error as { code: string }).code).toBe('audit.notThirdPerson');
});
