import { describe, expect, it } from 'vitest';
import { checkEntryNumberSequence, entryNumberIssuesInBook, validateEntry } from './validate-entry';

const today = new Date(2025, 5, 1);
const birth = {
	so: '01/2008',
	quyenSo: '02/2008',
	ngayDangKy: '27.10.2008',
	loaiDangKy: '1',
	nksHoTen: 'PHẠM ANH ĐÀI',
	nksGioiTinh: '1',
	nksNgaySinh: '27/08/2008',
	nksNgaySinhBangChu: 'Ngày Hai Mươi Bảy Tháng Tám Năm Hai Nghìn Không Trăm Linh Tám',
	nksSoDinhDanh: '052208001234',
	nksDanToc: 'Kinh',
	nksQuocTich: 'Việt Nam',
	meHoTen: 'Nguyễn Thị Lan',
	meNgaySinh: '1981',
	meLoaiGiayToTuyThan: '1',
	meSoGiayToTuyThan: '165415511',
	chaHoTen: 'Phạm Văn Minh',
	chaNgaySinh: '10/10/1979'
};
const codes = (
	values: Record<string, string>,
	type: Parameters<typeof validateEntry>[0] = 'birth'
) => validateEntry(type, values, { today }).map((i) => `${i.field}:${i.code}:${i.severity}`);

describe('validateEntry', () => {
	it('passes a clean birth entry', () => expect(codes(birth)).toEqual([]));
	it('reports missing required fields', () => {
		expect(codes({ ...birth, nksHoTen: '', so: ' ' })).toEqual([
			'so:field.required:error',
			'nksHoTen:field.required:error'
		]);
	});
	it.each([
		[{ nksNgaySinh: '31/02/2008' }, 'nksNgaySinh:date.impossible:error'],
		[{ meNgaySinh: '1899' }, 'meNgaySinh:date.yearOutOfRange:warning'],
		[{ ngayDangKy: '20/08/2008' }, 'ngayDangKy:date.registeredBeforeBirth:error'],
		[
			{ nksNgaySinhBangChu: 'Ngày Hai Mươi Tám Tháng Tám Năm Hai Nghìn Linh Tám' },
			'nksNgaySinhBangChu:date.wordsMismatch:error'
		],
		[{ meNgaySinh: '2000' }, 'meNgaySinh:date.parentTooYoung:warning'],
		[{ chaNgaySinh: '2010' }, 'chaNgaySinh:date.parentTooYoung:warning'],
		[{ nksGioiTinh: '2' }, 'nksSoDinhDanh:personalId.sexMismatch:warning'],
		[{ nksSoDinhDanh: '052207001234' }, 'nksSoDinhDanh:personalId.birthYearMismatch:warning'],
		[{ nksSoDinhDanh: '003208001234' }, 'nksSoDinhDanh:personalId.unknownProvince:error'],
		[{ meSoGiayToTuyThan: '16541551' }, 'meSoGiayToTuyThan:cmnd.length:error'],
		[{ nksDanToc: 'Sao Hỏa' }, 'nksDanToc:ethnicity.unknown:warning'],
		[{ nksQuocTich: 'Atlantis' }, 'nksQuocTich:nationality.unknown:warning'],
		[{ nksLoaiKhaiSinh: '7' }, 'nksLoaiKhaiSinh:code.notInList:error'],
		[{ nksHoTen: 'Phạm Anh Đài5' }, 'nksHoTen:name.tokenHasDigit:warning'],
		[{ so: '01/2009' }, 'so:so.yearMismatch:warning'],
		[{ so: 'một' }, 'so:so.format:warning']
	])('%o → %s', (change, expected) => expect(codes({ ...birth, ...change })).toEqual([expected]));
	it('reports future dates (with what follows from them)', () => {
		expect(codes({ ...birth, nksNgaySinh: '27/08/2026', nksNgaySinhBangChu: '' })).toEqual([
			'nksNgaySinh:date.yearOutOfRange:error',
			'ngayDangKy:date.registeredBeforeBirth:error',
			'nksSoDinhDanh:personalId.birthYearMismatch:warning'
		]);
		expect(codes({ ...birth, ngayDangKy: '02/06/2025' })).toEqual([
			'ngayDangKy:date.future:error',
			'so:so.yearMismatch:warning'
		]);
	});
	it('checks a CCCD number against the mother, as a woman', () => {
		expect(
			codes({ ...birth, meLoaiGiayToTuyThan: '4', meSoGiayToTuyThan: '001081012345' })
		).toEqual(['meSoGiayToTuyThan:personalId.sexMismatch:warning']);
	});
	it('orders death dates', () => {
		const death = {
			so: '3',
			quyenSo: '1',
			ngayDangKy: '05/01/2010',
			nktHoTen: 'Lê Văn Ba',
			nktGioiTinh: 'Nam',
			nktNgaySinh: '1930',
			nktNgayChet: '02/01/2010',
			nktGioPhutChet: '14 giờ 30 phút',
			gbtLoai: '0'
		};
		expect(codes(death, 'death')).toEqual([]);
		expect(codes({ ...death, nktNgayChet: '02/01/1929' }, 'death')).toEqual([
			'nktNgayChet:date.deathBeforeBirth:error'
		]);
		expect(codes({ ...death, ngayDangKy: '01/01/2010' }, 'death')).toEqual([
			'ngayDangKy:date.registeredBeforeDeath:error'
		]);
	});
	it('accepts minority names and year-only dates on a marriage', () => {
		const m = {
			so: '1',
			quyenSo: '1',
			ngayDangKy: '01/01/2012',
			chongHoTen: 'Y NGÔNG NIÊ KDĂM',
			chongNgaySinh: '1985',
			voHoTen: "H'NHI ÊBAN",
			voNgaySinh: '1990',
			voSoDinhDanhCaNhan: '066190000123'
		};
		expect(codes(m, 'marriage')).toEqual([]);
	});
});

describe('checkEntryNumberSequence', () => {
	it('flags duplicates, gaps and unreadable numbers', () => {
		const issues = checkEntryNumberSequence(['01/2018', '02', '02', '05', 'x', '06']);
		expect(issues.map((i) => [i.code, i.params])).toEqual([
			['sequence.unreadable', { value: 'x' }],
			['sequence.duplicate', { number: 2, count: 2 }],
			['sequence.gap', { from: 3, to: 4 }]
		]);
	});
	it('flags a book-year that does not start at 01', () => {
		expect(checkEntryNumberSequence(['3', '4']).map((i) => i.params)).toEqual([{ from: 1, to: 2 }]);
		expect(checkEntryNumberSequence(['1', '2', '3'])).toEqual([]);
		expect(checkEntryNumberSequence([])).toEqual([]);
	});
});

describe('entryNumberIssuesInBook', () => {
	it('flags a number another entry of the book already has', () => {
		const issues = entryNumberIssuesInBook('03', ['01', '02', '03', '04']);
		expect(issues.map((i) => [i.code, i.params])).toEqual([
			['sequence.duplicate', { number: 3, count: 2 }]
		]);
	});
	it('flags the number just before this one missing, not gaps elsewhere in the book', () => {
		expect(entryNumberIssuesInBook('05', ['01', '02', '06']).map((i) => i.params)).toEqual([
			{ from: 3, to: 4 }
		]);
		expect(entryNumberIssuesInBook('02', ['01', '05'])).toEqual([]);
	});
	it('says nothing of an unreadable number (its format is checked elsewhere)', () => {
		expect(entryNumberIssuesInBook('x', ['01'])).toEqual([]);
	});
});
