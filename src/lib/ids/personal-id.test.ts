import { describe, expect, it } from 'vitest';
import { checkCmnd, checkPersonalId, decodePersonalId } from './personal-id';
import { provinceCodes, provinceName } from './provinces';

describe('province codes', () => {
	it('lists the 63 pre-2025 provinces', () => {
		expect(Object.keys(provinceCodes)).toHaveLength(63);
		expect(new Set(Object.values(provinceCodes)).size).toBe(63);
	});
	it.each([
		['01', 'Hà Nội'],
		['14', 'Sơn La'],
		['52', 'Bình Định'],
		['56', 'Khánh Hòa'],
		['66', 'Đắk Lắk'],
		['79', 'Thành phố Hồ Chí Minh'],
		['96', 'Cà Mau']
	])('%s is %s (DOMAIN.md §4)', (c, n) => expect(provinceName(c)).toBe(n));
	it('has no code for gaps in the list', () => {
		for (const c of ['03', '05', '13', '97', '00']) expect(provinceName(c)).toBeNull();
	});
});

describe('decodePersonalId', () => {
	it.each([
		['001089012345', '001', 'Hà Nội', 'male', 1989],
		['079187654321', '079', 'Thành phố Hồ Chí Minh', 'female', 1987],
		['066208000001', '066', 'Đắk Lắk', 'male', 2008],
		['096305123456', '096', 'Cà Mau', 'female', 2005],
		['014 4 01 000001', '014', 'Sơn La', 'male', 2101]
	])('%s', (id, provinceCode, name, sex, birthYear) =>
		expect(decodePersonalId(id)).toEqual({ provinceCode, provinceName: name, sex, birthYear })
	);
	it('refuses what is not 12 digits', () => {
		expect(decodePersonalId('00108901234')).toBeNull();
		expect(decodePersonalId('00108901234A')).toBeNull();
	});
});

describe('checkPersonalId', () => {
	it('accepts a consistent ID', () => {
		expect(checkPersonalId('052208001234', { sex: 'male', birthYear: 2008 })).toEqual([]);
		expect(checkPersonalId('052 208 001 234')).toEqual([]);
	});
	it.each([
		['12345', 'personalId.length', 'error'],
		['05220800123X', 'personalId.notDigits', 'error'],
		['003208001234', 'personalId.unknownProvince', 'error'],
		['152208001234', 'personalId.unknownProvince', 'error']
	])('%s → %s', (id, code, severity) =>
		expect(checkPersonalId(id)[0]).toMatchObject({ code, severity })
	);
	it('warns, not rejects, on sex and year disagreement', () => {
		expect(checkPersonalId('052208001234', { sex: 'female', birthYear: 2007 })).toEqual([
			{
				code: 'personalId.sexMismatch',
				severity: 'warning',
				params: { idSex: 'male', sex: 'female' }
			},
			{
				code: 'personalId.birthYearMismatch',
				severity: 'warning',
				params: { idYear: 2008, birthYear: 2007 }
			}
		]);
		// Born 1908 with a 2000s century digit: a century mismatch is a year mismatch.
		expect(checkPersonalId('052208001234', { birthYear: 1908 })[0]?.code).toBe(
			'personalId.birthYearMismatch'
		);
	});
});

describe('checkCmnd', () => {
	it.each([
		['165415511', []],
		['141 742 143', []],
		['12345678', ['cmnd.length']],
		['1654155110', ['cmnd.length']],
		['16541551A', ['cmnd.notDigits']],
		['001089012345', ['cmnd.twelveDigits']]
	])('%s', (s, codes) => expect(checkCmnd(s).map((i) => i.code)).toEqual(codes));
});
