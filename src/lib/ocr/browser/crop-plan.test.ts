import { describe, expect, it } from 'vitest';
import { greyInPlace, planCrop, psmFor, toPageBox } from './crop-plan';

describe('psmFor', () => {
	it.each([
		[400, 40, 7], // a name cell
		[120, 34, 7],
		[1800, 200, 6], // a whole entry row: flat but several lines high
		[300, 200, 6],
		[100, 40, 6]
	])('%d×%d → PSM %d', (w, h, psm) => {
		expect(psmFor(w, h)).toBe(psm);
	});
});

describe('planCrop', () => {
	it('enlarges a low line crop to a readable height, with a white margin', () => {
		const p = planCrop([100.4, 200, 500, 232], 2339, 1654)!;
		expect(p).toMatchObject({ box: [100, 200, 500, 232], psm: 7, scale: 2, pad: 10 });
		expect([p.width, p.height]).toEqual([(400 + 20) * 2, (32 + 20) * 2]);
	});

	it('never shrinks and caps the enlargement', () => {
		expect(planCrop([0, 0, 400, 100], 1000, 1000)!.scale).toBe(1);
		expect(planCrop([0, 0, 40, 8], 1000, 1000)!.scale).toBe(4);
	});

	it('bounds the canvas of a huge box', () => {
		const p = planCrop([0, 0, 5000, 5000], 5000, 5000)!;
		expect(p.scale).toBeLessThan(1);
		expect(p.width * p.height).toBeLessThanOrEqual(6_000_000 * 1.01);
	});

	it.each([
		[[-1, 0, 10, 10]],
		[[0, 0, 1001, 10]],
		[[10, 10, 5, 20]],
		[[10, 10, 11, 20]],
		[[0, 0, Number.NaN, 10]],
		[[0, 0, 10]]
	])('refuses %j on a 1000×1000 image', (box) => {
		expect(planCrop(box, 1000, 1000)).toBeNull();
	});

	it('maps what tesseract found on the crop back to page pixels', () => {
		const p = planCrop([100, 200, 500, 232], 2339, 1654)!;
		// The crop's (20, 20) is the box's top-left corner: margin 10 px × scale 2.
		expect(toPageBox([20, 20, 820, 84], p)).toEqual([100, 200, 500, 232]);
	});
});

describe('greyInPlace', () => {
	it('turns RGBA into grey, alpha untouched', () => {
		const px = new Uint8ClampedArray([255, 0, 0, 255, 0, 0, 255, 128, 200, 200, 200, 255]);
		greyInPlace(px);
		expect([...px]).toEqual([76, 76, 76, 255, 29, 29, 29, 128, 200, 200, 200, 255]);
	});
});
