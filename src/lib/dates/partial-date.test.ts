import { describe, expect, it } from 'vitest';
import {
	compareDates,
	dateToWords,
	formatDate,
	isValidCalendarDate,
	parseDate,
	parseDateFigures,
	parseDateWords,
	type PartialDate
} from './partial-date';
import { numberToWords, parseNumberWords, respellNumberWords } from './number-words';

describe('parseDateFigures', () => {
	it.each([
		['27/08/2008', { year: 2008, month: 8, day: 27 }],
		['27.10.2008', { year: 2008, month: 10, day: 27 }],
		['1-9-2008', { year: 2008, month: 9, day: 1 }],
		['  27 / 08 / 2008 ', { year: 2008, month: 8, day: 27 }],
		['27 08 2008', { year: 2008, month: 8, day: 27 }],
		['08/2008', { year: 2008, month: 8 }],
		['01.2019', { year: 2019, month: 1 }],
		['1987', { year: 1987 }],
		['29/02/2008', { year: 2008, month: 2, day: 29 }]
	])('%s', (s, value) => expect(parseDateFigures(s)).toEqual({ ok: true, value }));
	it.each([
		['31/02/2008', 'date.impossible'],
		['29/02/2009', 'date.impossible'],
		['12/13/2008', 'date.impossible'],
		['00/2008', 'date.impossible'],
		['5005', 'date.yearOutOfRange'],
		['01/01/1066', 'date.yearOutOfRange'],
		['hai nghìn', 'date.unparseable'],
		['27/08/08', 'date.unparseable'],
		['', 'date.unparseable']
	])('%s → %s', (s, code) => {
		const r = parseDateFigures(s);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.code).toBe(code);
	});
	it('reports the year and range', () => {
		expect(parseDateFigures('2030', { maxYear: 2025 })).toEqual({
			ok: false,
			code: 'date.yearOutOfRange',
			params: { year: 2030, min: 1800, max: 2025 }
		});
	});
});

describe('number words', () => {
	it.each([
		['mười lăm', 15],
		['mốt', 1],
		['tư', 4],
		['lăm', 5],
		['hai mươi mốt', 21],
		['hai mươi tư', 24],
		['ba mươi', 30],
		['mười', 10],
		['hai nghìn linh tám', 2008],
		['hai nghìn lẻ tám', 2008],
		['Hai Nghìn Không Trăm Linh Tám', 2008],
		['một nghìn chín trăm tám mươi bảy', 1987],
		['một ngàn chín trăm năm mươi lăm', 1955],
		['hai nghìn không trăm mười', 2010],
		['hai nghìn', 2000],
		['chin tram linh nam', 905],
		['hai muoi bay', 27]
	])('%s = %i', (s, n) => expect(parseNumberWords(s)).toBe(n));
	it.each(['hai hai', 'mươi mươi', 'trăm', 'linh linh tám', 'xin chào', ''])('rejects %s', (s) =>
		expect(parseNumberWords(s)).toBeNull()
	);
	it('round-trips 0..2100', () => {
		for (let n = 0; n <= 2100; n++) expect(parseNumberWords(numberToWords(n)), String(n)).toBe(n);
	});
	it.each([
		[27, 'hai mươi bảy'],
		[21, 'hai mươi mốt'],
		[15, 'mười lăm'],
		[11, 'mười một'],
		[2008, 'hai nghìn không trăm linh tám'],
		[2015, 'hai nghìn không trăm mười lăm'],
		[1905, 'một nghìn chín trăm linh năm'],
		[2000, 'hai nghìn'],
		[2024, 'hai nghìn không trăm hai mươi tư']
	])('%i → %s', (n, s) => expect(numberToWords(n)).toBe(s));
});

