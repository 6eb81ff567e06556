import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo, sohoa } from './cli-harness';
import { forEachDatabase } from './databases';
import { TAN_LAP } from './fixtures';
import { importResidents } from '../../src/cli/commands/residents';
import { AppError } from '../../src/lib/server/errors';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-reconcile-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer) => {
	const p = path.join(dir, name);
	fs.writeFileSync(p, content);
	return p;
};

// A population-database extract: BOM, ";" delimiter, extract headers, a quoted field, and the
// names column typed in TCVN3 in an old Excel file (Windows-1252 bytes once saved as CSV).
const header =
	'Số định danh cá nhân;Họ, chữ đệm và tên;Ngày, tháng, năm sinh;Giới tính;Nơi đăng ký khai sinh;Họ, chữ đệm và tên mẹ';
const extractUtf8 = [
	header,
	'066308000111;Nguyễn Thị Hương;12/03/2008;Nữ;"Phường Tân Lập, tỉnh Đắk Lắk";Trần Thị Lan',
	'066308000222;Nguyễn Thị Hương;30/11/2008;Nữ;Phường Buôn Ma Thuột, tỉnh Đắk Lắk;Lê Thị Hoa',
	"066185000333;Y Ngông Niê Kdăm;1985;Nam;;H'Nhi Niê Kdăm"
].join('\r\n');

const entries = [
	{
		id: 'e1',
		full_name: 'NGUYỄN THỊ HƯƠNG',
		birth_date: '12/03/2008',
		mother_name: 'Trần Thị Lan',
		sex: 'Nữ'
	},
	{ id: 'e2', full_name: 'Nguyen Thi Huong', birth_date: '2008' },
	{ id: 3, full_name: 'Y NGÔNG NIÊ KDĂM', birth_date: '1985', mother_name: "H'Nhi Niê Kdăm" },
	{ id: 'e4', full_name: 'Phạm Văn Vắng Mặt', birth_date: '01/01/2000' }
];

let csv: string;
let entriesFile: string;
beforeAll(() => {
	csv = file('trich-xuat.csv', '\uFEFF' + extractUtf8);
	entriesFile = file('entries.jsonl', entries.map((e) => JSON.stringify(e)).join('\n') + '\n');
});

function lines(stdout: string) {
	return stdout
		.trim()
		.split('\n')
		.map(
			(l) =>
				JSON.parse(l) as {
					id: unknown;
					candidates: {
						residentId: string;
						score: number;
						match: boolean;
						agreements: Record<string, string>;
					}[];
					ms: number;
				}
		);
}

