import { describe, expect, it } from 'vitest';
import { nameWordsFound } from './legibility';

describe('name found by OCR', () => {
	it('finds every word, tone marks or not', () => {
		expect(nameWordsFound('Nguyễn Văn An', 'Số 15 NGUYEN VĂN AN nam 2008')).toEqual({
			found: 3,
			total: 3
		});
	});
	it('forgives one wrong letter in a long word, not in a short one', () => {
		expect(nameWordsFound('Hoàng Thị Lan', 'HOANC THI LAM')).toEqual({ found: 2, total: 3 });
	});
	it('finds nothing in noise', () => {
		expect(nameWordsFound('Nguyễn Văn An', '~~ ,,, ||')).toEqual({ found: 0, total: 3 });
	});
});
