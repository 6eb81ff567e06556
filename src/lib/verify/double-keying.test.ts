import { describe, expect, it } from 'vitest';
import { compareKeyings, keyingFields, unknownKeyingFields } from './double-keying';
import { settle } from './blind-check';

const first = {
	so: '15',
	nksHoTen: 'NGUYỄN VĂN HOÀ',
	nksNgaySinh: '02/03/2008',
	meHoTen: 'Trần Thị Lan',
	ghiChu: ''
};

describe('double keying', () => {
	it('keys every field of the register type, none of an unknown one', () => {
		expect(keyingFields('birth')).toContain('chaHoTen');
		expect(keyingFields('birth')).toContain('ghiChu');
		expect(keyingFields('nonsense')).toEqual([]);
	});

	it('names the fields a register type does not have', () => {
		expect(unknownKeyingFields('birth', { so: '1', shoeSize: '42' })).toEqual(['shoeSize']);
		expect(unknownKeyingFields('birth', { so: '1' })).toEqual([]);
	});

	it('accepts readings that agree in all but form (case, spaces, tone-mark placement)', () => {
		const second = { ...first, nksHoTen: 'Nguyễn  Văn Hòa', so: ' 15 ' };
		const { agreed, differences } = compareKeyings('birth', first, second);
		expect(differences).toEqual([]);
		expect(agreed).toEqual(keyingFields('birth'));
	});

	it('lists each field read differently with both readings, in form order', () => {
		const second = { ...first, meHoTen: 'Trần Thị Lân', nksNgaySinh: '03/02/2008' };
		const { agreed, differences } = compareKeyings('birth', first, second);
		expect(differences).toEqual([
			{ key: 'nksNgaySinh', clerk: '02/03/2008', officer: '03/02/2008' },
			{ key: 'meHoTen', clerk: 'Trần Thị Lan', officer: 'Trần Thị Lân' }
		]);
		expect(agreed).not.toContain('meHoTen');
		expect(agreed).toContain('nksHoTen');
		expect(agreed.length + differences.length).toBe(keyingFields('birth').length);
	});

	it('treats a field only one keyer filled in as a difference', () => {
		const { differences } = compareKeyings('birth', first, { ...first, chaHoTen: 'Lê Văn Tư' });
		expect(differences).toEqual([{ key: 'chaHoTen', clerk: '', officer: 'Lê Văn Tư' }]);
	});

	it('settles through the blind re-keying’s settlement: whose reading the choice contradicts', () => {
		const { differences } = compareKeyings('birth', first, { ...first, meHoTen: 'Trần Thị Lân' });
		const result = settle('birth', differences, { meHoTen: 'Trần Thị Lân' });
		expect(result).toEqual({
			ok: true,
			fields: {
				meHoTen: {
					clerk: 'Trần Thị Lan',
					officer: 'Trần Thị Lân',
					chosen: 'Trần Thị Lân',
					against: 'clerk'
				}
			}
		});
	});
});
