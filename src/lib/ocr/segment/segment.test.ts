import sharp from 'sharp';
import { assert, beforeAll, describe, expect, it } from 'vitest';
import { loadCv, type Cv } from '../preprocess/cv';
import { decodeGrey, warpGrey } from '../preprocess/image';
import { findTableQuad, squareQuad } from '../preprocess/perspective';
import { mapPoint, type Homography } from '../preprocess/transform';
import { proposeEntries } from './entries';
import type { LayoutSpec } from './layout';
import { detectRuling } from './ruling';
import { layoutFromTemplate, toLayoutSpec } from './template-adapter';
import { loadTemplate } from '../templates/index';

let cv: Cv;
beforeAll(async () => {
	({ cv } = await loadCv());
});

// A ruled register page: header row at 100–200, five entry rows of 150 px, columns at 100/700/1100/1500.
const ROWS = [100, 200, 350, 500, 650, 800, 950];
const COLS = [100, 700, 1100, 1500];
/** That page drawn `scale` times larger (rules keep their 3 px). */
async function ruledPage(scale = 1): Promise<Buffer> {
	const k = (v: number) => v * scale;
	const lines = [
		...ROWS.map(
			(y) =>
				`<line x1="${k(100)}" y1="${k(y)}" x2="${k(1500)}" y2="${k(y)}" stroke="black" stroke-width="3"/>`
		),
		...COLS.map(
			(x) =>
				`<line x1="${k(x)}" y1="${k(100)}" x2="${k(x)}" y2="${k(950)}" stroke="black" stroke-width="3"/>`
		),
		// Text-like clutter that must not count as ruling.
		...[260, 410, 560].map(
			(y) => `<rect x="${k(150)}" y="${k(y)}" width="${k(90)}" height="${k(25)}" fill="black"/>`
		)
	];
	const [w, h] = [k(1600), k(1100)];
	return sharp(
		Buffer.from(
			`<svg width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="white"/>${lines.join('')}</svg>`
		)
	)
		.png()
		.toBuffer();
}

const spec: LayoutSpec = {
	layout: 'table',
	headerRows: 1,
	fields: [
		{ key: 'full_name', kind: 'name', box: [0, 0, 0.43, 1] },
		{ key: 'birth_date', kind: 'date', box: [0.42, 0, 0.72, 1] },
		{ key: 'sex', kind: 'sex', box: [0.72, 0, 1, 1] }
	]
};

