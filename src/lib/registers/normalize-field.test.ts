import { describe, expect, it } from 'vitest';
import { getFieldDef } from './schemas';
import { normalizeFieldValue, parseTime } from './normalize-field';
import type { RegisterType } from './schemas';

const def = (type: RegisterType, key: string) => {
	const d = getFieldDef(type, key);
	if (!d) throw new Error(key);
	return d;
};
const norm = (type: RegisterType, key: string, v: string) => normalizeFieldValue(def(type, key), v);

describe('normalizeFieldValue', () => {
	it.each([
		['nksHoTen', 'NGUYỄN VĂN AN', 'Nguyễn Văn An'],
		['nksHoTen', '  nguyễn  thị  hoà ', 'Nguyễn Thị Hòa'],
		['nksHoTen', "H'NHI ÊBAN", "H'Nhi Êban"],
		['nksNgaySinh', '01.09.2008', '01/09/2008'],
		['nksNgaySinh', '9/2008', '09/2008'],
		['nksNgaySinh', '1987', '1987'],
		['nksNgaySinh', 'ngày 5 tháng 3 năm 1987', '05/03/1987'],
		[
			'nksNgaySinhBangChu',
			'Ngày Hai Mươi Bảy Tháng Tám Năm Hai Nghìn Không Trăm Linh Tám',
			'27/08/2008'
		],
		['nksGioiTinh', 'Nam', '1'],
		['nksGioiTinh', 'NỮ', '2'],
		['nksGioiTinh', '1', '1'],
		['nksGioiTinh', 'không xác định', '3'],
		['nksDanToc', 'Mông (Mèo)', 'Mông'],
		['nksQuocTich', 'VIỆT NAM', 'Việt Nam'],
		['nksSoDinhDanh', '052 208 001 234', '052208001234'],
		['loaiDangKy', '01', '1'],
		['loaiDangKy', 'Đăng kí lại', '2'],
		['meLoaiCuTru', '0', '0'],
		['trangSo', '055', '55'],
		['nksNoiSinh', ' Bệnh viện\u00A0 Nhi  Trung ương ', 'Bệnh viện Nhi Trung ương']
	])('%s: %s → %s', (key, written, expected) => {
		const r = norm('birth', key, written);
		expect(r.normalized).toBe(expected);
		expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
	});
	it('keeps empty as null without issues (required is checked per entry)', () => {
		expect(norm('birth', 'nksHoTen', '  ')).toEqual({ normalized: null, issues: [] });
	});
	it.each([
		['nksNgaySinh', '31/02/2008', 'date.impossible'],
		['nksNgaySinh', '27/08/5005', 'date.yearOutOfRange'],
		['nksNgaySinh', 'hôm qua', 'date.unparseable'],
		['nksGioiTinh', 'X', 'sex.unknown'],
		['loaiDangKy', '9', 'code.notInList'],
		['trangSo', '5a', 'number.invalid'],
		['nksSoDinhDanh', '12345', 'personalId.length']
	])('%s: %s → %s', (key, written, code) => {
		const r = norm('birth', key, written);
		expect(r.issues.map((i) => [i.field, i.code, i.severity])).toEqual([[key, code, 'error']]);
	});
	it('warns but keeps unknown ethnicities, nationalities and odd name tokens', () => {
		expect(norm('birth', 'nksDanToc', 'Xyz')).toMatchObject({
			normalized: 'Xyz',
			issues: [{ code: 'ethnicity.unknown', severity: 'warning' }]
		});
		expect(norm('birth', 'nksHoTen', 'Nguyễn Tbe')).toMatchObject({
			normalized: 'Nguyễn Tbe',
			issues: [{ code: 'name.tokenInvalid', severity: 'warning', params: { token: 'Tbe' } }]
		});
	});
	it('reads times of death', () => {
		expect(norm('death', 'nktGioPhutChet', '14 giờ 30 phút').normalized).toBe('14:30');
		expect(parseTime('7h05')).toBe('07:05');
		expect(parseTime('14:30')).toBe('14:30');
		expect(parseTime('Mười Bốn Giờ Ba Mươi Phút')).toBe('14:30');
		expect(parseTime('9 giờ')).toBe('09:00');
		expect(parseTime('25:00')).toBeNull();
		expect(norm('death', 'nktGioPhutChet', 'chiều').issues[0]?.code).toBe('time.invalid');
	});
});
