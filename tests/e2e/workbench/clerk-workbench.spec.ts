import { test, expect } from '../fixtures';
import type { APIRequestContext } from '@playwright/test';
import { openFirstEntry, WorkbenchPage } from '../../pages/workbench-page';

interface ApiEntry {
	id: string;
	state: string;
	version: number;
	fields: Record<string, { value: string; flag: string | null }>;
}

/** A name's letters without tone marks or case: "NGUYỄN BẢO" and "Nguyen Bao" are the same. */
const letters = (s: string) =>
	s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toUpperCase().trim();

const getEntry = async (request: APIRequestContext, id: string): Promise<ApiEntry> =>
	(await (await request.get(`/api/v1/entries/${id}`)).json()) as ApiEntry;

test.describe('the clerk workbench', () => {
	test.use({ as: 'clerk' });

	test('a clerk corrects fields from the keyboard (Vietnamese through an input method), sees a wrong personal ID flagged, loses the network with nothing lost, and submits', async ({
		page,
		context
	}) => {
		test.setTimeout(300_000);
		const wb = await openFirstEntry(page);
		const id = wb.entryId();

		// 1. The child's name, typed through composition events as Telex/VNI input methods send them.
		await wb.tabTo('nksHoTen');
		await page.keyboard.press('Control+A');
		await wb.compose(['N', 'Ng', 'Ngu', 'Nguy', 'Nguye', 'Nguyê', 'Nguyên', 'Nguyễn'], 'Nguyễn');
		await page.keyboard.type(' Văn An');
		await expect(wb.input('nksHoTen')).toHaveValue('Nguyễn Văn An');
		// Typing never fired a shortcut: no flag was set and we are still on the same entry.
		await expect(wb.field('nksHoTen').getByTestId('flag-note')).toHaveCount(0);
		expect(wb.entryId()).toBe(id);

		// 2. A personal ID whose century/sex digit and year disagree with the entry: a warning.
		await wb.tabTo('nksSoDinhDanh');
		await page.keyboard.press('Control+A');
		await page.keyboard.type('066199012345');
		const pidIssue = wb.field('nksSoDinhDanh').locator('[data-testid="field-issue"]');
		await expect(pidIssue.first()).toBeVisible();
		await expect(pidIssue.first()).toHaveAttribute('data-code', /^personalId\./);
		await expect(wb.field('nksSoDinhDanh')).toHaveAttribute('data-attention', 'warning');

		// 3. The home town retyped, and the page number flagged "blank in the book" with Alt+B.
		await wb.tabTo('nksQueQuan');
		await page.keyboard.press('Control+A');
		await page.keyboard.type('Xã Hòa Thuận, huyện Cư Kuin, tỉnh Đắk Lắk');
		await wb.tabTo('trangSo');
		await page.keyboard.press('Alt+B');
		await expect(wb.field('trangSo').getByTestId('flag-note')).toBeVisible();
		await wb.saved();
		let saved = await getEntry(page.request, id);
		expect(saved.fields.nksHoTen?.value).toBe('Nguyễn Văn An');
		expect(saved.fields.nksSoDinhDanh?.value).toBe('066199012345');
		expect(saved.fields.nksQueQuan?.value).toBe('Xã Hòa Thuận, huyện Cư Kuin, tỉnh Đắk Lắk');
		expect(saved.fields.trangSo?.flag).toBe('blank');

		// 4. The network drops mid-entry: the clerk keeps typing, the banner says the edits are kept.
		await context.setOffline(true);
		await wb.tabTo('nksNoiSinh');
		await page.keyboard.press('Control+A');
		await page.keyboard.type('Trạm y tế xã Hòa Thuận');
		await expect(wb.offlineBanner).toBeVisible();
		await expect(wb.saveStatus).toHaveAttribute('data-status', 'offline', { timeout: 10_000 });
		await context.setOffline(false);
		await wb.saved();
		await expect(wb.offlineBanner).toHaveCount(0);
		saved = await getEntry(page.request, id);
		expect(saved.fields.nksNoiSinh?.value).toBe('Trạm y tế xã Hòa Thuận');

		// 5. The server is unreachable and the clerk reloads mid-entry: what was typed comes back
		// from the browser's store and is sent once the server answers again.
		await page.route(`**/api/v1/entries/${id}`, (route) =>
			route.request().method() === 'PATCH' ? route.abort('internetdisconnected') : route.fallback()
		);
		await wb.tabTo('nksNoiSinh');
		await page.keyboard.press('Control+A');
		await page.keyboard.type('Bệnh viện huyện Cư Kuin');
		await expect(wb.saveStatus).toHaveAttribute('data-status', 'offline', { timeout: 10_000 });
		await page.reload();
		await wb.ready();
		await expect(wb.input('nksNoiSinh')).toHaveValue('Bệnh viện huyện Cư Kuin');
		await expect(wb.notice).toContainText('khôi phục');
		await page.unroute(`**/api/v1/entries/${id}`);
		await wb.saved();
		saved = await getEntry(page.request, id);
		expect(saved.fields.nksNoiSinh?.value).toBe('Bệnh viện huyện Cư Kuin');

		// 6. Accept with Ctrl+Enter (a second press submits despite errors the clerk has seen).
		await page.keyboard.press('Control+Enter');
		const left = await page
			.waitForURL((u) => !u.href.includes(id), { timeout: 5_000 })
			.then(() => true)
			.catch(() => false);
		if (!left) {
			await expect(wb.notice).toContainText('Ctrl+Enter');
			await page.keyboard.press('Control+Enter');
		}
		await expect(page).not.toHaveURL(new RegExp(id));
		await expect(page).toHaveURL(/\/entries\//);
		await new WorkbenchPage(page).ready();
		expect((await getEntry(page.request, id)).state).toBe('submitted');
	});

	test('a stale version shows both values and keeps what the clerk chooses', async ({ page }) => {
		test.setTimeout(300_000);
		const wb = await openFirstEntry(page);
		const id = wb.entryId();
		const before = await getEntry(page.request, id);
		// Someone else saves the same entry behind the clerk's back.
		const other = await page.request.patch(`/api/v1/entries/${id}`, {
			data: { version: before.version, fields: { nksQueQuan: 'Tỉnh Khánh Hòa' } }
		});
		expect(other.status()).toBe(200);

		await wb.tabTo('nksQueQuan');
		await page.keyboard.press('Control+A');
		await page.keyboard.type('Tỉnh Phú Yên');
		await expect(wb.conflict).toBeVisible({ timeout: 15_000 });
		const row = wb.conflict.locator('[data-testid="conflict-row"][data-key="nksQueQuan"]');
		await expect(row.getByTestId('conflict-mine')).toHaveText('Tỉnh Phú Yên');
		await expect(row.getByTestId('conflict-theirs')).toHaveText('Tỉnh Khánh Hòa');
		await wb.conflict.getByTestId('conflict-apply').click();
		await wb.saved();
		const after = await getEntry(page.request, id);
		expect(after.fields.nksQueQuan?.value).toBe('Tỉnh Phú Yên');
		expect(after.version).toBe(before.version + 2);
	});

	test('the cheat-sheet opens on "?" outside a field, and Telex letters typed in a field stay text', async ({
		page
	}) => {
		test.setTimeout(300_000);
		const wb = await openFirstEntry(page);
		const id = wb.entryId();
		await wb.tabTo('nksQueQuan');
		await page.keyboard.press('Control+A');
		// Raw Telex keystrokes (no input method running): every one is a letter in the field.
		await page.keyboard.type('Nguyeenx Vawn Aan ddaau rrf jj 1234567890?');
		await expect(wb.input('nksQueQuan')).toHaveValue('Nguyeenx Vawn Aan ddaau rrf jj 1234567890?');
		await expect(wb.cheatSheet).toHaveCount(0);
		expect(wb.entryId()).toBe(id);
		await expect(wb.field('nksQueQuan').getByTestId('flag-note')).toHaveCount(0);

		await page.locator('h1').click();
		await page.keyboard.press('Shift+Slash');
		await expect(wb.cheatSheet).toBeVisible();
		await expect(wb.cheatSheet).toContainText('Ctrl + Enter');
		await page.keyboard.press('Escape');
		await expect(wb.cheatSheet).toHaveCount(0);

		// Focusing a field highlights its box on the scan; clicking a box focuses its field.
		await wb.tabTo('nksNgaySinh');
		await expect(page.getByTestId('field-highlight')).toBeVisible();
		await page.locator('[data-testid="field-box"][data-key="nksHoTen"]').click();
		expect(await wb.focusedKey()).toBe('nksHoTen');
		await wb.saved();
	});
});

test.describe('fixing a field on the scan', () => {
	test.use({ as: 'clerk' });

	test('a redrawn field box is read again by OCR in the browser, and the old value can come back', async ({
		page
	}) => {
		test.setTimeout(300_000);
		const wb = await openFirstEntry(page);
		const id = wb.entryId();
		const ocrName = (await getEntry(page.request, id)).fields.nksHoTen?.value ?? '';
		expect(ocrName).not.toBe('');
		await wb.tabTo('nksHoTen');
		await page.keyboard.press('Control+A');
		await page.keyboard.type('Tên gõ nhầm');
		await wb.saved();

		// Alt+O, then drag over the name's box on the scan.
		await page.keyboard.press('Alt+O');
		const box = (await page
			.locator('[data-testid="field-box"][data-key="nksHoTen"]')
			.boundingBox())!;
		await page.mouse.move(box.x + 1, box.y + 1);
		await page.mouse.down();
		await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
		await page.mouse.move(box.x + box.width - 1, box.y + box.height - 1, { steps: 4 });
		await page.mouse.up();
		await expect(wb.notice).toContainText('Máy đọc lại', { timeout: 60_000 });
		// The box was read again: the name is back (a crop read alone may place a tone mark
		// differently from the whole-page reading, so compare the letters).
		const reread = await wb.input('nksHoTen').inputValue();
		expect(letters(reread)).toBe(letters(ocrName));
		await wb.saved();
		expect((await getEntry(page.request, id)).fields.nksHoTen?.value).toBe(reread);

		await page.getByTestId('undo-reread').click();
		await expect(wb.input('nksHoTen')).toHaveValue('Tên gõ nhầm');
		await wb.saved();
		expect((await getEntry(page.request, id)).fields.nksHoTen?.value).toBe('Tên gõ nhầm');
	});
});
