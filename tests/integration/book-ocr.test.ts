import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from './databases';
import { addUser, TAN_LAP, type TestUser } from './fixtures';
import { scannedPage } from './scans';
import { jobHandlers, type JobHandlers } from '../../src/lib/server/jobs/handlers';
import { jobKinds } from '../../src/lib/server/jobs/job-kinds';
import { JobRunner } from '../../src/lib/server/jobs/job-runner';

forEachDatabase('book OCR job', (t) => {
	let jobs: JobHandlers;
	let clerk: TestUser;
	beforeAll(async () => {
		jobs = jobHandlers(t.services, { ocrThreads: 1 });
		clerk = await addUser(t.services, 'clerk', TAN_LAP);
	});
	afterAll(() => jobs?.close());

	it('reads every queued page into prefilled entries; a bad page is marked, not dropped', async () => {
		const s = t.services;
		const bookId = await s.bookImport.createBook(null, {
			unitCode: TAN_LAP,
			registerType: 'birth',
			bookNumber: '01',
			year: 2012,
			title: 'Sổ đăng ký khai sinh 2012, quyển 01',
			expectedEntries: 6,
			templateId: 'birth-table-v1'
		});
		const scan = await scannedPage(`book-ocr:${t.kind}`);
		const good = await s.bookImport.addPage(
			bookId,
			{ ...scan, mime: 'image/jpeg', sourceFile: 'trang-1.jpg', sourcePage: 1 },
			null
		);
		const bad = await s.bookImport.addPage(
			bookId,
			{
				bytes: Buffer.from('truncated scan'),
				mime: 'image/jpeg',
				width: 10,
				height: 10,
				sourceFile: 'trang-2.jpg',
				sourcePage: 1
			},
			null
		);
		const jobId = await s.jobs.enqueue(jobKinds.bookOcr, { bookId });
		const runner = new JobRunner(s.jobs, jobs.handlers);
		expect(await runner.runOnce()).toBe(true);
		expect(await s.jobs.get(jobId)).toMatchObject({ state: 'done' });

		const pages = await s.books.pages(clerk, bookId);
		expect(pages.map((p) => [p.id, p.ocrState, p.ocrError?.code])).toEqual([
			[good.id, 'done', undefined],
			[bad.id, 'failed', 'ocr.unsupportedFormat']
		]);
		expect(pages[1]?.ocrError).toMatchObject({ code: 'ocr.unsupportedFormat' });

		const entries = await s.database.db
			.selectFrom('entry')
			.select(['id', 'page_id', 'state', 'seq'])
			.where('book_id', '=', bookId)
			.orderBy('seq')
			.execute();
		expect(entries).toHaveLength(scan.truth.entries.length);
		expect(entries.every((e) => e.page_id === good.id && e.state === 'prefilled')).toBe(true);
		for (const [i, e] of entries.entries()) {
			const fields = await s.database.db
				.selectFrom('entry_field')
				.select(['key', 'value', 'ocr_value', 'ocr_issues'])
				.where('entry_id', '=', e.id)
				.execute();
			const byKey = Object.fromEntries(fields.map((f) => [f.key, f]));
			const truth = scan.truth.entries[i]!.fields;
			expect(byKey.nksNgaySinh?.value).toBe(truth.nksNgaySinh?.value);
			expect(byKey.nksGioiTinh?.value).toBe(truth.nksGioiTinh?.value);
			expect(byKey.nksHoTen?.ocr_value).toBe(byKey.nksHoTen?.value);
			// OCR's doubts are kept with each value for the clerk: a JSON list of codes, or none.
			for (const f of fields)
				if (f.ocr_issues !== null) expect(JSON.parse(f.ocr_issues)).toEqual(expect.any(Array));
		}
		// A blank cell the register does not require is no doubt: not every field is flagged.
		const doubts = await s.database.db
			.selectFrom('entry_field')
			.innerJoin('entry', 'entry.id', 'entry_field.entry_id')
			.select((eb) => [
				eb.fn.countAll<number>().as('all'),
				eb.fn.count<number>('ocr_issues').as('flagged')
			])
			.where('entry.book_id', '=', bookId)
			.executeTakeFirstOrThrow();
		expect(Number(doubts.flagged)).toBeLessThan(Number(doubts.all) / 2);

		// Run again: pages already read are not read twice.
		await s.jobs.enqueue(jobKinds.bookOcr, { bookId });
		expect(await runner.runOnce()).toBe(true);
		const again = await s.database.db
			.selectFrom('entry')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('book_id', '=', bookId)
			.executeTakeFirstOrThrow();
		expect(Number(again.n)).toBe(entries.length);
	});
});