describe('ruling and entries', () => {
	it('finds every rule and no text', async () => {
		const r = detectRuling(cv, await decodeGrey(await ruledPage()));
		expect(r.horizontal.map((l) => l.at)).toEqual(ROWS.map((y) => expect.closeTo(y, 0)));
		expect(r.vertical.map((l) => l.at)).toEqual(COLS.map((x) => expect.closeTo(x, 0)));
	});

	it('finds the same rules at half size on a large page, in full-size coordinates', async () => {
		const img = await decodeGrey(await ruledPage(2));
		const half = detectRuling(cv, img);
		const full = detectRuling(cv, img, 0.2, 1);
		expect(full.vertical.map((l) => l.at)).toEqual(COLS.map((x) => expect.closeTo(2 * x, 0)));
		expect(half.vertical).toHaveLength(full.vertical.length);
		expect(half.horizontal).toHaveLength(full.horizontal.length);
		// Within 2 px: less than the 3 px either side of a rule that erasing clears.
		const pairs = [...full.vertical, ...full.horizontal].map(
			(f, i) => [f, [...half.vertical, ...half.horizontal][i]!] as const
		);
		for (const [f, h] of pairs)
			for (const k of ['at', 'from', 'to'] as const)
				expect(Math.abs(h[k] - f[k])).toBeLessThanOrEqual(2);
	});

	it('proposes one entry per row under the header, fields snapped to the columns', async () => {
		const r = detectRuling(cv, await decodeGrey(await ruledPage()));
		const entries = proposeEntries(r, spec, 1600, 1100);
		expect(entries).toHaveLength(5);
		const [first, , , , last] = entries;
		assert(first && last);
		expect(first.bbox[1]).toBeCloseTo(200, -1);
		expect(last.bbox[3]).toBeCloseTo(950, -1);
		const [name, date, sex] = first.fields;
		assert(name && date && sex);
		// 0.43 of 1400 px = 702: snapped to the rule at 700; 0.72 → 1108 snapped to 1100.
		expect(name.bbox[2]).toBe(date.bbox[0]);
		expect(Math.abs(name.bbox[2] - 700)).toBeLessThanOrEqual(1);
		expect(Math.abs(date.bbox[2] - 1100)).toBeLessThanOrEqual(1);
		expect(sex.key).toBe('sex');
	});

	it('a short line at the page edge (a photo border) splits no row', async () => {
		const r = detectRuling(cv, await decodeGrey(await ruledPage()));
		const border = { at: 20, from: 900, to: 1600 };
		const entries = proposeEntries(
			{ ...r, horizontal: [border, ...r.horizontal] },
			spec,
			1600,
			1100
		);
		expect(entries).toHaveLength(5);
		expect(entries[0]?.bbox[1]).toBeCloseTo(200, -1);
	});

	it('a long line beside the table (a page edge) is not its side when the grid is known', async () => {
		const r = detectRuling(cv, await decodeGrey(await ruledPage()));
		const edge = { at: 40, from: 0, to: 1100 };
		const withEdge = { ...r, vertical: [edge, ...r.vertical] };
		// The columns of ruledPage as shares of its 1400 px table.
		const grid = { entries: 5, columns: [0, 600 / 1400, 1000 / 1400, 1] };
		expect(proposeEntries(withEdge, spec, 1600, 1100)[0]?.bbox[0]).toBe(40);
		const entries = proposeEntries(withEdge, { ...spec, grid }, 1600, 1100);
		expect(entries).toHaveLength(5);
		expect(entries[0]?.bbox[0]).toBeCloseTo(100, -1);
		expect(entries[0]?.bbox[2]).toBeCloseTo(1500, -1);
	});

	it('a line across the page above or below the column rules (a photo border) is no row', async () => {
		const r = detectRuling(cv, await decodeGrey(await ruledPage()));
		const above = { at: 40, from: 100, to: 1500 };
		const below = { at: 1060, from: 100, to: 1500 };
		const entries = proposeEntries(
			{ ...r, horizontal: [above, ...r.horizontal, below] },
			spec,
			1600,
			1100
		);
		expect(entries).toHaveLength(5);
		expect(entries[0]?.bbox[1]).toBeCloseTo(200, -1);
		expect(entries[4]?.bbox[3]).toBeCloseTo(950, -1);
	});

	it('squares a table photographed at an angle: its rules come out level and upright', async () => {
		const flat = await decodeGrey(await ruledPage());
		// The table's corners (100,100)…(1500,950) pulled into a trapezoid, as a phone held askew.
		const quadOf = (pts: number[]) => cv.matFromArray(4, 1, cv.CV_32FC2, pts);
		const from = quadOf([100, 100, 1500, 100, 1500, 950, 100, 950]);
		const to = quadOf([160, 130, 1460, 80, 1520, 990, 90, 930]);
		const m = cv.getPerspectiveTransform(from, to);
		const h = Array.from(m.data64F as Float64Array) as Homography;
		[from, to, m].forEach((x) => x.delete());
		const photo = warpGrey(cv, flat, h, 1600, 1100);
		const quad = findTableQuad(cv, photo);
		assert(quad, 'no table found');
		const expected = [
			[160, 130],
			[1460, 80],
			[1520, 990],
			[90, 930]
		];
		quad.forEach((p, i) => {
			expect(Math.hypot(p[0] - expected[i]![0]!, p[1] - expected[i]![1]!)).toBeLessThan(6);
		});
		const square = squareQuad(cv, photo, quad);
		const ruling = detectRuling(cv, square.image);
		expect(ruling.horizontal).toHaveLength(ROWS.length);
		expect(ruling.vertical).toHaveLength(COLS.length);
		// Each vertical rule spans the same rows, and the columns keep their proportions.
		const [l, , , r] = ruling.vertical.map((v) => v.at);
		const spans = ruling.vertical.map((v) => [v.from, v.to]);
		for (const [a, b] of spans) {
			expect(Math.abs(a! - spans[0]![0]!)).toBeLessThan(8);
			expect(Math.abs(b! - spans[0]![1]!)).toBeLessThan(8);
		}
		const shares = ruling.vertical.map((v) => (v.at - l!) / (r! - l!));
		shares.forEach((x, i) => expect(x).toBeCloseTo((COLS[i]! - 100) / 1400, 2));
		// The transform takes a table corner of the photo to its squared place.
		const [x, y] = mapPoint(square.transform, 1520, 990);
		expect(Math.abs(x - r!)).toBeLessThan(6);
		expect(Math.abs(y - ruling.horizontal[ROWS.length - 1]!.at)).toBeLessThan(6);
	});

	it('a form layout gives one entry for the ruled area', async () => {
		const r = detectRuling(cv, await decodeGrey(await ruledPage()));
		const entries = proposeEntries(r, { ...spec, layout: 'form' }, 1600, 1100);
		expect(entries).toHaveLength(1);
		expect(entries[0]?.bbox[1]).toBeCloseTo(100, -1);
	});
});

describe('toLayoutSpec', () => {
	it.each([
		[{ layout: 'table', fields: [{ key: 'a', kind: 'date', box: [0, 0, 0.5, 1] }] }, true],
		[{ layout: 'grid', fields: [{ key: 'a', box: [0, 0, 1, 1] }] }, false],
		[{ layout: 'form', fields: [{ key: 'a', box: [0.5, 0, 0.4, 1] }] }, false],
		[{ layout: 'form', fields: [] }, false]
	])('%j → ok %s', (t, ok) => {
		expect('spec' in toLayoutSpec(t)).toBe(ok);
	});
});

describe('layoutFromTemplate', () => {
	it("gives a table's printed grid: entries per page and column rules, edges included", () => {
		expect(layoutFromTemplate(loadTemplate('birth-table-v1')).grid).toEqual({
			entries: 5,
			columns: [0, 0.075, 0.275, 0.425, 0.49, 0.66, 0.83, 0.93, 1]
		});
		expect(layoutFromTemplate(loadTemplate('birth-form-v1')).grid).toBeUndefined();
	});
});
