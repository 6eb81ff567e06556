import type { Cv } from './cv';
import { outerContours, shrinkMin, toMat, warpGrey, type Grey } from './image';
import { compose, mapPoint, type Homography } from './transform';

export type Quad = [[number, number], [number, number], [number, number], [number, number]];

/**
 * The page of a phone photo: the largest bright convex quadrilateral covering at least a quarter of
 * the frame, corners ordered top-left, top-right, bottom-right, bottom-left. Null for flat scans
 * (no quad, or one that is already the frame's rectangle).
 */
export function findPageQuad(cv: Cv, img: Grey): Quad | null {
	const f = Math.max(1, Math.round(Math.max(img.width, img.height) / 800));
	const src = toMat(cv, img);
	const small = new cv.Mat();
	cv.resize(
		src,
		small,
		new cv.Size(Math.round(img.width / f), Math.round(img.height / f)),
		0,
		0,
		cv.INTER_AREA
	);
	src.delete();
	cv.GaussianBlur(small, small, new cv.Size(5, 5), 0);
	cv.threshold(small, small, 0, 255, cv.THRESH_BINARY | cv.THRESH_OTSU);
	// Close the text into the paper so the page is one blob.
	const kernel = cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(15, 15));
	cv.morphologyEx(small, small, cv.MORPH_CLOSE, kernel);
	kernel.delete();
	const sw = small.cols;
	const sh = small.rows;
	const contours = outerContours(cv, small);
	small.delete();
	let best: Quad | null = null;
	let bestArea = 0;
	for (let i = 0; i < contours.size(); i++) {
		const c = contours.get(i);
		const area = cv.contourArea(c);
		if (area > bestArea && area > 0.25 * sw * sh) {
			const quad = hullCorners(cv, c, [0.02], (x, y) => [x * f, y * f]);
			if (quad) {
				best = quad;
				bestArea = area;
			}
		}
		c.delete();
	}
	contours.delete();
	if (!best) return null;
	// A quad hugging the frame is a scan (or a photo cropped to the page): nothing to correct.
	const tol = 0.03 * Math.max(img.width, img.height);
	const frame: Quad = [
		[0, 0],
		[img.width - 1, 0],
		[img.width - 1, img.height - 1],
		[0, img.height - 1]
	];
	const near = (p: [number, number], q: [number, number]) =>
		Math.hypot(p[0] - q[0], p[1] - q[1]) < tol;
	if (
		near(best[0], frame[0]) &&
		near(best[1], frame[1]) &&
		near(best[2], frame[2]) &&
		near(best[3], frame[3])
	)
		return null;
	return best;
}

export function orderCorners(pts: [number, number][]): Quad {
	const bySum = [...pts].sort((a, b) => a[0] + a[1] - (b[0] + b[1]));
	const byDiff = [...pts].sort((a, b) => a[1] - a[0] - (b[1] - b[0]));
	const [topLeft, , , bottomRight] = bySum;
	const [topRight, , , bottomLeft] = byDiff;
	if (!topLeft || !topRight || !bottomRight || !bottomLeft)
		throw new Error(`orderCorners needs 4 points, got ${pts.length}`);
	return [topLeft, topRight, bottomRight, bottomLeft];
}

/** Warps the quad to an upright rectangle of its mean side lengths. */
export function warpQuad(cv: Cv, img: Grey, q: Quad): { image: Grey; transform: Homography } {
	const [W, H] = meanSides(q).map(Math.round) as [number, number];
	const transform = homography(cv, q, [0, 0, W - 1, 0, W - 1, H - 1, 0, H - 1]);
	return { image: warpGrey(cv, img, transform, W, H), transform };
}

/**
 * The outer border of a ruled table, as a quadrilateral: the largest ink blob (a table's rules
 * all join up), its convex hull reduced to four corners. Null when no blob covers a third of the
 * page or its hull is not four-sided. Read on a half-size copy that keeps thin rules (min-shrink).
 */
