import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src/lib/server/container';
import { sohoa } from './cli-harness';
import { testEnv } from './databases';
import { addUser, TAN_LAP } from './fixtures';
import { approveEntry, importBook, renderedPages } from './export-fixtures';

describe('sohoa export', () => {
	let dataDir: string;
	let outDir: string;
	let bookId: string;
	let emptyBookId: string;

	beforeAll(async () => {
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-export-cli-'));
		outDir = path.join(dataDir, 'out', 'nested');
		const s = await createServices({ env: testEnv(dataDir, null) });
		try {
			const clerk = await addUser(s, 'clerk', TAN_LAP);
			const officer = await addUser(s, 'officer', TAN_LAP);
			const [page] = await renderedPages();
			const book = await importBook(s, TAN_LAP, [page!]);
			bookId = book.bookId;
			for (const id of book.entries.slice(0, 3)) await approveEntry(s, clerk, officer, id);
			emptyBookId = (await importBook(s, TAN_LAP, [page!])).bookId;
		} finally {
			await s.database.close();
		}
	}, 120_000);
	afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

	const written = () => (fs.existsSync(outDir) ? fs.readdirSync(outDir) : []);

	it('writes the zip and the Excel beside it, prints the zip path on stdout only', async () => {
		const r = await sohoa(dataDir, [
			'export',
			'--book',
			bookId,
			'--out',
			outDir,
			'--legibility-sample',
			'1'
		]);
		expect(r.code, r.stderr).toBe(0);
		const zipPath = path.join(outDir, `KS.2008.Q02.${TAN_LAP}.zip`);
		expect(r.stdout).toBe(`${zipPath}\n`);
		expect(written().sort()).toEqual([`KS.2008.Q02.${TAN_LAP}.xlsx`, `KS.2008.Q02.${TAN_LAP}.zip`]);
		const test = execFileSync('unzip', ['-t', zipPath], { encoding: 'utf8' });
		expect(test).toMatch(/No errors detected/);
		expect(test.match(/OK/g)).toHaveLength(3);
		expect(r.stderr).toMatch(/3 entries, largest PDF \d+ bytes \(limit 100000\)/);
		expect(r.stderr).toMatch(/legibility 1\/1 names found/);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.readFile(path.join(outDir, `KS.2008.Q02.${TAN_LAP}.xlsx`));
		expect(wb.getWorksheet('DL Import')!.rowCount).toBe(4);
	}, 120_000);

	it('refuses bad input with one line on stderr and writes nothing', async () => {
		fs.rmSync(outDir, { recursive: true, force: true });
		const file = path.join(dataDir, 'a-file');
		fs.writeFileSync(file, 'x');
		const cases: [string[], number, RegExp][] = [
			[['export', '--out', outDir], 2, /--book is required/],
			[['export', '--book', bookId], 2, /--out is required/],
			[['export', '--book', bookId, '--out', file], 2, /not a directory/],
			[['export', '--book', bookId, '--out', outDir, '--bogus'], 2, /Unknown option/],
			[['export', '--book', 'no-such-book', '--out', outDir], 1, /Not found/],
			[['export', '--book', emptyBookId, '--out', outDir], 1, /no approved entry to export/],
			[
				['export', '--book', bookId, '--out', outDir, '--name-pattern', '{type} {so}'],
				1,
				/file-name rule "\{type\} \{so\}" is invalid/
			],
			[
				['export', '--book', bookId, '--out', outDir, '--legibility-sample', 'many'],
				2,
				/--legibility-sample must be a whole number/
			]
		];
		for (const [args, code, message] of cases) {
			const r = await sohoa(dataDir, args);
			expect([r.code, r.stdout], args.join(' ')).toEqual([code, '']);
			expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
			expect(r.stderr).toMatch(message);
		}
		expect(written()).toEqual([]);
	}, 120_000);
});
