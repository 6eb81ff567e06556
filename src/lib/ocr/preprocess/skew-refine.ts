import { otsu, shrinkMin, type Grey } from './image';

/**
 * Sharpens a coarse skew estimate by projection profiles: the angle at which ink piles up into the
 * fewest, fullest rows is the one that levels the lines. The blob median of `estimateSkew` can be
 * off by half a degree on pages of short, loosely written values (a register's cells), and a
 * rotation by a wrong half degree costs more OCR accuracy than none; ruling lines and long text
 * lines make this profile peak sharply at the true angle.
 * Same convention as `estimateSkew`: `rotateBy(angle)` levels the page.
 */
export function refineSkew(full: Grey, coarse: number, range = 1, step = 0.05): number {
	// ~1200 px wide keeps a 0.05° shear (1 px over 1200) visible.
	const img = shrinkMin(full, Math.max(1, Math.floor(full.width / 1200)));
	const { width: w, height: h, data } = img;
	const t = otsu(img);
	// Every ink pixel up to ~400k, then a regular sample: enough for a stable profile.
	let inkCount = 0;
	for (let i = 0; i < data.length; i++) if (data[i]! <= t) inkCount++;
	if (inkCount === 0) return coarse;
	const every = Math.max(1, Math.ceil(inkCount / 400_000));
	// Typed arrays and plain loops: this runs 41 times over up to 400k points on the main thread,
	// where it was the costliest step of preprocessing (docs/BENCHMARKS.md).
	const n = Math.ceil(inkCount / every);
	const xs = new Int32Array(n);
	const ys = new Int32Array(n);
	let seen = 0;
	let k = 0;
	for (let y = 0, i = 0; y < h; y++)
		for (let x = 0; x < w; x++, i++)
			if (data[i]! <= t && seen++ % every === 0) {
				xs[k] = x;
				ys[k++] = y;
			}
	const pad = Math.ceil(w * Math.tan(((Math.abs(coarse) + range) * Math.PI) / 180)) + 1;
	const rows = new Int32Array(h + 2 * pad);
	const last = rows.length;
	let best = coarse;
	let bestScore = -1;
	const steps = Math.round(range / step);
	// Nearest-first order, so that ties (a page with no structure) keep the coarse estimate.
	const offsets = [0, ...Array.from({ length: steps }, (_, i) => [i + 1, -(i + 1)]).flat()];
	// Row y of a point at column x moves to y + floor(0.5 - x·tan(angle)) (y is whole): one
	// shift per column and angle, so the loop over the points is integer adds only.
	const shift = new Int32Array(w);
	for (const o of offsets) {
		const angle = coarse + o * step;
		const slope = Math.tan((angle * Math.PI) / 180);
		for (let x = 0; x < w; x++) shift[x] = Math.floor(0.5 - x * slope) + pad;
		rows.fill(0);
		// A line sloping down to the right by `angle` lies on y - x·tan(angle) = const.
		for (let i = 0; i < k; i++) {
			const r = ys[i]! + shift[xs[i]!]!;
			if (r >= 0 && r < last) rows[r]!++;
		}
		let score = 0;
		for (let r = 0; r < last; r++) score += rows[r]! * rows[r]!;
		if (score > bestScore) {
			bestScore = score;
			best = angle;
		}
	}
	return Math.round(best * 100) / 100;
}
