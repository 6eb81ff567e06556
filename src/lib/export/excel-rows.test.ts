import { describe, expect, it } from 'vitest';
import { fieldKeys } from '../registers/index';
import { normalizeEntry, registrationYear, type StoredField } from './entry-values';
import {
	FILE_COLUMN,
	ROW_COUNTER,
	excelColumns,
	excelRow,
	numberWithYear,
	templateDate
} from './excel-rows';

const stored = (o: Record<string, string>): Record<string, StoredField> =>
	Object.fromEntries(
		Object.entries(o).map(([k, v]) => [k, { value: v, normalizedOverride: null }])
	);

describe('Excel rows', () => {
	it('has STT, the schema columns and the PDF column, for every type', () => {
		expect(excelColumns('birth')).toEqual([ROW_COUNTER, ...fieldKeys('birth'), FILE_COLUMN]);
		expect(excelColumns('death')[1]).toBe('so');
	});

	it.each([
		['27/08/2008', '27.08.2008'],
		['08/2008', '08.2008'],
		['2008', '2008'],
		[null, null]
	])('writes the date %s as the template does: %s', (d, out) => {
		expect(templateDate(d)).toBe(out);
	});

	it('writes entry and book numbers with their year', () => {
		expect(numberWithYear('1', 2018)).toBe('01/2018');
		expect(numberWithYear('01/2018', 2020)).toBe('01/2018');
		expect(numberWithYear('  ', 2018)).toBeNull();
	});

	it('maps a birth entry to its row: codes, dates, date in words, names, the PDF', () => {
		const values = normalizeEntry(
			'birth',
			stored({
				so: '15',
				quyenSo: '',
				ngayDangKy: '27/10/2008',
				loaiDangKy: 'Đăng kí đúng hạn',
				nksHoTen: 'PHẠM ANH ĐÀI',
				nksGioiTinh: 'Nữ',
				nksNgaySinh: '1/9/2008',
				nksDanToc: 'kinh',
				meNgaySinh: '1981'
			})
		);
		const year = registrationYear(values, 2007);
		expect(year).toBe(2008);
		const row = excelRow('birth', values, {
			stt: 3,
			fileName: 'KS.2008.Q02.S015.PHAM-ANH-DAI.NU.pdf',
			year,
			bookNumber: '02',
			bookYear: 2007
		});
		const cell = (k: string) => row[excelColumns('birth').indexOf(k)];
		expect(row).toHaveLength(excelColumns('birth').length);
		expect(cell('STT')).toBe(3);
		expect(cell('so')).toBe('15/2008');
		expect(cell('quyenSo')).toBe('02/2007');
		expect(cell('ngayDangKy')).toBe('27.10.2008');
		expect(cell('loaiDangKy')).toBe('1');
		expect(cell('nksHoTen')).toBe('Phạm Anh Đài');
		expect(cell('nksGioiTinh')).toBe('2');
		expect(cell('nksNgaySinh')).toBe('01.09.2008');
		// Blank in the book: spelt out from the date in figures, the template's style.
		expect(cell('nksNgaySinhBangChu')).toBe(
			'Ngày Một Tháng Chín Năm Hai Nghìn Không Trăm Linh Tám'
		);
		expect(cell('nksDanToc')).toBe('Kinh');
		expect(cell('meNgaySinh')).toBe('1981');
		expect(cell('ghiChu')).toBeNull();
		expect(cell(FILE_COLUMN)).toBe('KS.2008.Q02.S015.PHAM-ANH-DAI.NU.pdf');
	});

	it("keeps the clerk's normalised override; writes the book's date in words in the template's spelling", () => {
		const values = normalizeEntry('birth', {
			...stored({ nksNgaySinhBangChu: 'Ngày Hai Tháng Ba Năm Hai Nghìn Linh Tám' }),
			nksHoTen: { value: 'NGUYEN VAN AN', normalizedOverride: 'Nguyễn Văn An' }
		});
		const row = excelRow('birth', values, {
			stt: 1,
			fileName: 'f.pdf',
			year: 2008,
			bookNumber: '01',
			bookYear: 2008
		});
		const cell = (k: string) => row[excelColumns('birth').indexOf(k)];
		expect(cell('nksHoTen')).toBe('Nguyễn Văn An');
		expect(cell('nksNgaySinhBangChu')).toBe('Ngày Hai Tháng Ba Năm Hai Nghìn Không Trăm Linh Tám');
	});
});
