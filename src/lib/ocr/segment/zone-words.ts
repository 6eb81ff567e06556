import type { BBox, OcrWord } from '../engine/ocr-pool';
import type { Grey } from '../preprocess/image';
import type { Ruling } from './ruling';

/**
 * A copy of the page with its ruling painted white. Read with the rules in place, tesseract takes
 * a cell border for a letter (an "I" or "1" before a value) or joins cells across it.
 * `halfWidth`: how far either side of a rule's centre to clear (a rule is a few pixels thick, more
 * where deskew left it a fraction of a degree off level).
 */
export function eraseRuling(img: Grey, ruling: Ruling, halfWidth: number): Grey {
	const { width: w, height: h } = img;
	const data = img.data.slice();
	for (const r of ruling.horizontal)
		for (let y = Math.max(0, r.at - halfWidth); y <= Math.min(h - 1, r.at + halfWidth); y++)
			data.fill(255, y * w + Math.max(0, r.from), y * w + Math.min(w, r.to + 1));
	for (const r of ruling.vertical)
		for (let y = Math.max(0, r.from); y <= Math.min(h - 1, r.to); y++)
			data.fill(
				255,
				y * w + Math.max(0, r.at - halfWidth),
				y * w + Math.min(w, r.at + halfWidth + 1)
			);
	return { width: w, height: h, data };
}

/** The smallest box holding every box given. */
export function unionBox(boxes: readonly BBox[]): BBox | null {
	if (boxes.length === 0) return null;
	return boxes.reduce<BBox>(
		(u, b) => [
			Math.min(u[0], b[0]),
			Math.min(u[1], b[1]),
			Math.max(u[2], b[2]),
			Math.max(u[3], b[3])
		],
		[Infinity, Infinity, -Infinity, -Infinity]
	);
}

/**
 * The table body cut into column strips at the vertical rules that cross it. Each strip is read
 * on its own as one block of lines (PSM 6): tesseract then needs no layout analysis, and no line
 * runs across two columns. Strips narrower than `minWidth` (a double rule) are dropped; a body
 * with no rule inside it is one strip.
 */
export function columnStrips(
	body: BBox,
	verticalRules: readonly number[],
	minWidth: number
): BBox[] {
	const [x0, y0, x1, y1] = body;
	const cuts = [x0, ...verticalRules.filter((x) => x > x0 && x < x1).sort((a, b) => a - b), x1];
	const strips: BBox[] = [];
	for (let i = 0; i + 1 < cuts.length; i++) {
		const left = cuts[i]!;
		const right = cuts[i + 1]!;
		if (right - left >= minWidth) strips.push([left, y0, right, y1]);
	}
	return strips;
}

/**
 * The words whose centre lies in `zone`, in reading order: lines top to bottom (a word belongs to
 * the line when its centre is within half a word height of the line's), left to right within one.
 */
export function wordsInZone(words: readonly OcrWord[], zone: BBox): OcrWord[] {
	const inside = words.filter((w) => {
		const cx = (w.bbox[0] + w.bbox[2]) / 2;
		const cy = (w.bbox[1] + w.bbox[3]) / 2;
		return cx >= zone[0] && cx < zone[2] && cy >= zone[1] && cy < zone[3];
	});
	const lines: { cy: number; half: number; words: OcrWord[] }[] = [];
	for (const w of [...inside].sort((a, b) => a.bbox[1] + a.bbox[3] - b.bbox[1] - b.bbox[3])) {
		const cy = (w.bbox[1] + w.bbox[3]) / 2;
		const line = lines.find((l) => Math.abs(l.cy - cy) <= l.half);
		if (line) line.words.push(w);
		else lines.push({ cy, half: Math.max(2, (w.bbox[3] - w.bbox[1]) / 2), words: [w] });
	}
	return lines.flatMap((l) => l.words.sort((a, b) => a.bbox[0] - b.bbox[0]));
}
