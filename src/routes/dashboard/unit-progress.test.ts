import { describe, expect, it } from 'vitest';
import { progressByUnit } from './unit-progress';
import type { BookSummary } from '$lib/server/services/book-service';
import { entryStates, type EntryState } from '$lib/verify/entry-lifecycle';

const counts = (c: Partial<Record<EntryState, number>>) =>
	Object.fromEntries(entryStates.map((s) => [s, c[s] ?? 0])) as Record<EntryState, number>;
const book = (
	unitCode: string,
	expected: number | null,
	c: Partial<Record<EntryState, number>>
): BookSummary => {
	const full = counts(c);
	return {
		id: `${unitCode}-${Math.random()}`,
		title: '',
		unitCode,
		unitName: `Xã ${unitCode}`,
		registerType: 'birth',
		bookNumber: '01',
		year: 2008,
		expected,
		counts: full,
		total: Object.values(full).reduce((a, n) => a + n, 0)
	};
};

describe('progressByUnit', () => {
	it.each([
		{
			name: 'sums books per unit, approved includes exported',
			books: [book('A', 10, { approved: 3, exported: 2 }), book('A', 10, { submitted: 4 })],
			unit: { code: 'A', books: 2, expected: 20, approved: 5, rate: 0.25 },
			total: { books: 2, expected: 20, approved: 5, rate: 0.25 }
		},
		{
			name: 'a book without an expected count uses its entries so far',
			books: [book('A', null, { approved: 1, prefilled: 3 }), book('B', 5, { approved: 5 })],
			unit: { code: 'B', books: 1, expected: 5, approved: 5, rate: 1 },
			total: { books: 2, expected: 9, approved: 6, rate: 6 / 9 }
		},
		{
			name: 'an empty unit has rate 0, not NaN',
			books: [book('A', null, {})],
			unit: { code: 'A', books: 1, expected: 0, approved: 0, rate: 0 },
			total: { books: 1, expected: 0, approved: 0, rate: 0 }
		}
	])('$name', ({ books, unit, total }) => {
		const r = progressByUnit(books);
		const u = r.units.find((x) => x.unitCode === unit.code)!;
		expect({ books: u.books, expected: u.expected, approved: u.approved }).toEqual({
			books: unit.books,
			expected: unit.expected,
			approved: unit.approved
		});
		expect(u.rate).toBeCloseTo(unit.rate);
		expect(r.total.books).toBe(total.books);
		expect(r.total.expected).toBe(total.expected);
		expect(r.total.approved).toBe(total.approved);
		expect(r.total.rate).toBeCloseTo(total.rate);
	});
});
