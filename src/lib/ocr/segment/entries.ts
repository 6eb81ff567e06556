import type { Ruling } from './ruling';
import { columnsMatched } from './grid-check';
import type { Box, LayoutSpec, TableGrid } from './layout';

export interface EntryRegion {
	bbox: Box;
	fields: { key: string; kind: LayoutSpec['fields'][number]['kind']; bbox: Box }[];
}

// Row bands thinner than this fraction of the page are double rules or noise, not rows.
const MIN_ROW = 0.012;
// Share of the table's width a horizontal rule must cover to divide rows.
const MIN_RULE_SPAN = 0.6;

/**
 * Entry regions on a page: for a table, the row bands between horizontal rules below the header
 * (grouped `rowsPerEntry` at a time); for a form (or a table page with no ruling found), the page's
 * ruled area or the whole page. Field boxes are placed by the spec's fractions, then their left and
 * right edges snap to the nearest vertical rule so columns follow the book's actual ruling.
 */
export function proposeEntries(
	ruling: Ruling,
	spec: LayoutSpec,
	width: number,
	height: number
): EntryRegion[] {
	const xs = ruling.vertical.map((r) => r.at);
	const [left, right] = xs.length >= 2 ? tableSides(xs, spec.grid) : [0, width];
	// A row rule crosses the table; a shorter one is a page edge or a photo's border, not a row.
	const crossesTable = (r: Ruling['horizontal'][number]) =>
		Math.min(r.to, right) - Math.max(r.from, left) >= MIN_RULE_SPAN * (right - left);
	const ys = ruling.horizontal
		.filter(crossesTable)
		.filter(spec.layout === 'table' ? withinColumns(ruling, left, right, height) : () => true)
		.map((r) => r.at)
		.sort((a, b) => a - b);
	const boxes: Box[] = [];
	if (spec.layout === 'table' && ys.length >= 2) {
		const bands: [number, number][] = [];
		for (const [i, top] of ys.entries()) {
			const bottom = ys[i + 1];
			if (bottom !== undefined && bottom - top >= MIN_ROW * height) bands.push([top, bottom]);
		}
		const body = bands.slice(spec.headerRows ?? 1);
		const per = Math.max(1, spec.rowsPerEntry ?? 1);
		for (let i = 0; i + per <= body.length; i += per) {
			const top = body[i]?.[0];
			const bottom = body[i + per - 1]?.[1];
			if (top === undefined || bottom === undefined)
				throw new Error('entry group outside the bands');
			boxes.push([left, top, right, bottom]);
		}
	} else {
		// The ruled area; with fewer than two rules, the whole page height.
		const [top = 0, bottom = height] = ys.length >= 2 ? [ys[0], ys[ys.length - 1]] : [];
		boxes.push([left, top, right, bottom]);
	}
	return boxes.map((bbox) => ({ bbox, fields: zoneFields(bbox, spec, xs) }));
}

// How far past the column rules' ends a row rule may lie, as a share of the page's height.
const ROW_OVERHANG = 0.02;

/**
 * Whether a horizontal rule lies within the height the table's column rules span (their median
 * ends): a line above or below all of them is a photo's page edge or a shadow, not a row.
 */
function withinColumns(ruling: Ruling, left: number, right: number, height: number) {
	const columns = ruling.vertical.filter((r) => r.at >= left && r.at <= right);
	if (columns.length < 3) return () => true;
	const top = median(columns.map((r) => r.from));
	const bottom = median(columns.map((r) => r.to));
	const slack = ROW_OVERHANG * height;
	return (r: Ruling['horizontal'][number]) => r.at >= top - slack && r.at <= bottom + slack;
}

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

const MAX_RULES_PER_COLUMN = 3;

/**
 * The table's left and right rules: the outermost vertical rules, unless the book's grid is known
 * and another pair fits more of its columns (a photo's page edge is a long vertical line too).
 */
function tableSides(xs: readonly number[], grid: TableGrid | undefined): [number, number] {
	const sorted = [...xs].sort((a, b) => a - b);
	let best: [number, number] = [sorted[0] ?? 0, sorted[sorted.length - 1] ?? 0];
	// Far more rules than the grid has columns is not this book's table (and the pairs to try
	// grow with the square of the rules): keep the outermost.
	if (!grid || sorted.length > MAX_RULES_PER_COLUMN * grid.columns.length) return best;
	let bestFit = columnsMatched(best[0], best[1], sorted, grid);
	for (const [i, l] of sorted.entries())
		for (const r of sorted.slice(i + 1)) {
			if (bestFit === grid.columns.length) return best;
			const fit = columnsMatched(l, r, sorted, grid);
			if (fit > bestFit) {
				best = [l, r];
				bestFit = fit;
			}
		}
	return best;
}

export function zoneFields(
	entry: Box,
	spec: LayoutSpec,
	verticalRules: number[]
): EntryRegion['fields'] {
	const [ex0, ey0, ex1, ey1] = entry;
	const w = ex1 - ex0;
	const h = ey1 - ey0;
	const tol = 0.02 * w;
	const snap = (x: number) => {
		let best = x;
		let d = tol;
		for (const r of verticalRules)
			if (Math.abs(r - x) < d && r > ex0 - tol && r < ex1 + tol) {
				d = Math.abs(r - x);
				best = r;
			}
		return best;
	};
	return spec.fields.map((f) => ({
		key: f.key,
		kind: f.kind,
		bbox: [
			Math.round(snap(ex0 + f.box[0] * w)),
			Math.round(ey0 + f.box[1] * h),
			Math.round(snap(ex0 + f.box[2] * w)),
			Math.round(ey0 + f.box[3] * h)
		]
	}));
}
