import { describe, expect, it } from 'vitest';
import type { EntryRegion } from './entries';
import { gridMismatch } from './grid-check';
import type { Box } from './layout';

// A table from x = 100 to 1100 (1,000 px wide) with columns at 0, 0.3, 0.7 and 1 of its width.
const grid = { entries: 3, columns: [0, 0.3, 0.7, 1] };
const rows = (n: number): EntryRegion[] =>
	Array.from({ length: n }, (_, i) => ({
		bbox: [100, 200 + i * 100, 1100, 300 + i * 100] as Box,
		fields: []
	}));

describe('gridMismatch', () => {
	it('accepts a table whose rows and column rules are where the template prints them', () => {
		expect(gridMismatch(rows(3), [100, 400, 800, 1100], grid)).toBeNull();
		// Within 1% of the table's width: a rule drawn by hand, a photo flattened nearly right.
		expect(gridMismatch(rows(3), [100, 409, 792, 1100], grid)).toBeNull();
	});

	it('rejects a table with more or fewer entry rows than the template', () => {
		expect(gridMismatch(rows(4), [100, 400, 800, 1100], grid)).toBe('entries');
		expect(gridMismatch(rows(2), [100, 400, 800, 1100], grid)).toBe('entries');
		expect(gridMismatch([], [100, 400, 800, 1100], grid)).toBe('entries');
	});

	it('rejects a table with a column rule missing or out of place', () => {
		expect(gridMismatch(rows(3), [100, 800, 1100], grid)).toBe('columns');
		expect(gridMismatch(rows(3), [100, 425, 800, 1100], grid)).toBe('columns');
	});
});
