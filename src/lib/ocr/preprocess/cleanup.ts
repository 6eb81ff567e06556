import type { Cv } from './cv';
import { fromMat, toMat, type Grey } from './image';

/**
 * Evens out uneven light (phone photos, yellowed paper): divides the page by its background,
 * estimated as a morphological close (removes ink) then a blur, on a quarter-size copy for speed.
 */
export function flattenIllumination(cv: Cv, img: Grey): Grey {
	const src = toMat(cv, img);
	const small = new cv.Mat();
	const f = 4;
	cv.resize(
		src,
		small,
		new cv.Size(Math.max(1, Math.round(img.width / f)), Math.max(1, Math.round(img.height / f))),
		0,
		0,
		cv.INTER_AREA
	);
	// Larger than any stroke at quarter size (strokes ≤ ~8 px at 300 dpi → 2 px).
	const k = Math.max(5, Math.round(Math.min(img.width, img.height) / f / 60)) | 1;
	const kernel = cv.getStructuringElement(cv.MORPH_ELLIPSE, new cv.Size(k, k));
	cv.morphologyEx(small, small, cv.MORPH_CLOSE, kernel);
	kernel.delete();
	cv.GaussianBlur(small, small, new cv.Size(k * 2 + 1, k * 2 + 1), 0);
	const bg = new cv.Mat();
	cv.resize(small, bg, new cv.Size(img.width, img.height), 0, 0, cv.INTER_LINEAR);
	small.delete();
	const out = new cv.Mat();
	cv.divide(src, bg, out, 255);
	src.delete();
	bg.delete();
	return fromMat(out);
}

/** Otsu threshold to pure black/white. */
export function binarizeOtsu(cv: Cv, img: Grey): Grey {
	const src = toMat(cv, img);
	const dst = new cv.Mat();
	cv.threshold(src, dst, 0, 255, cv.THRESH_BINARY | cv.THRESH_OTSU);
	src.delete();
	return fromMat(dst);
}

/** Adaptive (local mean) threshold, for pages whose light still varies after flattening. */
export function binarizeAdaptive(cv: Cv, img: Grey, block = 41, c = 15): Grey {
	const src = toMat(cv, img);
	const dst = new cv.Mat();
	cv.adaptiveThreshold(
		src,
		dst,
		255,
		cv.ADAPTIVE_THRESH_GAUSSIAN_C,
		cv.THRESH_BINARY,
		block | 1,
		c
	);
	src.delete();
	return fromMat(dst);
}
