// Checks the schema and code lists against the MOJ import template itself (a test fixture).
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { codeLists } from './code-lists';
import { fieldKeys } from './schemas';
import { validateEntry } from './validate-entry';

const TEMPLATE = fileURLToPath(
	new URL('../../../tests/fixtures/moj/moj-import-template-khaisinh.xlsx', import.meta.url)
);

function cellText(v: ExcelJS.CellValue): string {
	if (v === null || v === undefined) return '';
	if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
	return String(v);
}

async function load() {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.readFile(TEMPLATE);
	return wb;
}

describe('MOJ birth import template', () => {
	it('birth field keys are exactly the "DL Import" columns, trimmed, in order', async () => {
		const sheet = (await load()).getWorksheet('DL Import')!;
		const headers = (sheet.getRow(1).values as ExcelJS.CellValue[])
			.slice(1)
			.map((v) => cellText(v).split('\n')[0]!.trim())
			.filter((h) => h !== 'STT');
		expect(fieldKeys('birth')).toEqual(headers);
	});

	it('code lists match sheet "Ghi chu"', async () => {
		const sheet = (await load()).getWorksheet('Ghi chu')!;
		const pairs = (col: number, from: number, to: number) => {
			const out: [string, string][] = [];
			for (let r = from; r <= to; r++) {
				const row = sheet.getRow(r);
				out.push([cellText(row.getCell(col).value), cellText(row.getCell(col + 1).value)]);
			}
			return out;
		};
		const ours = (id: keyof typeof codeLists) => codeLists[id].map((e) => [e.code, e.vi]);
		expect(ours('loaiDangKyKhaiSinh')).toEqual(pairs(2, 3, 8));
		expect(ours('loaiGiayToTuyThan')).toEqual(pairs(5, 3, 10));
		expect(ours('gioiTinh')).toEqual(pairs(2, 11, 13));
		expect(ours('tuyenBo')).toEqual(pairs(2, 16, 17));
	});

	it('validates the sample rows and finds the sample’s own inconsistency', async () => {
		const sheet = (await load()).getWorksheet('DL Import')!;
		const keys = fieldKeys('birth');
		const rows = [2, 3, 4].map((r) => {
			const cells = (sheet.getRow(r).values as ExcelJS.CellValue[]).slice(2);
			return Object.fromEntries(keys.map((k, i) => [k, cellText(cells[i] ?? null)]));
		});
		const today = new Date(2025, 0, 1);
		const errors = rows.map((v) =>
			validateEntry('birth', v, { today })
				.filter((i) => i.severity === 'error')
				.map((i) => `${i.field}:${i.code}`)
		);
		// Row 2 writes 01.09.2008 in figures and 27 August 2008 in words.
		expect(errors[0]).toEqual(['nksNgaySinhBangChu:date.wordsMismatch']);
		expect(errors[1]).toEqual([]);
		expect(errors[2]).toEqual([]);
	});
});
