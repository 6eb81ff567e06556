/**
 * A 3×3 homography, row-major, mapping points of the original image to the processed one.
 * Preprocessing composes rotations, deskew and perspective into one so OCR boxes found on the
 * cleaned page can be drawn on the colour original.
 */
export type Homography = [number, number, number, number, number, number, number, number, number];

export const IDENTITY: Homography = [1, 0, 0, 0, 1, 0, 0, 0, 1];

/** `compose(a, b)`: first a, then b. (Not named `then`: a module exporting `then` is a thenable namespace and `await import()` of it never settles.) */
export function compose(a: Homography, b: Homography): Homography {
	const [a0, a1, a2, a3, a4, a5, a6, a7, a8] = a;
	const [b0, b1, b2, b3, b4, b5, b6, b7, b8] = b;
	// One row of b times each column of a.
	const row = (r0: number, r1: number, r2: number): [number, number, number] => [
		r0 * a0 + r1 * a3 + r2 * a6,
		r0 * a1 + r1 * a4 + r2 * a7,
		r0 * a2 + r1 * a5 + r2 * a8
	];
	return [...row(b0, b1, b2), ...row(b3, b4, b5), ...row(b6, b7, b8)];
}

export function invert(h: Homography): Homography {
	const [a, b, c, d, e, f, g, i, j] = h;
	const A = e * j - f * i;
	const B = -(d * j - f * g);
	const C = d * i - e * g;
	const det = a * A + b * B + c * C;
	if (Math.abs(det) < 1e-12) throw new Error('singular transform');
	const k = 1 / det;
	return [
		A * k,
		-(b * j - c * i) * k,
		(b * f - c * e) * k,
		B * k,
		(a * j - c * g) * k,
		-(a * f - c * d) * k,
		C * k,
		-(a * i - b * g) * k,
		(a * e - b * d) * k
	];
}

export function mapPoint(h: Homography, x: number, y: number): [number, number] {
	const w = h[6] * x + h[7] * y + h[8];
	return [(h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w];
}

/** Bounding box of the four mapped corners, rounded outwards. */
export function mapBox(
	h: Homography,
	box: [number, number, number, number]
): [number, number, number, number] {
	const pts = [
		mapPoint(h, box[0], box[1]),
		mapPoint(h, box[2], box[1]),
		mapPoint(h, box[0], box[3]),
		mapPoint(h, box[2], box[3])
	];
	const xs = pts.map((p) => p[0]);
	const ys = pts.map((p) => p[1]);
	return [
		Math.floor(Math.min(...xs)),
		Math.floor(Math.min(...ys)),
		Math.ceil(Math.max(...xs)),
		Math.ceil(Math.max(...ys))
	];
}

/** The map of `rotate90(img, deg)` for an image of W×H (clockwise). */
export function rotation90(deg: 0 | 90 | 180 | 270, W: number, H: number): Homography {
	if (deg === 90) return [0, -1, H - 1, 1, 0, 0, 0, 0, 1];
	if (deg === 180) return [-1, 0, W - 1, 0, -1, H - 1, 0, 0, 1];
	if (deg === 270) return [0, 1, 0, -1, 0, W - 1, 0, 0, 1];
	return IDENTITY;
}

/** Rotation by `deg` (counter-clockwise positive, as OpenCV) about (cx, cy), then a shift. */
export function rotationAbout(deg: number, cx: number, cy: number, dx = 0, dy = 0): Homography {
	const r = (deg * Math.PI) / 180;
	const c = Math.cos(r);
	const s = Math.sin(r);
	// OpenCV's getRotationMatrix2D: [c s (1-c)cx - s cy; -s c s cx + (1-c) cy]
	return [c, s, (1 - c) * cx - s * cy + dx, -s, c, s * cx + (1 - c) * cy + dy, 0, 0, 1];
}
