import type { EntryRegion } from './entries';
import type { TableGrid } from './layout';

/**
 * How far a printed column rule may be from where the template puts it, as a share of the table's
 * width. Pages whose table was found right measure ≤ 0.1%; a photo left warped, 2–10%.
 */
const COLUMN_TOLERANCE = 0.01;

export type GridMismatch = 'entries' | 'columns';

/**
 * Whether the table found on a page fits the grid its template prints: as many entry rows, and a
 * vertical rule near each of the template's columns. When it does not (a warped photo whose rows
 * were cut in the wrong places, a book read with the wrong template), the field zones are off and
 * words land in the wrong fields, however confidently they were read.
 */
export function gridMismatch(
	regions: readonly EntryRegion[],
	verticalRules: readonly number[],
	grid: TableGrid
): GridMismatch | null {
	const first = regions[0];
	if (!first || regions.length !== grid.entries) return 'entries';
	const [left, , right] = first.bbox;
	return columnsMatched(left, right, verticalRules, grid) === grid.columns.length
		? null
		: 'columns';
}

/** How many of the grid's column rules have a vertical rule near them in a table from `left` to `right`. */
export function columnsMatched(
	left: number,
	right: number,
	verticalRules: readonly number[],
	grid: TableGrid
): number {
	const width = right - left;
	const near = (x: number) =>
		verticalRules.some((r) => Math.abs(r - x) <= COLUMN_TOLERANCE * width);
	return grid.columns.filter((f) => near(left + f * width)).length;
}
