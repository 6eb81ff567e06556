import { describe, expect, it } from 'vitest';
import {
	against,
	blindFields,
	changesSinceOcr,
	compareBlind,
	sameReading,
	settle
} from './blind-check';

describe('blind fields', () => {
	it('are the entry number, the name, the date of birth and the parents on births', () => {
		expect(blindFields('birth')).toEqual(
			expect.arrayContaining(['so', 'nksHoTen', 'nksNgaySinh', 'meHoTen', 'chaHoTen'])
		);
		expect(blindFields('birth')).toHaveLength(5);
		expect(blindFields('death')).toEqual(['so', 'nktHoTen', 'nktNgaySinh']);
	});

	it('fall back to the number and the principal person for other types; none for unknown', () => {
		const adoption = blindFields('adoption');
		expect(adoption).toContain('so');
		expect(adoption).toContain('cnHoTen');
		expect(blindFields('nonsense')).toEqual([]);
	});
});

describe('comparing readings', () => {
	it('ignores case, spacing and tone-mark placement, not the letters or the tones', () => {
		expect(sameReading('birth', 'nksHoTen', 'NGUYỄN VĂN HOÀ', 'Nguyễn  Văn Hòa')).toBe(true);
		expect(sameReading('birth', 'nksHoTen', 'Nguyễn Văn Hoa', 'Nguyễn Văn Hòa')).toBe(false);
	});

	it('compares dates by their value', () => {
		expect(sameReading('birth', 'nksNgaySinh', '01/02/2008', '1/2/2008')).toBe(true);
		expect(sameReading('birth', 'nksNgaySinh', '01/02/2008', '02/01/2008')).toBe(false);
	});

	it('lists the differing blind fields with both readings', () => {
		const diffs = compareBlind(
			'birth',
			['so', 'nksHoTen'],
			{ so: '12', nksHoTen: 'Nguyễn Văn An' },
			{ so: ' 12 ', nksHoTen: 'Nguyễn Văn Ân' }
		);
		expect(diffs).toEqual([{ key: 'nksHoTen', clerk: 'Nguyễn Văn An', officer: 'Nguyễn Văn Ân' }]);
	});
});

describe('settling', () => {
	const d = { key: 'nksHoTen', clerk: 'Nguyễn Văn An', officer: 'Nguyễn Văn Ân' };

	it('says whose reading was wrong', () => {
		expect(against('birth', d, 'Nguyễn Văn Ân')).toBe('clerk');
		expect(against('birth', d, 'NGUYỄN VĂN AN')).toBe('officer');
		expect(against('birth', d, 'Nguyễn Văn Án')).toBe('clerk');
	});

	it('needs a choice for every difference and nothing else', () => {
		expect(settle('birth', [d], {})).toEqual({
			ok: false,
			code: 'settle.missingChoice',
			params: { fields: 'nksHoTen' }
		});
		expect(settle('birth', [d], { nksHoTen: 'x', so: '1' })).toMatchObject({
			ok: false,
			code: 'settle.unknownField'
		});
		expect(settle('birth', [d], { nksHoTen: ' Nguyễn Văn Ân ' })).toEqual({
			ok: true,
			fields: {
				nksHoTen: {
					clerk: 'Nguyễn Văn An',
					officer: 'Nguyễn Văn Ân',
					chosen: 'Nguyễn Văn Ân',
					against: 'clerk'
				}
			}
		});
	});
});

describe('changes since OCR', () => {
	it('lists the fields whose value differs from the OCR reading, in form order', () => {
		expect(
			changesSinceOcr(['so', 'nksHoTen', 'ghiChu'], {
				nksHoTen: { value: 'Nguyễn Văn An', ocrValue: 'Nguyen Van An' },
				so: { value: '12', ocrValue: '12' },
				ghiChu: { value: 'x', ocrValue: null }
			})
		).toEqual([
			{ key: 'nksHoTen', ocr: 'Nguyen Van An', value: 'Nguyễn Văn An' },
			{ key: 'ghiChu', ocr: '', value: 'x' }
		]);
	});
});