export function findTableQuad(cv: Cv, img: Grey): Quad | null {
	const f = img.width > 1600 ? 2 : 1;
	const small = shrinkMin(img, f);
	const src = toMat(cv, small);
	const ink = new cv.Mat();
	cv.threshold(src, ink, 0, 255, cv.THRESH_BINARY_INV | cv.THRESH_OTSU);
	src.delete();
	const contours = outerContours(cv, ink);
	ink.delete();
	let table = -1;
	let tableArea = (small.width * small.height) / 3;
	for (let i = 0; i < contours.size(); i++) {
		const c = contours.get(i);
		const r = cv.boundingRect(c);
		if (r.width * r.height > tableArea) {
			tableArea = r.width * r.height;
			table = i;
		}
		c.delete();
	}
	let quad: Quad | null = null;
	if (table >= 0) {
		const c = contours.get(table);
		// The tightest tolerance that leaves four corners: text poking past the border is cut off.
		quad = hullCorners(cv, c, [0.01, 0.02, 0.04], (x, y) => [
			x * f + (f - 1) / 2,
			y * f + (f - 1) / 2
		]);
		c.delete();
	}
	contours.delete();
	return quad;
}

/**
 * Makes a quadrilateral (a table photographed at an angle) an upright rectangle of its mean side
 * lengths, in place at its top-left corner, on a canvas that holds the whole warped image.
 */
export function squareQuad(cv: Cv, img: Grey, q: Quad): { image: Grey; transform: Homography } {
	const [W, H] = meanSides(q);
	const [x0, y0] = q[0];
	const square = homography(cv, q, [x0, y0, x0 + W, y0, x0 + W, y0 + H, x0, y0 + H]);
	// Shift so that no corner of the image falls off the canvas.
	const corners = [
		mapPoint(square, 0, 0),
		mapPoint(square, img.width, 0),
		mapPoint(square, img.width, img.height),
		mapPoint(square, 0, img.height)
	];
	const minX = Math.min(...corners.map((c) => c[0]));
	const minY = Math.min(...corners.map((c) => c[1]));
	const width = Math.ceil(Math.max(...corners.map((c) => c[0])) - minX);
	const height = Math.ceil(Math.max(...corners.map((c) => c[1])) - minY);
	// A wildly stretched canvas means a wrong quad: keep the page's own frame then.
	const fits = width <= 1.5 * img.width && height <= 1.5 * img.height;
	const transform = fits ? compose(square, [1, 0, -minX, 0, 1, -minY, 0, 0, 1]) : square;
	const [w, h] = fits ? [width, height] : [img.width, img.height];
	return { image: warpGrey(cv, img, transform, w, h), transform };
}

/** The mean lengths of a quad's top and bottom sides, and of its left and right ones. */
function meanSides(q: Quad): [number, number] {
	const d = (a: [number, number], b: [number, number]) => Math.hypot(a[0] - b[0], a[1] - b[1]);
	return [(d(q[0], q[1]) + d(q[3], q[2])) / 2, (d(q[0], q[3]) + d(q[1], q[2])) / 2];
}

/** The perspective transform taking the quad's corners to `to` (x, y of each, in the same order). */
function homography(cv: Cv, q: Quad, to: number[]): Homography {
	const src = cv.matFromArray(4, 1, cv.CV_32FC2, q.flat());
	const dst = cv.matFromArray(4, 1, cv.CV_32FC2, to);
	const m = cv.getPerspectiveTransform(src, dst);
	src.delete();
	dst.delete();
	const h = Array.from(m.data64F) as Homography;
	m.delete();
	return h;
}

/**
 * A contour's convex hull reduced to four corners at the first tolerance (a share of its
 * perimeter) that gives four, mapped by `toFull` from the reduced copy's pixels; null if none does.
 */
function hullCorners(
	cv: Cv,
	contour: InstanceType<Cv['Mat']>,
	tolerances: readonly number[],
	toFull: (x: number, y: number) => [number, number]
): Quad | null {
	const hull = new cv.Mat();
	cv.convexHull(contour, hull);
	let quad: Quad | null = null;
	for (const tolerance of tolerances) {
		const approx = new cv.Mat();
		cv.approxPolyDP(hull, approx, tolerance * cv.arcLength(hull, true), true);
		if (approx.rows === 4)
			quad = orderCorners(
				[0, 1, 2, 3].map((j) => toFull(approx.data32S[j * 2] ?? 0, approx.data32S[j * 2 + 1] ?? 0))
			);
		approx.delete();
		if (quad) break;
	}
	hull.delete();
	return quad;
}
