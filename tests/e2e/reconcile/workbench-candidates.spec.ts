import { test, expect } from '../fixtures';
import { openFirstEntry, WorkbenchPage } from '../../pages/workbench-page';

interface Candidates {
	candidates: { residentId: string; resident: { full_name: string } }[];
	decision: { decision: string; residentId?: string | null } | null;
}

const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi').trim();

test.describe('reconciliation in the workbench', () => {
	test.use({ as: 'clerk' });

	test('a clerk links a demo entry to its resident, and records another as not in the extract', async ({
		page
	}) => {
		test.setTimeout(300_000);
		const wb = await openFirstEntry(page);
		const id = wb.entryId();
		const name = await wb.input('nksHoTen').inputValue();
		const panel = page.getByTestId('candidate-panel');
		const top = panel.getByTestId('candidate').first();
		await expect(top).toBeVisible({ timeout: 30_000 });
		const residentId = await top.getAttribute('data-resident-id');

		// The top candidate is the person the book names.
		const before = (await (
			await page.request.get(`/api/v1/entries/${id}/candidates`)
		).json()) as Candidates;
		expect(before.candidates[0]?.residentId).toBe(residentId);
		expect(fold(before.candidates[0]!.resident.full_name)).toBe(fold(name));

		await top.getByTestId('link-candidate').click();
		await expect(panel.getByTestId('reconcile-decision')).toHaveAttribute(
			'data-decision',
			'linked'
		);
		const linked = (await (
			await page.request.get(`/api/v1/entries/${id}/candidates`)
		).json()) as Candidates;
		expect(linked.decision).toMatchObject({ decision: 'linked', residentId });

		// The next entry: recorded as not in the extract, and it stays so after a reload.
		await page.keyboard.press('Alt+PageDown');
		await expect(page).not.toHaveURL(new RegExp(id));
		const next = new WorkbenchPage(page);
		await next.ready();
		await page.getByTestId('candidate-panel').getByTestId('mark-absent').click();
		await expect(page.getByTestId('reconcile-decision')).toHaveAttribute('data-decision', 'absent');
		await page.reload();
		await next.ready();
		await expect(page.getByTestId('reconcile-decision')).toHaveAttribute('data-decision', 'absent');
	});
});
