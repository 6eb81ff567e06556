import { describe, expect, it } from 'vitest';
import {
	nameKey,
	normalizePersonalId,
	parseLooseDate,
	parseName,
	parsePlace,
	parseSex
} from './fields';

describe('parseName: normalisation and naming traditions', () => {
	it('folds case, NFD, tone placement, đ and spaces to one key', () => {
		const forms = [
			'Nguyễn Thị Hòa',
			'NGUYỄN THỊ HOÀ',
			'Nguyễn  Thị Hoà'.normalize('NFD'),
			'nguyen thi hoa',
			' Nguyễn\u00a0Thị  Hoà '
		];
		for (const f of forms) expect(parseName(f)?.key).toBe('nguyen thi hoa');
		expect(parseName('NGUYỄN THỊ HOÀ')?.canon).toBe(parseName('Nguyễn Thị Hòa')?.canon);
		expect(parseName('Đặng Văn Đức')?.key).toBe('dang van duc');
	});
	it.each([
		['Nguyễn Văn An', { surname: 'nguyen', middle: 'van', given: 'an', tradition: 'kinh' }],
		['Lê Hoàng Gia Bảo', { surname: 'le', middle: 'hoang gia', given: 'bao', tradition: 'kinh' }],
		['Trần Bình', { surname: 'tran', middle: '', given: 'binh', tradition: 'kinh' }],
		['Y Ngông Niê Kdăm', { surname: 'nie kdam', middle: '', given: 'ngong', tradition: 'ede' }],
		["H'Nhi Êban", { surname: 'eban', middle: '', given: 'nhi', tradition: 'ede' }],
		['H’Nhi Êban', { surname: 'eban', middle: '', given: 'nhi', tradition: 'ede' }],
		['Rơ Châm Blưk', { surname: 'ro cham', middle: '', given: 'bluk', tradition: 'jrai' }],
		["Ksor H'Bơ", { surname: 'ksor', middle: '', given: "h'bo", tradition: 'jrai' }],
		['Lò Văn Pọm', { surname: 'lo', middle: 'van', given: 'pom', tradition: 'thai' }],
		['Giàng A Páo', { surname: 'giang', middle: 'a', given: 'pao', tradition: 'hmong' }],
		['Thạch Sa Rinh', { surname: 'thach', middle: 'sa', given: 'rinh', tradition: 'khmer' }]
	])('%s', (name, parts) => {
		expect(parseName(name)).toMatchObject(parts);
	});
	it('gives null for an empty name; nameKey agrees with parseName', () => {
		expect(parseName('  ')).toBeNull();
		expect(parseName(null)).toBeNull();
		expect(nameKey('NGUYỄN  VĂN\u00a0AN')).toBe('nguyen van an');
		expect(nameKey("H'NHI ÊBAN")).toBe(parseName("H'Nhi Êban")?.key);
	});
});

describe('parseLooseDate', () => {
	it.each([
		['27/08/2008', { year: 2008, month: 8, day: 27 }],
		['27-8-2008', { year: 2008, month: 8, day: 27 }],
		['27.08.2008', { year: 2008, month: 8, day: 27 }],
		['2008-08-27', { year: 2008, month: 8, day: 27 }],
		['2008-08-27T00:00:00.000Z', { year: 2008, month: 8, day: 27 }],
		['20080827', { year: 2008, month: 8, day: 27 }],
		['08/2008', { year: 2008, month: 8 }],
		['2008', { year: 2008 }],
		['00/00/1990', { year: 1990 }],
		['00/05/1990', { year: 1990, month: 5 }],
		[
			'Ngày Hai Mươi Bảy Tháng Tám Năm Hai Nghìn Không Trăm Linh Tám',
			{ year: 2008, month: 8, day: 27 }
		],
		['sinh ngày 5/3/1987', { year: 1987, month: 3, day: 5 }],
		['39687', { year: 2008, month: 8, day: 27 }]
	])('%s', (s, d) => {
		expect(parseLooseDate(s)).toEqual(d);
	});
	it.each(['', 'không rõ', '31/02/1990', '12/13/1990'])('%s → null', (s) => {
		expect(parseLooseDate(s)).toBeNull();
	});
});

describe('IDs and sex', () => {
	it('keeps 12- and 9-digit numbers, digits only', () => {
		expect(normalizePersonalId('066 185 000 123')).toBe('066185000123');
		expect(normalizePersonalId('241.234.567')).toBe('241234567');
		expect(normalizePersonalId('12345')).toBeNull();
		expect(normalizePersonalId(undefined)).toBeNull();
	});
	it.each([
		['Nam', 1],
		['NỮ', 2],
		['nu', 2],
		['1', 1],
		['2', 2],
		['?', 0],
		['', 0]
	] as const)('%s → %i', (s, v) => expect(parseSex(s)).toBe(v));
});

describe('parsePlace: units by old and new names', () => {
	it('finds the province by new and old names and drops level words', () => {
		const now = parsePlace('Phường Tân Lập, Tỉnh Đắk Lắk');
		expect(now?.local).toBe('tan lap');
		expect(now?.province).toBeTruthy();
		// Phú Yên joined Đắk Lắk in 2025: both name the same new province.
		expect(parsePlace('xã Hòa Thắng, tỉnh Phú Yên')?.province).toBe(now?.province);
		expect(parsePlace('TP Hà Nội')?.province).toBe('01');
		expect(parsePlace('Hà Tây')?.province).toBe('01');
	});
	it('maps an old commune to the new ones it became', () => {
		const old = parsePlace('Phường Phúc Xá, quận Ba Đình, Hà Nội');
		expect(old?.communes).toContain('00097');
	});
	it('gives null for nothing', () => {
		expect(parsePlace('')).toBeNull();
	});
});
