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
	const xs: number[] = [];
	const ys: number[] = [];
	// Every ink pixel up to ~400k, then a regular sample: enough for a stable profile.
	let inkCount = 0;
	for (const v of data) if (v <= t) inkCount++;
	const every = Math.max(1, Math.ceil(inkCount / 400_000));
	let seen = 0;
	for (let i = 0; i < data.length; i++)
		if ((data[i] ?? 255) <= t && seen++ % every === 0) {
			xs.push(i % w);
			ys.push(Math.floor(i / w));
		}
	if (xs.length === 0) return coarse;
	const pad = Math.ceil(w * Math.tan(((Math.abs(coarse) + range) * Math.PI) / 180)) + 1;
	const rows = new Float64Array(h + 2 * pad);
	let best = coarse;
	let bestScore = -1;
	const steps = Math.round(range / step);
	// Nearest-first order, so that ties (a page with no structure) keep the coarse estimate.
	const offsets = [0, ...Array.from({ length: steps }, (_, i) => [i + 1, -(i + 1)]).flat()];
	for (const k of offsets) {
		const angle = coarse + k * step;
		const slope = Math.tan((angle * Math.PI) / 180);
		rows.fill(0);
		// A line sloping down to the right by `angle` lies on y - x·tan(angle) = const.
		for (let i = 0; i < xs.length; i++) {
			const r = Math.round((ys[i] ?? 0) - (xs[i] ?? 0) * slope) + pad;
			if (r >= 0 && r < rows.length) rows[r] = (rows[r] ?? 0) + 1;
		}
		let score = 0;
		for (const v of rows) score += v * v;
		if (score > bestScore) {
			bestScore = score;
			best = angle;
		}
	}
	return Math.round(best * 100) / 100;
}
