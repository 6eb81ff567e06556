import { describe, expect, it } from 'vitest';
import { COMMON_SURNAMES, restoreSurname } from './vietnamese';
import { matchKey } from './normalize';

describe('restoreSurname', () => {
	it.each([
		['NGUYEN VAN AN', 'NGUYỄN VAN AN'],
		['NGUYÊN THỊ HUÊ', 'NGUYỄN THỊ HUÊ'],
		['TRẤN ANH TÚ', 'TRẦN ANH TÚ'],
		['ĐANG NHẬT KHANG', 'ĐẶNG NHẬT KHANG'],
		['Dang Nhat Khang', 'Đặng Nhat Khang'],
		['LE MINH TU', 'LÊ MINH TU'],
		['PHAM MỸ TƯƠI', 'PHẠM MỸ TƯƠI']
	])('%s → %s', (read, restored) => {
		expect(restoreSurname(read)).toBe(restored);
	});

	it.each([
		'NGUYỄN VĂN AN', // already right
		'LÃ VĂN MINH', // Lã folds like La: a real surname is never respelled
		'ĐƯỜNG VĂN AN', // Đường folds like Dương
		'LAM THỊ HOA', // Lam folds like Lâm
		"H'HEN NIÊ", // minority names start with no Kinh surname
		'Y BIH NIÊ',
		''
	])('keeps %j', (name) => {
		expect(restoreSurname(name)).toBe(name);
	});

	it('has one surname per folded key', () => {
		const keys = COMMON_SURNAMES.map(matchKey);
		expect(new Set(keys).size).toBe(keys.length);
	});
});
