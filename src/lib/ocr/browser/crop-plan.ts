/**
 * How a region of a page image is cut out and scaled before tesseract reads it in the browser.
 * Pure arithmetic, so it is tested without a canvas.
 */

export type PageBox = [number, number, number, number];

/** Tesseract page segmentation: 7 one line of text, 6 one uniform block. */
export type RegionPsm = 6 | 7;

/** A crop this flat and this low holds one line of a register's cell; anything else a block. */
const LINE_ASPECT = 3.5;
const LINE_MAX_HEIGHT = 150;
/** Tesseract's LSTM reads best with lines some 30–60 px high: small crops are enlarged to that. */
const MIN_LINE_HEIGHT = 64;
const MIN_BLOCK_SIDE = 400;
const MAX_SCALE = 4;
/** Keeps the canvas (and the worker's memory) bounded whatever box is drawn. */
const MAX_PIXELS = 6_000_000;
/** White margin around the crop, in page pixels: text touching the edge loses letters. */
const PAD = 10;

export interface CropPlan {
	/** The box on the page, snapped to whole pixels inside the image. */
	box: PageBox;
	psm: RegionPsm;
	scale: number;
	pad: number;
	width: number;
	height: number;
}

export function psmFor(width: number, height: number): RegionPsm {
	return width / height >= LINE_ASPECT && height <= LINE_MAX_HEIGHT ? 7 : 6;
}

/** The crop of `box` on an image of the given size, or null when the box is not inside it. */
export function planCrop(
	box: readonly number[],
	imageWidth: number,
	imageHeight: number
): CropPlan | null {
	if (box.length !== 4 || !box.every((v) => Number.isFinite(v))) return null;
	const [x0, y0, x1, y1] = box.map((v) => Math.round(v)) as PageBox;
	if (x0 < 0 || y0 < 0 || x1 > imageWidth || y1 > imageHeight || x1 - x0 < 2 || y1 - y0 < 2)
		return null;
	const w = x1 - x0;
	const h = y1 - y0;
	const psm = psmFor(w, h);
	let scale = psm === 7 ? MIN_LINE_HEIGHT / h : MIN_BLOCK_SIDE / Math.max(w, h);
	scale = Math.min(MAX_SCALE, Math.max(1, scale));
	const area = (w + 2 * PAD) * (h + 2 * PAD);
	scale = Math.min(scale, Math.sqrt(MAX_PIXELS / area));
	return {
		box: [x0, y0, x1, y1],
		psm,
		scale,
		pad: PAD,
		width: Math.round((w + 2 * PAD) * scale),
		height: Math.round((h + 2 * PAD) * scale)
	};
}

/** A box on the crop canvas (what tesseract reports) back in page pixels. */
export function toPageBox(b: readonly number[], plan: CropPlan): PageBox {
	const [x0, y0] = plan.box;
	const back = (v: number, origin: number) => Math.round(v / plan.scale - plan.pad + origin);
	return [back(b[0]!, x0), back(b[1]!, y0), back(b[2]!, x0), back(b[3]!, y0)];
}

/** RGBA pixels to grey in place (Rec. 601 luma): colour scans' tints only confuse tesseract. */
export function greyInPlace(rgba: Uint8ClampedArray): void {
	for (let i = 0; i + 3 < rgba.length; i += 4) {
		const y = Math.round(0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!);
		rgba[i] = rgba[i + 1] = rgba[i + 2] = y;
	}
}
