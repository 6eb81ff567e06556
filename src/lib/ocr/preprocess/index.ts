import { loadCv } from './cv';
import { binarizeAdaptive, binarizeOtsu, flattenIllumination } from './cleanup';
import { estimateSkew, rotateBy, type SkewEstimate } from './deskew';
import { refineSkew } from './skew-refine';
import { rotate90, type Grey } from './image';
import { detectOrientation, type Rotation } from './orientation';
import { findPageQuad, warpQuad, type Quad } from './perspective';
import { IDENTITY, rotation90, compose, type Homography } from './transform';

export { decodeGrey, encodePng, type Grey } from './image';
export { invert, mapBox, mapPoint, type Homography } from './transform';

export type PageAspect = 'landscape' | 'portrait';

export interface PreprocessOptions {
	/**
	 * The shape of the page upright, when its layout is known. Then a page whose image has the
	 * other shape is on its side, and one with this shape is not: ruled tables, whose rules run
	 * both ways, otherwise look as much sideways as upright to the line-based tests.
	 */
	pageAspect?: PageAspect;
	/** Default true: find the page quadrilateral of a photo and flatten it. */
	perspective?: boolean;
	/** Default true. */
	orientation?: boolean;
	/** Default true. */
	deskew?: boolean;
	/** Default true: divide out uneven light (a lamp, a phone's shadow) before anything reads the page. */
	flatten?: boolean;
	/**
	 * Default 'none': the flattened grey page, which tesseract (thresholding it itself) reads with
	 * fewer lost tone marks than an Otsu bilevel page (docs/BENCHMARKS.md); 'otsu' or 'adaptive'
	 * binarise after background division.
	 */
	binarize?: 'otsu' | 'adaptive' | 'none';
}

export interface Preprocessed {
	/** The cleaned page given to OCR. */
	image: Grey;
	/** Maps original pixel coordinates to `image`'s; invert it to draw boxes on the original. */
	transform: Homography;
	steps: { quad: Quad | null; rotate: Rotation; skew: number; bilevel: boolean; ms: number };
}

// Below this the rotation's resampling blurs strokes for no gain.
const MIN_SKEW = 0.15;

export async function preprocessPage(
	img: Grey,
	opts: PreprocessOptions = {}
): Promise<Preprocessed> {
	const t0 = performance.now();
	const { cv } = await loadCv();
	let image = img;
	let transform = IDENTITY;
	const bilevel = isBilevel(img);
	let quad: Quad | null = null;
	// A bilevel scan comes from a flatbed: it has no perspective and no uneven light.
	if (opts.perspective !== false && !bilevel) {
		quad = findPageQuad(cv, image);
		if (quad) {
			const w = warpQuad(cv, image, quad);
			image = w.image;
			transform = compose(transform, w.transform);
		}
	}
	let rotate: Rotation = 0;
	let skew = 0;
	if (opts.orientation !== false || opts.deskew !== false) {
		// Text lines are found as long thin blobs; a page on its side shows few of them until turned.
		let est: SkewEstimate;
		const turn = (turned = rotate90(image, 90)) => {
			rotate = 90;
			transform = compose(transform, rotation90(90, image.width, image.height));
			image = turned;
		};
		if (opts.orientation === false) est = estimateSkew(cv, image);
		else if (opts.pageAspect) {
			// The page's shape says it all: only the image that is kept is measured.
			if (image.width > image.height !== (opts.pageAspect === 'landscape')) turn();
			est = estimateSkew(cv, image);
		} else {
			est = estimateSkew(cv, image);
			const turned = rotate90(image, 90);
			const est90 = estimateSkew(cv, turned);
			if (est90.lines > Math.max(2, est.lines * 1.5)) {
				turn(turned);
				est = est90;
			}
		}
		const angle = opts.deskew !== false && est.lines >= 3 ? refineSkew(image, est.angle) : 0;
		if (Math.abs(angle) >= MIN_SKEW) {
			skew = angle;
			const r = rotateBy(cv, image, skew);
			image = r.image;
			transform = compose(transform, r.transform);
		}
		// Levelled lines: now up vs down (and a second look at sideways) from projection profiles.
		if (opts.orientation !== false) {
			// With the page's shape known, only upside down is left to find.
			const o = detectOrientation(image, opts.pageAspect ? { horizontal: true } : {});
			if (o.rotate) {
				transform = compose(transform, rotation90(o.rotate, image.width, image.height));
				image = rotate90(image, o.rotate);
				rotate = ((rotate + o.rotate) % 360) as Rotation;
			}
		}
	}
	const mode = opts.binarize ?? 'none';
	if (!bilevel) {
		if (opts.flatten !== false) image = flattenIllumination(cv, image);
		if (mode === 'otsu') image = binarizeOtsu(cv, image);
		else if (mode === 'adaptive') image = binarizeAdaptive(cv, image);
	}
	return {
		image,
		transform,
		steps: { quad, rotate, skew, bilevel, ms: Math.round(performance.now() - t0) }
	};
}

function isBilevel(img: Grey): boolean {
	const d = img.data;
	// A sample is enough: greyscale scans have intermediate values everywhere along edges.
	const step = Math.max(1, Math.floor(d.length / 200_000));
	for (let i = 0; i < d.length; i += step) if (d[i] !== 0 && d[i] !== 255) return false;
	return true;
}
