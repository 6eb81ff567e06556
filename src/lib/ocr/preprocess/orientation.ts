import { otsu, rotate90, shrinkMin, type Grey } from './image';

export type Rotation = 0 | 90 | 180 | 270;

export interface OrientationGuess {
	/** Clockwise rotation that makes the page upright. */
	rotate: Rotation;
	/** Row-vs-column line structure (>1: text runs across the image as given). */
	lineScore: number;
	/** Ink above the x-height band over ink below it, for the chosen direction (>1: upright). */
	upScore: number;
}

export interface OrientationOptions {
	/**
	 * Known text direction: true when the lines already run across the image (only 0 or 180 is
	 * then chosen), false when they run down it (90 or 270). Unset: decided from the profiles.
	 */
	horizontal?: boolean;
}

/**
 * Finds the upright rotation from text-line projection profiles, without OCR. Needs lines within
 * about a degree of level: run it after deskew (preprocessPage does).
 * Text lines make the row profile alternate between ink and gaps; across them the profile is flat.
 * Up vs down: Vietnamese print carries far more ink above the x-height band (ascenders, capitals and
 * tone marks) than below it (descenders, dot-below), so that ratio tells upright from upside down.
 * Table rulings are erased first: a ruled register page has as many long vertical lines as
 * horizontal ones, and their sharp profile steps would otherwise outweigh the text.
 */
export function detectOrientation(img: Grey, opts: OrientationOptions = {}): OrientationGuess {
	// ~1000 px on the long side keeps tone marks visible while staying cheap.
	const small = shrinkMin(img, Math.max(1, Math.floor(Math.max(img.width, img.height) / 1000)));
	const ink = withoutRulings(binary(small), small.width, small.height);
	const lineScore =
		(structure(profile(ink, small.width, small.height, 'rows')) + 1e-6) /
		(structure(profile(ink, small.width, small.height, 'cols')) + 1e-6);
	const horizontal = opts.horizontal ?? lineScore >= 1;
	const upright = horizontal ? small : rotate90(small, 90);
	const uprightInk = horizontal
		? ink
		: withoutRulings(binary(upright), upright.width, upright.height);
	const up = upInk(uprightInk, upright.width, upright.height);
	const upScore = (up.above + 1) / (up.below + 1);
	let rotate: Rotation;
	if (horizontal) rotate = upScore >= 1 ? 0 : 180;
	else rotate = upScore >= 1 ? 90 : 270;
	return { rotate, lineScore, upScore: upScore >= 1 ? upScore : 1 / upScore };
}

function binary(img: Grey): Uint8Array {
	const t = otsu(img);
	return img.data.map((v) => (v <= t ? 1 : 0));
}

/**
 * Clears ink runs longer than a text line could hold unbroken (6% of the side): ruling lines and
 * page borders. Words have gaps between letters far more often than that.
 */
function withoutRulings(ink: Uint8Array, w: number, h: number): Uint8Array {
	const out = ink.slice();
	// Runs along rows (stride 1) then along columns (stride w); plain index loops, as this scans
	// every pixel of the page twice on the main thread.
	const clearRuns = (count: number, length: number, lineStep: number, stride: number) => {
		const min = Math.max(20, Math.round(length * 0.06));
		for (let i = 0; i < count; i++) {
			const base = i * lineStep;
			let start = -1;
			for (let j = 0; j <= length; j++) {
				const on = j < length && ink[base + j * stride] === 1;
				if (on && start < 0) start = j;
				if (!on && start >= 0) {
					if (j - start >= min) for (let k = start; k < j; k++) out[base + k * stride] = 0;
					start = -1;
				}
			}
		}
	};
	clearRuns(h, w, w, 1);
	clearRuns(w, h, 1, w);
	return out;
}

function profile(ink: Uint8Array, w: number, h: number, dir: 'rows' | 'cols'): Float64Array {
	const p = new Float64Array(dir === 'rows' ? h : w);
	for (let y = 0, i = 0; y < h; y++)
		for (let x = 0; x < w; x++, i++) if (ink[i]) p[dir === 'rows' ? y : x]!++;
	return p;
}

/** Mean squared step between neighbours over the mean squared value: high for line/gap alternation. */
function structure(p: Float64Array): number {
	let diff = 0;
	let sq = 0;
	let prev: number | undefined;
	for (const v of p) {
		if (prev !== undefined) {
			diff += (v - prev) ** 2;
			sq += v * v;
		}
		prev = v;
	}
	return sq ? diff / sq : 0;
}

/** Sums, over text lines found in the row profile, the ink above and below each line's core band. */
function upInk(ink: Uint8Array, w: number, h: number): { above: number; below: number } {
	let above = 0;
	let below = 0;
	// Four strips: wide enough to hold whole words, narrow enough for skewed lines to stay apart.
	const strip = Math.max(1, Math.ceil(w / 4));
	for (let x0 = 0; x0 < w; x0 += strip) {
		const rows = new Float64Array(h);
		const x1 = Math.min(w, x0 + strip);
		for (let y = 0; y < h; y++) {
			let n = 0;
			for (let i = y * w + x0, end = y * w + x1; i < end; i++) n += ink[i]!;
			rows[y] = n;
		}
		const r = lineInk(rows);
		above += r.above;
		below += r.below;
	}
	return { above, below };
}

function lineInk(rows: Float64Array): { above: number; below: number } {
	const h = rows.length;
	let max = 0;
	for (const v of rows) if (v > max) max = v;
	const floor = Math.max(1, max * 0.02);
	const inkAt = (y: number) => rows[y] ?? 0;
	let above = 0;
	let below = 0;
	let y = 0;
	while (y < h) {
		if (inkAt(y) < floor) {
			y++;
			continue;
		}
		let end = y;
		while (end < h && inkAt(end) >= floor) end++;
		const band = rows.subarray(y, end);
		let peak = 0;
		for (const v of band) if (v > peak) peak = v;
		// Core (x-height) band: rows with at least half the line's peak ink.
		const half = peak * 0.5;
		const c0 = band.findIndex((v) => v >= half);
		const c1 = band.findLastIndex((v) => v >= half);
		if (band.length >= 3 && c0 >= 0) {
			above += band.subarray(0, c0).reduce((s, v) => s + v, 0);
			below += band.subarray(c1 + 1).reduce((s, v) => s + v, 0);
		}
		y = end;
	}
	return { above, below };
}
