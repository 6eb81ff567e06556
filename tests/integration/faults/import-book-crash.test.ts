import { expect, it } from 'vitest';
import { forEachDatabase } from '../databases';
import { TAN_LAP } from '../fixtures';
import { realScans } from '../scan-files';
import path from 'node:path';
import {
	auditVerify,
	corruptBlobs,
	SohoaProcess,
	databaseIntegrity,
	until,
	run
} from './crash-harness';

/**
 * `sohoa import-book` killed with SIGKILL half-way through a book's pages: no book may be left
 * behind looking imported; the same command run again imports the whole book, each page once.
 */
forEachDatabase('`sohoa import-book` killed mid-way', (t) => {
	// Six distinct pages (three two-page TIFFs), given five times over: the command is still busy
	// converting pages long after it stored the third one.
	const scans = ['vietsample.tif', 'vietsample1.tif', 'vietsample2.tif'].map((f) =>
		path.join(realScans, f)
	);
	const argv = [
		'import-book',
		...Array.from({ length: 5 }, () => scans).flat(),
		'--unit',
		TAN_LAP,
		'--type',
		'birth',
		'--book',
		'31',
		'--year',
		'2012'
	];

	const count = async (table: 'book' | 'page' | 'job') =>
		Number(
			(
				await t.services.database.db
					.selectFrom(table)
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);

	it('a killed import leaves no book; run again, the book has every page once and one OCR job', async () => {
		const importer = new SohoaProcess(t, argv);
		try {
			await until(
				'the third page to be stored',
				() => importer.output.includes('→ book page 3\n'),
				{
					running: importer
				}
			);
			await importer.kill9();
		} finally {
			await importer.dispose();
		}
		expect(importer.output).not.toContain('→ book page 6\n');
		// Nothing of the book reached the database: no book, no page, no OCR job.
		expect([await count('book'), await count('page'), await count('job')]).toEqual([0, 0, 0]);
		expect(await databaseIntegrity(t)).toBe('ok');
		expect(corruptBlobs(t.dataDir)).toEqual([]);

		const again = await run(t, argv);
		expect(again.code, again.stderr).toBe(0);
		const bookId = again.stdout.trim();
		const db = t.services.database.db;
		const books = await db.selectFrom('book').select(['id', 'book_number']).execute();
		expect(books).toEqual([{ id: bookId, book_number: '31' }]);
		const pages = await db
			.selectFrom('page')
			.select(['page_no', 'source_file', 'source_page', 'blob_hash'])
			.where('book_id', '=', bookId)
			.orderBy('page_no')
			.execute();
		expect(pages.map((p) => [p.page_no, p.source_file, p.source_page])).toEqual([
			[1, 'vietsample.tif', 1],
			[2, 'vietsample.tif', 2],
			[3, 'vietsample1.tif', 1],
			[4, 'vietsample1.tif', 2],
			[5, 'vietsample2.tif', 1],
			[6, 'vietsample2.tif', 2]
		]);
		expect(new Set(pages.map((p) => p.blob_hash)).size).toBe(6);
		const jobs = await db.selectFrom('job').select(['kind', 'payload', 'state']).execute();
		expect(jobs).toEqual([
			{ kind: 'book.ocr', payload: JSON.stringify({ bookId }), state: 'queued' }
		]);
		const audit = await db
			.selectFrom('audit_log')
			.select('action')
			.where('subject_id', '=', bookId)
			.execute();
		expect(audit.filter((a) => a.action === 'book.create')).toHaveLength(1);
		expect(audit.filter((a) => a.action === 'page.add')).toHaveLength(6);

		expect(await databaseIntegrity(t)).toBe('ok');
		const verify = await auditVerify(t);
		expect(verify.code, verify.stderr).toBe(0);
	}, 120_000);
});
