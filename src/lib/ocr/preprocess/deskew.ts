import type { Cv } from './cv';
import { otsu, outerContours, shrinkMin, toMat, warpGrey, type Grey } from './image';
import { rotationAbout, type Homography } from './transform';

export interface SkewEstimate {
	/** Degrees; `rotateBy(angle)` (counter-clockwise positive, as OpenCV) levels the lines. */
	angle: number;
	/** How many text lines voted. */
	lines: number;
}

/**
 * Skew from text lines: words are smeared horizontally into line blobs, each long thin blob gives
 * an angle (minAreaRect, normalised to its long side), and the median wins. One minAreaRect over
 * all ink returns 0° or 90° on noisy photos (MEASURED.md); the per-line median does not.
 */
export function estimateSkew(cv: Cv, full: Grey): SkewEstimate {
	// Half size is plenty for line angles and four times cheaper.
	const img = full.width > 1600 ? shrinkMin(full, 2) : full;
	const src = toMat(cv, img);
	const bin = new cv.Mat();
	cv.threshold(src, bin, otsu(img), 255, cv.THRESH_BINARY_INV);
	src.delete();
	// Kernel wider than a word gap, much shorter than a line gap at ±10°.
	const kw = Math.max(9, Math.round(img.width / 60));
	const kernel = cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(kw, 1));
	cv.morphologyEx(bin, bin, cv.MORPH_CLOSE, kernel);
	kernel.delete();
	const contours = outerContours(cv, bin);
	bin.delete();
	const angles: number[] = [];
	for (let i = 0; i < contours.size(); i++) {
		const c = contours.get(i);
		const r = cv.boundingRect(c);
		if (r.width > img.width / 12 && r.width > 4 * r.height) {
			const box = cv.minAreaRect(c);
			let { angle } = box;
			// 4.12 reports angles in [0, 90) for either side: take the long side's angle.
			if (box.size.width < box.size.height) angle -= 90;
			while (angle > 45) angle -= 90;
			while (angle <= -45) angle += 90;
			// y points down, so a line sloping down to the right has a positive angle, and
			// warpAffine by that same angle (counter-clockwise positive) levels it.
			if (Math.abs(angle) <= 20) angles.push(angle);
		}
		c.delete();
	}
	contours.delete();
	if (angles.length === 0) return { angle: 0, lines: 0 };
	angles.sort((a, b) => a - b);
	// The median: the middle angle, or the mean of the two middle ones for an even count.
	const upper = angles[angles.length >> 1];
	const lower = angles[(angles.length - 1) >> 1];
	if (upper === undefined || lower === undefined) throw new Error('median of no angles');
	const angle = angles.length % 2 ? upper : (lower + upper) / 2;
	return { angle, lines: angles.length };
}

/** Rotates by `angle` degrees (counter-clockwise positive) on a canvas grown to keep every corner. */
export function rotateBy(cv: Cv, img: Grey, angle: number): { image: Grey; transform: Homography } {
	const r = (angle * Math.PI) / 180;
	const c = Math.abs(Math.cos(r));
	const s = Math.abs(Math.sin(r));
	const W = Math.round(img.width * c + img.height * s);
	const H = Math.round(img.width * s + img.height * c);
	const transform = rotationAbout(
		angle,
		img.width / 2,
		img.height / 2,
		(W - img.width) / 2,
		(H - img.height) / 2
	);
	return { image: warpGrey(cv, img, transform, W, H), transform };
}