describe('sohoa reconcile', () => {
	it('answers one JSON line per entry, in input order, per the contract', async () => {
		const r = await sohoa(dir, [
			'reconcile',
			'--residents',
			csv,
			'--entries',
			entriesFile,
			'--json',
			'--top',
			'2'
		]);
		expect(r.code, r.stderr).toBe(0);
		const out = lines(r.stdout);
		expect(out.map((o) => o.id)).toEqual(['e1', 'e2', 3, 'e4']);
		for (const o of out) {
			expect(Object.keys(o)).toEqual(['id', 'candidates', 'ms']);
			expect(o.candidates.length).toBeLessThanOrEqual(2);
			for (const c of o.candidates) {
				expect(Object.keys(c)).toEqual(['residentId', 'score', 'match', 'agreements']);
				expect(c.score).toBeGreaterThanOrEqual(0);
				expect(c.score).toBeLessThanOrEqual(1);
			}
		}
		expect(out[0]!.candidates[0]).toMatchObject({
			residentId: '066308000111',
			match: true,
			agreements: { full_name: 'exact', birth_date: 'exact', mother_name: 'exact' }
		});
		// Homonyms with name and year only: candidates, never a link.
		expect(out[1]!.candidates.map((c) => c.residentId).sort()).toEqual([
			'066308000111',
			'066308000222'
		]);
		expect(out[1]!.candidates.some((c) => c.match)).toBe(false);
		expect(out[2]!.candidates[0]?.residentId).toBe('066185000333');
		expect(out[3]!.candidates.some((c) => c.match)).toBe(false);
		expect(r.stderr).toContain('residents: 3 loaded');
	});

	it('reads TCVN3 and VNI columns of Windows-1252 files, and XLSX extracts', async () => {
		const legacy = [
			'full_name,birth_date,mother_name,personal_id',
			'NguyÔn ThÞ H\u00ad¬ng,12/03/2008,TrÇn ThÞ Lan,066308000111',
			'Lª V¨n T©m,01/01/1970,,066170000444'
		].join('\n');
		const tcvn = file('tcvn3.csv', Buffer.from(legacy, 'latin1'));
		const vniFile = file(
			'vni.csv',
			Buffer.from(
				'full_name;birth_date;mother_name;personal_id\nNguyeãn Thò Höông;12/03/2008;Traàn Thò Lan;066308000111\nLeâ Vaên Taâm;01/01/1970;;066170000444\n',
				'latin1'
			)
		);
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('Dân cư');
		ws.addRow(['Trích xuất dữ liệu dân cư']);
		ws.addRow([
			'Số định danh cá nhân',
			'Họ, chữ đệm và tên',
			'Ngày, tháng, năm sinh',
			'Họ, chữ đệm và tên mẹ'
		]);
		ws.addRow(['066308000111', 'Nguyễn Thị Hương', '12/03/2008', 'Trần Thị Lan']);
		ws.addRow(['066170000444', 'Lê Văn Tâm', new Date(Date.UTC(1970, 0, 1)), null]);
		const xlsx = path.join(dir, 'trich-xuat.xlsx');
		await wb.xlsx.writeFile(xlsx);
		for (const extract of [tcvn, vniFile, xlsx]) {
			const r = await sohoa(dir, [
				'reconcile',
				'--residents',
				extract,
				'--entries',
				entriesFile,
				'--json'
			]);
			expect(r.code, `${extract}: ${r.stderr}`).toBe(0);
			const [first] = lines(r.stdout);
			expect(first!.candidates[0], extract).toMatchObject({
				residentId: '066308000111',
				agreements: { full_name: 'exact', mother_name: 'exact' }
			});
		}
	});

	it('refuses an unknown layout naming the headers found and expected, and bad entries by line', async () => {
		const bad = file('la.csv', 'Tên,Tuổi\nAn,30\n');
		const r = await sohoa(dir, [
			'reconcile',
			'--residents',
			bad,
			'--entries',
			entriesFile,
			'--json'
		]);
		expect(r.code).toBe(1);
		expect(r.stdout).toBe('');
		expect(r.stderr).toContain('Found: Tên | Tuổi');
		expect(r.stderr).toContain('Họ, chữ đệm và tên');
		expect(r.stderr).toContain('Tìm thấy');
		const badEntries = file('bad.jsonl', '{"id":"a","full_name":"An"}\n{"full_name":"Bình"}\n');
		const r2 = await sohoa(dir, [
			'reconcile',
			'--residents',
			csv,
			'--entries',
			badEntries,
			'--json'
		]);
		expect(r2.code).toBe(1);
		expect(r2.stderr).toMatch(/bad\.jsonl, line 2: "id"/);
		const r3 = await sohoa(dir, [
			'reconcile',
			'--residents',
			csv,
			'--entries',
			entriesFile,
			'--top',
			'0'
		]);
		expect(r3.code).toBe(2);
		const r4 = await sohoa(dir, [
			'reconcile',
			'--residents',
			path.join(dir, 'none.csv'),
			'--entries',
			entriesFile
		]);
		expect([r4.code, r4.stderr]).toEqual([2, expect.stringContaining('no such file')]);
	});
});

describe('sohoa residents import (process, SQLite)', () => {
	it('imports, prints the extract id, and a re-import updates in place', async () => {
		const data = fs.mkdtempSync(path.join(dir, 'data-'));
		const first = await sohoa(data, ['residents', 'import', csv, '--unit', TAN_LAP]);
		expect(first.code, first.stderr).toBe(0);
		expect(first.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/);
		expect(first.stderr).toContain('imported 3 rows (3 new, 0 updated)');
		const again = await sohoa(data, ['residents', 'import', csv, '--unit', TAN_LAP]);
		expect(again.stderr).toContain('imported 3 rows (0 new, 3 updated)');
		const usage = await sohoa(data, ['residents', 'import', csv]);
		expect(usage.code).toBe(2);
	});
});

forEachDatabase('sohoa residents import', (t) => {
	it('streams an extract into the unit and refuses bad files whole', async () => {
		const io = captureIo();
		expect(await importResidents(t.services, { file: csv, unitCode: TAN_LAP }, io.io)).toBe(0);
		const n = await t.services.residents.count(TAN_LAP);
		expect(n).toBe(3);
		const badRows = file(
			'hong.csv',
			'full_name;birth_date\nAn;01/01/1990\n;01/01/1990\nBình;31/02/1990\n'
		);
		const e = (await importResidents(t.services, { file: badRows, unitCode: TAN_LAP }, io.io).catch(
			(x: unknown) => x
		)) as AppError;
		expect([e.code, e.params]).toEqual(['resident.badRows', { count: 2, file: 'hong.csv' }]);
		expect(e.details).toEqual({
			problems: [
				{ row: 3, code: 'resident.nameMissing' },
				{ row: 4, code: 'resident.badBirthDate', value: '31/02/1990' }
			]
		});
		expect(await t.services.residents.count(TAN_LAP)).toBe(3);
	});
});
