import { describe, expect, it } from 'vitest';
import { clampZoom, legibleZoom, pageToView, viewBox, viewToPage, type Box } from './view-geometry';

describe('view geometry', () => {
	const view: Box = [100, 200, 1100, 700];

	it('steps zoom through the steps and stops at the ends', () => {
		expect(clampZoom(1, 1)).toBe(1.5);
		expect(clampZoom(1, -1)).toBe(0.75);
		expect(clampZoom(4, 1)).toBe(4);
		expect(clampZoom(0.5, -1)).toBe(0.5);
		expect(clampZoom(1.2, 1)).toBe(1.5);
	});

	it('shows the region with a margin, inside the page', () => {
		expect(viewBox([0, 10, 500, 300], 2000, 3000)).toEqual([0, 0, 520, 320]);
		expect(viewBox(null, 2000, 3000)).toEqual([0, 0, 2000, 3000]);
	});

	it('places a page box as fractions of the view', () => {
		expect(pageToView([600, 450, 1100, 700], view)).toEqual([0.5, 0.5, 0.5, 0.5]);
	});

	it('maps a pointer back to the page at every rotation', () => {
		// The page point at 25% across and 10% down the view, seen through each rotation.
		const page = [100 + 0.25 * 1000, 200 + 0.1 * 500];
		expect(viewToPage([0.25, 0.1], view, 0)).toEqual(page);
		expect(viewToPage([0.9, 0.25], view, 90)).toEqual(page);
		expect(viewToPage([0.75, 0.9], view, 180)).toEqual(page);
		expect(viewToPage([0.1, 0.75], view, 270)).toEqual(page);
	});

	it('opens a wide table row zoomed in enough to read, a narrow form at fit-to-width', () => {
		expect(legibleZoom(2245, 740)).toBe(2);
		expect(legibleZoom(900, 740)).toBe(1);
		expect(legibleZoom(0, 740)).toBe(1);
	});
});