describe('parseDateWords', () => {
	it.each([
		[
			'Ngày Hai Mươi Bảy Tháng Tám Năm Hai Nghìn Không Trăm Linh Tám',
			{ year: 2008, month: 8, day: 27 }
		],
		['Ngày Hai Tháng Ba Năm Hai Nghìn Linh Tám', { year: 2008, month: 3, day: 2 }],
		['ngày 5 tháng 3 năm 1987', { year: 1987, month: 3, day: 5 }],
		['ngày mồng năm tháng năm năm một nghìn chín trăm tám mươi', { year: 1980, month: 5, day: 5 }],
		['Ngày Mười Lăm Tháng Mười Hai Năm Hai Nghìn', { year: 2000, month: 12, day: 15 }],
		['Ngày Ba Mươi Mốt Tháng Mười Năm 1999', { year: 1999, month: 10, day: 31 }],
		['ngày hai mươi tư tháng tư năm hai nghìn lẻ năm', { year: 2005, month: 4, day: 24 }],
		['Tháng Giêng Năm 1990', { year: 1990, month: 1 }],
		['Năm Hai Nghìn Linh Tám', { year: 2008 }],
		['Hai Nghìn Linh Tám', { year: 2008 }],
		[
			'ngay hai muoi bay thang tam nam hai nghin khong tram linh tam',
			{ year: 2008, month: 8, day: 27 }
		]
	])('%s', (s, value) => expect(parseDateWords(s)).toEqual({ ok: true, value }));
	it.each([
		['mười lăm', 'date.unparseable'],
		['ngày hai mươi bảy', 'date.unparseable'],
		['Ngày Ba Mươi Tháng Hai Năm Hai Nghìn', 'date.impossible'],
		['tháng năm 2008', 'date.unparseable'],
		['Năm Năm Nghìn Không Trăm Linh Năm', 'date.yearOutOfRange']
	])('%s → %s', (s, code) => {
		const r = parseDateWords(s);
		expect(r.ok ? 'ok' : r.code).toBe(code);
	});
	it('parseDate reads figures or words', () => {
		expect(parseDate('27/08/2008')).toEqual(parseDate('ngày 27 tháng 8 năm 2008'));
	});
});

describe('dateToWords / formatDate', () => {
	it('writes the MOJ style', () => {
		expect(dateToWords({ year: 2008, month: 8, day: 27 })).toBe(
			'Ngày Hai Mươi Bảy Tháng Tám Năm Hai Nghìn Không Trăm Linh Tám'
		);
		expect(dateToWords({ year: 2008, month: 4 })).toBe(
			'Tháng Tư Năm Hai Nghìn Không Trăm Linh Tám'
		);
		expect(dateToWords({ year: 1987 })).toBe('Năm Một Nghìn Chín Trăm Tám Mươi Bảy');
	});
	it('round-trips every day of 1999-2001 through words', () => {
		for (let t = Date.UTC(1999, 0, 1); t < Date.UTC(2002, 0, 1); t += 86400000) {
			const dt = new Date(t);
			const d = { year: dt.getUTCFullYear(), month: dt.getUTCMonth() + 1, day: dt.getUTCDate() };
			expect(parseDateWords(dateToWords(d))).toEqual({ ok: true, value: d });
		}
	});
	it.each([
		[{ year: 2008, month: 8, day: 7 }, '07/08/2008'],
		[{ year: 2008, month: 8 }, '08/2008'],
		[{ year: 2008 }, '2008']
	])('formatDate %o → %s', (d, s) => expect(formatDate(d)).toBe(s));
});

describe('compareDates / isValidCalendarDate', () => {
	const d = (year: number, month?: number, day?: number): PartialDate => ({ year, month, day });
	it.each([
		[d(2008, 8, 27), d(2008, 8, 28), -1],
		[d(2009), d(2008, 12, 31), 1],
		[d(2008), d(2008, 8, 27), 0],
		[d(2008, 9), d(2008, 8, 27), 1],
		[d(2008, 8, 27), d(2008, 8, 27), 0]
	])('%o vs %o → %i', (a, b, r) => {
		expect(compareDates(a, b)).toBe(r);
		expect(compareDates(b, a)).toBe(-r || 0);
	});
	it('knows the calendar', () => {
		expect(isValidCalendarDate({ year: 2000, month: 2, day: 29 })).toBe(true);
		expect(isValidCalendarDate({ year: 1900, month: 2, day: 29 })).toBe(false);
		expect(isValidCalendarDate({ year: 2008, day: 3 })).toBe(false);
		expect(isValidCalendarDate({ year: 2008, month: 4, day: 31 })).toBe(false);
	});
});

describe('respellNumberWords', () => {
	it.each([
		['Ngày Báy Tháng Báy Năm Một Nghìn', 'Ngày Bảy Tháng Bảy Năm Một Nghìn'],
		['Ngay Mươi Tam Thắng Mươi Một', 'Ngày Mười Tám Tháng Mười Một'],
		['Ngày Hai Mươi Môt Tháng Tư', 'Ngày Hai Mươi Mốt Tháng Tư'],
		['Chín Trắm Chín Mươi Lãm', 'Chín Trăm Chín Mươi Lăm'],
		['hai nghin khong tram linh chin', 'hai nghìn không trăm linh chín'],
		['Ngày Mười Bôn Tháng Chín Năm', 'Ngày Mười Bốn Tháng Chín Năm']
	])('%s → %s', (read, spelled) => {
		expect(respellNumberWords(read)).toBe(spelled);
	});

	it('keeps words outside the vocabulary and punctuation as written', () => {
		expect(respellNumberWords('Ngày 5 Tháng Xyz,')).toBe('Ngày 5 Tháng Xyz,');
	});
});
