import sharp from 'sharp';
import { assert, beforeAll, describe, expect, it } from 'vitest';
import { loadCv, type Cv } from '../preprocess/cv';
import { decodeGrey } from '../preprocess/image';
import { proposeEntries } from './entries';
import type { LayoutSpec } from './layout';
import { detectRuling } from './ruling';
import { toLayoutSpec } from './template-adapter';

let cv: Cv;
beforeAll(async () => {
	({ cv } = await loadCv());
});

// A ruled register page: header row at 100–200, five entry rows of 150 px, columns at 100/700/1100/1500.
const ROWS = [100, 200, 350, 500, 650, 800, 950];
const COLS = [100, 700, 1100, 1500];
async function ruledPage(): Promise<Buffer> {
	const lines = [
		...ROWS.map(
			(y) => `<line x1="100" y1="${y}" x2="1500" y2="${y}" stroke="black" stroke-width="3"/>`
		),
		...COLS.map(
			(x) => `<line x1="${x}" y1="100" x2="${x}" y2="950" stroke="black" stroke-width="3"/>`
		),
		// Text-like clutter that must not count as ruling.
		...[260, 410, 560].map((y) => `<rect x="150" y="${y}" width="90" height="25" fill="black"/>`)
	];
	return sharp(
		Buffer.from(
			`<svg width="1600" height="1100"><rect width="1600" height="1100" fill="white"/>${lines.join('')}</svg>`
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
