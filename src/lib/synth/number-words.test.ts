import { describe, expect, it } from 'vitest';
import { dateToWords, numberToWords } from './number-words';

describe('numberToWords', () => {
	it.each([
		[1, 'Một'],
		[10, 'Mười'],
		[15, 'Mười Lăm'],
		[21, 'Hai Mươi Mốt'],
		[24, 'Hai Mươi Tư'],
		[27, 'Hai Mươi Bảy'],
		[31, 'Ba Mươi Mốt'],
		[105, 'Một Trăm Linh Năm'],
		[1985, 'Một Nghìn Chín Trăm Tám Mươi Lăm'],
		[2000, 'Hai Nghìn'],
		[2008, 'Hai Nghìn Không Trăm Linh Tám'],
		[2010, 'Hai Nghìn Không Trăm Mười'],
		[2021, 'Hai Nghìn Không Trăm Hai Mươi Mốt']
	])('%i → %s', (n, words) => expect(numberToWords(n)).toBe(words));

	it('short style drops "Không Trăm"', () =>
		expect(numberToWords(2008, { short: true })).toBe('Hai Nghìn Linh Tám'));
});

describe('dateToWords', () => {
	it('matches the MOJ template example', () =>
		expect(dateToWords(27, 8, 2008)).toBe(
			'Ngày Hai Mươi Bảy Tháng Tám Năm Hai Nghìn Không Trăm Linh Tám'
		));
	it('April is "Tháng Tư"', () =>
		expect(dateToWords(1, 4, 1990)).toBe('Ngày Một Tháng Tư Năm Một Nghìn Chín Trăm Chín Mươi'));
});
