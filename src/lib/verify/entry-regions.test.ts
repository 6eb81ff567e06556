import { describe, expect, it } from 'vitest';
import {
	checkBox,
	fieldsBelow,
	MIN_PART_HEIGHT,
	planMerge,
	splitBox,
	unionOf,
	type Box,
	type MergeFieldValue
} from './entry-regions';

const page = { width: 1000, height: 800 };

describe('checkBox', () => {
	it.each([
		[[10, 20, 300, 120], { ok: true, box: [10, 20, 300, 120] }],
		[[10.4, 19.6, 299.5, 120.2], { ok: true, box: [10, 20, 300, 120] }],
		[[0, 0, 1000, 800], { ok: true, box: [0, 0, 1000, 800] }],
		[[-1, 0, 10, 10], { ok: false, code: 'region.outOfPage' }],
		[[0, 0, 1001, 10], { ok: false, code: 'region.outOfPage' }],
		[[0, 0, 10, 801], { ok: false, code: 'region.outOfPage' }],
		[[10, 10, 10, 50], { ok: false, code: 'region.empty' }],
		[[10, 50, 60, 20], { ok: false, code: 'region.empty' }],
		[[10.2, 10, 10.4, 50], { ok: false, code: 'region.empty' }],
		[[Number.NaN, 10, 20, 50], { ok: false, code: 'region.empty' }]
	])('%j → %j', (box, want) => {
		expect(checkBox(box, page)).toMatchObject(want);
	});

	it('names the page size when a box leaves it', () => {
		expect(checkBox([0, 0, 2000, 10], page)).toEqual({
			ok: false,
			code: 'region.outOfPage',
			params: { width: 1000, height: 800 }
		});
	});
});

describe('splitBox', () => {
	const region: Box = [50, 100, 950, 300];

	it('keeps the upper part and gives the lower part away, at a whole pixel', () => {
		expect(splitBox(region, 199.6)).toEqual({
			ok: true,
			upper: [50, 100, 950, 200],
			lower: [50, 200, 950, 300],
			y: 200
		});
	});

	it.each([100, 300, 20, 400])('refuses a cut at y=%d, not strictly inside', (y) => {
		expect(splitBox(region, y)).toEqual({
			ok: false,
			code: 'region.splitOutside',
			params: { y, top: 100, bottom: 300 }
		});
	});

	it('refuses a part thinner than the minimum on either side', () => {
		for (const y of [101, 100 + MIN_PART_HEIGHT - 1, 300 - MIN_PART_HEIGHT + 1, 299])
			expect(splitBox(region, y)).toMatchObject({ ok: false, code: 'region.splitTooClose' });
		expect(splitBox(region, 100 + MIN_PART_HEIGHT).ok).toBe(true);
		expect(splitBox(region, 300 - MIN_PART_HEIGHT).ok).toBe(true);
	});
});

describe('fieldsBelow', () => {
	it('moves the fields whose centre is at or below the cut; fields without a box stay', () => {
		const fields: { key: string; bbox: Box | null }[] = [
			{ key: 'above', bbox: [0, 100, 10, 140] },
			{ key: 'straddlesMostlyAbove', bbox: [0, 180, 10, 210] },
			{ key: 'centreOnCut', bbox: [0, 190, 10, 210] },
			{ key: 'below', bbox: [0, 250, 10, 280] },
			{ key: 'noBox', bbox: null }
		];
		expect(fieldsBelow(fields, 200)).toEqual(['centreOnCut', 'below']);
	});
});

describe('unionOf', () => {
	it('holds both boxes; a missing one is no constraint', () => {
		expect(unionOf([10, 100, 500, 200], [20, 200, 520, 260])).toEqual([10, 100, 520, 260]);
		expect(unionOf(null, [1, 2, 3, 4])).toEqual([1, 2, 3, 4]);
		expect(unionOf([1, 2, 3, 4], null)).toEqual([1, 2, 3, 4]);
		expect(unionOf(null, null)).toBeNull();
	});
});

describe('planMerge', () => {
	const m = (o: Record<string, string | [string, string]>) =>
		new Map<string, MergeFieldValue>(
			Object.entries(o).map(([k, v]) => [
				k,
				typeof v === 'string' ? { value: v, flag: null } : { value: v[0], flag: v[1] }
			])
		);

	it("keeps the first entry's values and fills its empty or missing fields from the second", () => {
		const plan = planMerge(
			m({ name: 'NGUYỄN VĂN AN', date: '', place: '  ' }),
			m({ name: '', date: '01/02/2008', place: 'Tân Lập', father: 'Nguyễn Văn Bình' })
		);
		expect(plan).toEqual({ fill: ['date', 'father', 'place'], conflicts: [] });
	});

	it('brings an empty field only the second has (its row keeps its box), not one both have', () => {
		expect(planMerge(m({ name: 'A', date: '' }), m({ date: '', place: '' }))).toEqual({
			fill: ['place'],
			conflicts: []
		});
	});

	it('treats the same value (NFC, spaces around) as no conflict', () => {
		const decomposed = 'Nguyễn'.normalize('NFD');
		expect(planMerge(m({ name: 'Nguyễn ' }), m({ name: decomposed }))).toEqual({
			fill: [],
			conflicts: []
		});
	});

	it('lists every field both entries wrote differently, sorted', () => {
		const plan = planMerge(
			m({ so: '01', name: 'A', date: '01/01/2008' }),
			m({ so: '02', name: 'B', date: '01/01/2008' })
		);
		expect(plan.conflicts).toEqual([
			{ key: 'name', first: 'A', second: 'B' },
			{ key: 'so', first: '01', second: '02' }
		]);
	});

	it("counts a clerk's flag in the first entry as written: a value in the second conflicts", () => {
		expect(planMerge(m({ name: ['', 'illegible'] }), m({ name: 'B' })).conflicts).toEqual([
			{ key: 'name', first: '', second: 'B' }
		]);
		// A flag alone in the second fills an empty first field; it never overrides a value.
		expect(planMerge(m({ name: '' }), m({ name: ['', 'blank'] }))).toEqual({
			fill: ['name'],
			conflicts: []
		});
		expect(planMerge(m({ name: 'A' }), m({ name: ['', 'blank'] }))).toEqual({
			fill: [],
			conflicts: []
		});
	});
});
