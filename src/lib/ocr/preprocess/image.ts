import sharp from 'sharp';
import type { Cv } from './cv';
import type { Homography } from './transform';

/** An 8-bit single-channel image, row-major, 0 = black ink, 255 = white paper. */
export interface Grey {
	data: Uint8Array;
	width: number;
	height: number;
}

export function grey(width: number, height: number, fill = 255): Grey {
	return { data: new Uint8Array(width * height).fill(fill), width, height };
}

/** Decodes any image sharp reads (1-bit TIFF included) to grey; `page` picks a TIFF/PDF page. */
export async function decodeGrey(
	input: Buffer,
	opts: { page?: number; limitInputPixels?: number } = {}
): Promise<Grey> {
	const { data, info } = await sharp(input, {
		page: opts.page ?? 0,
		limitInputPixels: opts.limitInputPixels ?? MAX_PIXELS
	})
		.rotate() // honour EXIF orientation of phone photos
		.flatten({ background: '#ffffff' })
		.greyscale()
		.raw()
		.toBuffer({ resolveWithObject: true });
	return {
		data: new Uint8Array(data.buffer, data.byteOffset, data.length),
		width: info.width,
		height: info.height
	};
}

/** A register page at 600 dpi on A3 is ~70 Mpx; anything far beyond is not a page scan. */
export const MAX_PIXELS = 120_000_000;

export function encodePng(img: Grey): Promise<Buffer> {
	return sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length), {
		raw: { width: img.width, height: img.height, channels: 1 }
	})
		.png({ compressionLevel: 1 })
		.toBuffer();
}

export function toMat(cv: Cv, img: Grey): InstanceType<Cv['Mat']> {
	const m = new cv.Mat(img.height, img.width, cv.CV_8UC1);
	m.data.set(img.data);
	return m;
}

/** The outer contours of a binary Mat's white blobs (the hierarchy is not kept). */
export function outerContours(
	cv: Cv,
	binary: InstanceType<Cv['Mat']>
): InstanceType<Cv['MatVector']> {
	const contours = new cv.MatVector();
	const hierarchy = new cv.Mat();
	cv.findContours(binary, contours, hierarchy, cv.RETR_EXTERNAL, cv.CHAIN_APPROX_SIMPLE);
	hierarchy.delete();
	return contours;
}

/** Copies the Mat's pixels out (the wasm heap may move) and frees it. */
export function fromMat(m: InstanceType<Cv['Mat']>, free = true): Grey {
	const out = { data: new Uint8Array(m.data), width: m.cols, height: m.rows };
	if (free) m.delete();
	return out;
}

/**
 * The image mapped through a homography (row-major 3×3, source → destination pixels) onto a
 * white `width`×`height` canvas: rotations and perspective corrections both come through here.
 */
export function warpGrey(cv: Cv, img: Grey, h: Homography, width: number, height: number): Grey {
	const m = cv.matFromArray(3, 3, cv.CV_64F, [...h]);
	const src = toMat(cv, img);
	const dst = new cv.Mat();
	cv.warpPerspective(
		src,
		dst,
		m,
		new cv.Size(width, height),
		cv.INTER_LINEAR,
		cv.BORDER_CONSTANT,
		new cv.Scalar(255)
	);
	src.delete();
	m.delete();
	return fromMat(dst);
}

/** Downscale by an integer factor taking the minimum (keeps thin ink visible). */
export function shrinkMin(img: Grey, factor: number): Grey {
	if (factor <= 1) return img;
	const w = Math.floor(img.width / factor);
	const h = Math.floor(img.height / factor);
	const out = grey(w, h);
	// Source pixels are read only inside the w·factor × h·factor top-left block, so in range.
	const src = img.data;
	const dst = out.data;
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++) {
			let m = 255;
			for (let dy = 0; dy < factor; dy++) {
				const row = (y * factor + dy) * img.width + x * factor;
				for (let dx = 0; dx < factor; dx++) {
					const v = src[row + dx]!;
					if (v < m) m = v;
				}
			}
			dst[y * w + x] = m;
		}
	return out;
}

/** Otsu's threshold over the whole image. */
export function otsu(img: Grey): number {
	const hist = new Int32Array(256);
	const d = img.data;
	// A pixel is a byte and there are 256 bins, so hist[v] exists.
	for (let i = 0; i < d.length; i++) hist[d[i]!]!++;
	const total = img.data.length;
	let sum = 0;
	for (const [i, n] of hist.entries()) sum += i * n;
	let sumB = 0;
	let wB = 0;
	let best = 0;
	let thr = 127;
	for (const [t, n] of hist.entries()) {
		wB += n;
		if (wB === 0) continue;
		const wF = total - wB;
		if (wF === 0) break;
		sumB += t * n;
		const mB = sumB / wB;
		const mF = (sum - sumB) / wF;
		const between = wB * wF * (mB - mF) * (mB - mF);
		if (between > best) {
			best = between;
			thr = t;
		}
	}
	return thr;
}

/** Rotates by a multiple of 90° clockwise. */
export function rotate90(img: Grey, deg: 0 | 90 | 180 | 270): Grey {
	if (deg === 0) return img;
	const { width: W, height: H, data } = img;
	const out = deg === 180 ? grey(W, H) : grey(H, W);
	const ow = out.width;
	// y < H and x < W, so y·W + x is inside the W×H source.
	for (let y = 0; y < H; y++)
		for (let x = 0; x < W; x++) {
			const v = data[y * W + x]!;
			if (deg === 90) out.data[x * ow + (H - 1 - y)] = v;
			else if (deg === 180) out.data[(H - 1 - y) * ow + (W - 1 - x)] = v;
			else out.data[(W - 1 - x) * ow + y] = v;
		}
	return out;
}
