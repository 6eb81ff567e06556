import type { Cv } from '../preprocess/cv';
import { fromMat, shrinkMin, toMat, type Grey } from '../preprocess/image';

/** A ruled line: its position across and its extent along. */
export interface Rule {
	/** y of a horizontal rule, x of a vertical one (centre of its thickness). */
	at: number;
	from: number;
	to: number;
}

export interface Ruling {
	horizontal: Rule[];
	vertical: Rule[];
}

/**
 * Table rulings by morphological opening: a long thin kernel keeps only runs of ink at least that
 * long (rules), erasing text. `minFraction` is the shortest rule kept, as a fraction of the page side;
 * `factor`, how many times smaller the copy searched is (rules come back in `full`'s pixels).
 */
export function detectRuling(
	cv: Cv,
	full: Grey,
	minFraction = 0.2,
	factor = full.width > 1600 ? 2 : 1
): Ruling {
	// Rules are long: at half size (taking the darker pixel, so a thin rule stays whole) they are
	// found as well and the two openings cost a quarter (docs/BENCHMARKS.md).
	const img = shrinkMin(full, factor);
	const up = (r: Rule): Rule => ({
		at: Math.round(r.at * factor + (factor - 1) / 2),
		from: r.from * factor,
		to: r.to * factor + factor - 1
	});
	const found = detectAtScale(cv, img, minFraction);
	return { horizontal: found.horizontal.map(up), vertical: found.vertical.map(up) };
}

function detectAtScale(cv: Cv, img: Grey, minFraction: number): Ruling {
	const src = toMat(cv, img);
	const inv = new cv.Mat();
	// Otsu: rules of a faded book are lighter than any fixed threshold would allow.
	cv.threshold(src, inv, 0, 255, cv.THRESH_BINARY_INV | cv.THRESH_OTSU);
	src.delete();
	const horizontal = lines(cv, inv, img, 'h', minFraction);
	const vertical = lines(cv, inv, img, 'v', minFraction);
	inv.delete();
	return { horizontal, vertical };
}

function lines(
	cv: Cv,
	inv: InstanceType<Cv['Mat']>,
	img: Grey,
	dir: 'h' | 'v',
	minFraction: number
): Rule[] {
	// Kernel of a thirtieth of the side: longer than any run of ink within words, short enough that
	// a rule left a degree off level after deskew still has whole kernel-long runs in every row.
	const len = Math.max(15, Math.round((dir === 'h' ? img.width : img.height) / 30));
	const kernel = cv.getStructuringElement(
		cv.MORPH_RECT,
		dir === 'h' ? new cv.Size(len, 1) : new cv.Size(1, len)
	);
	const mask = new cv.Mat();
	cv.morphologyEx(inv, mask, cv.MORPH_OPEN, kernel);
	kernel.delete();
	// Bridge small gaps (dashed or faded rules) along the rule's direction.
	const bridge = cv.getStructuringElement(
		cv.MORPH_RECT,
		dir === 'h' ? new cv.Size(Math.round(len / 3), 3) : new cv.Size(3, Math.round(len / 3))
	);
	cv.morphologyEx(mask, mask, cv.MORPH_CLOSE, bridge);
	bridge.delete();
	const m = fromMat(mask);
	const W = m.width;
	const H = m.height;
	const across = dir === 'h' ? H : W;
	const along = dir === 'h' ? W : H;
	const count = new Int32Array(across);
	const first = new Int32Array(across).fill(along);
	const last = new Int32Array(across).fill(-1);
	for (let y = 0; y < H; y++)
		for (let x = 0; x < W; x++)
			if (m.data[y * W + x]) {
				const a = dir === 'h' ? y : x;
				const b = dir === 'h' ? x : y;
				count[a] = (count[a] ?? 0) + 1;
				first[a] = Math.min(first[a] ?? along, b);
				last[a] = Math.max(last[a] ?? -1, b);
			}
	// A rule is a few pixels thick, and a slightly slanted one spreads its length over more rows:
	// a run of neighbouring rows holding rule pixels is one rule if their lengths add up.
	const minLen = minFraction * along;
	const inBand = Math.max(3, along * 0.01);
	const at = (i: number) => count[i] ?? 0;
	const rules: Rule[] = [];
	let a = 0;
	while (a < across) {
		if (at(a) < inBand) {
			a++;
			continue;
		}
		let end = a;
		let total = 0;
		let from = along;
		let to = -1;
		while (end < across && at(end) >= inBand) {
			total += at(end);
			from = Math.min(from, first[end] ?? along);
			to = Math.max(to, last[end] ?? -1);
			end++;
		}
		if (total >= minLen && to - from >= minLen)
			rules.push({ at: Math.round((a + end - 1) / 2), from, to });
		a = end;
	}
	return rules;
}
