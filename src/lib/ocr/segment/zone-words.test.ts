import { describe, expect, it } from 'vitest';
import { columnStrips } from './zone-words';

describe('columnStrips', () => {
	const body: [number, number, number, number] = [100, 200, 1500, 950];

	it('cuts the body at the vertical rules inside it, in order', () => {
		expect(columnStrips(body, [1100, 700], 10)).toEqual([
			[100, 200, 700, 950],
			[700, 200, 1100, 950],
			[1100, 200, 1500, 950]
		]);
	});

	it('ignores rules on or outside the body edges', () => {
		expect(columnStrips(body, [100, 50, 1500, 1600, 800], 10)).toEqual([
			[100, 200, 800, 950],
			[800, 200, 1500, 950]
		]);
	});

	it('drops the sliver between the two lines of a double rule', () => {
		expect(columnStrips(body, [700, 706], 20)).toEqual([
			[100, 200, 700, 950],
			[706, 200, 1500, 950]
		]);
	});

	it('is the whole body when no rule crosses it', () => {
		expect(columnStrips(body, [], 20)).toEqual([body]);
	});
});
