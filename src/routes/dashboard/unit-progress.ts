import { entryStates, type EntryState } from '$lib/verify/entry-lifecycle';
import type { BookSummary } from '$lib/server/services/book-service';

export interface UnitProgress {
	unitCode: string;
	unitName: string;
	books: number;
	/** Declared expected entries; a book without one counts the entries found so far. */
	expected: number;
	counts: Record<EntryState, number>;
	approved: number;
	rate: number;
}

const zero = () => Object.fromEntries(entryStates.map((s) => [s, 0])) as Record<EntryState, number>;

/** Sums the visible books per unit; approved includes exported (it was approved before leaving). */
export function progressByUnit(books: BookSummary[]): {
	units: UnitProgress[];
	total: UnitProgress;
} {
	const byUnit = new Map<string, UnitProgress>();
	const empty = (unitCode: string, unitName: string): UnitProgress => ({
		unitCode,
		unitName,
		books: 0,
		expected: 0,
		counts: zero(),
		approved: 0,
		rate: 0
	});
	const total = empty('', '');
	for (const b of books) {
		let u = byUnit.get(b.unitCode);
		if (!u) {
			u = empty(b.unitCode, b.unitName);
			byUnit.set(b.unitCode, u);
		}
		for (const target of [u, total]) {
			target.books += 1;
			target.expected += b.expected ?? b.total;
			for (const s of entryStates) target.counts[s] += b.counts[s];
			target.approved += b.counts.approved + b.counts.exported;
		}
	}
	const units = [...byUnit.values()].sort((a, b) => a.unitName.localeCompare(b.unitName, 'vi'));
	for (const u of [...units, total]) u.rate = u.expected > 0 ? u.approved / u.expected : 0;
	return { units, total };
}
