import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { pdfPageImages, PdfError } from './pdf-images';
import { imageError, ocrError as err, sniffFormat, type OcrError } from './scan-format';
import { MAX_PIXELS } from './preprocess/image';

/**
 * Splits a scan file into the page images a register book stores: a scanned PDF gives each page's
 * embedded scan, a multi-page TIFF gives each page as a PNG (browsers do not show TIFF), and a JPEG,
 * PNG or WebP is one page kept byte for byte (the colour original). Refusals carry the same `ocr.*`
 * codes as `pipeline.ts`, so one set of messages (i18n/ocr-messages.ts) explains both.
 */

export interface PageImage {
	/** 1-based page within the file. */
	page: number;
	bytes: Buffer;
	mime: 'image/png' | 'image/jpeg' | 'image/webp';
	/** Size once upright (EXIF/TIFF orientation applied): the frame OCR gives its boxes in. */
	width: number;
	height: number;
}

export interface PageFailure {
	page: number;
	error: OcrError;
}

/** A page not converted yet: a 300-page TIFF is turned into PNGs one page at a time. */
export interface PendingPage {
	page: number;
	/** Never throws: a page that cannot be had is a `PageFailure`. */
	read(): Promise<PageImage | PageFailure>;
}

export type ScanFile = { pages: PendingPage[] } | { error: OcrError };

export interface ScanOptions {
	/** Pixel limit per page (a decompression bomb is refused before it is decoded). */
	maxPixels?: number;
}

const mimeOf = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' } as const;

/** Reads `file` from disk and splits it; `file` is also how errors name it. */
export async function openScanFile(file: string, opts: ScanOptions = {}): Promise<ScanFile> {
	let bytes: Buffer;
	try {
		bytes = await readFile(file);
	} catch (e) {
		const reason = (e as NodeJS.ErrnoException).code ?? String(e);
		return {
			error: err('ocr.unreadableFile', { file, reason }, `${file}: cannot read (${reason})`)
		};
	}
	return splitScan(file, bytes, opts);
}

export async function splitScan(
	file: string,
	bytes: Buffer,
	opts: ScanOptions = {}
): Promise<ScanFile> {
	if (bytes.length === 0) return { error: err('ocr.emptyFile', { file }, `${file}: empty file`) };
	const maxPixels = opts.maxPixels ?? MAX_PIXELS;
	const format = sniffFormat(bytes);
	if (format === 'pdf') return pdfPages(file, bytes, maxPixels);
	if (format === 'tiff') return tiffPages(file, bytes, maxPixels);
	if (format === null) {
		const message = `${file}: not a PNG, JPEG, TIFF, WebP or PDF file`;
		return { error: err('ocr.unsupportedFormat', { file }, message) };
	}
	return { pages: [{ page: 1, read: () => keptAsIs(file, 1, bytes, maxPixels) }] };
}

async function pdfPages(file: string, bytes: Buffer, maxPixels: number): Promise<ScanFile> {
	let images;
	try {
		images = await pdfPageImages(bytes, { maxPixels });
	} catch (e) {
		if (e instanceof PdfError) return { error: err(e.code, { file }, `${file}: ${e.message}`) };
		throw e;
	}
	return {
		pages: images.map((p) => ({
			page: p.page,
			read: async () => {
				if ('image' in p) return keptAsIs(file, p.page, p.image, maxPixels);
				const params = { file, ...p.error.params };
				return {
					page: p.page,
					error: err(p.error.code, params, `${file} page ${p.page}: ${p.error.code}`)
				};
			}
		}))
	};
}

async function tiffPages(file: string, bytes: Buffer, maxPixels: number): Promise<ScanFile> {
	let count: number;
	try {
		// Only the header is read here; each page meets the pixel limit when it is converted, so one
		// oversized page does not cost the file its other pages.
		count = Math.max(1, (await sharp(bytes, { limitInputPixels: false }).metadata()).pages ?? 1);
	} catch (e) {
		return { error: imageError(file, 1, e) };
	}
	return {
		pages: Array.from({ length: count }, (_, i) => ({
			page: i + 1,
			read: () => tiffPageAsPng(file, bytes, i, maxPixels)
		}))
	};
}

/** A TIFF page as a lossless PNG, upright, and grey when it was scanned bilevel or grey. */
async function tiffPageAsPng(
	file: string,
	bytes: Buffer,
	index: number,
	maxPixels: number
): Promise<PageImage | PageFailure> {
	const page = index + 1;
	try {
		const image = sharp(bytes, { page: index, limitInputPixels: maxPixels });
		const { space } = await image.metadata();
		const upright = image.rotate();
		// Left alone, sharp writes a bilevel page as three identical RGB channels.
		const kept = space === 'b-w' ? upright.toColourspace('b-w') : upright;
		const { data, info } = await kept.png().toBuffer({ resolveWithObject: true });
		return { page, bytes: data, mime: 'image/png', width: info.width, height: info.height };
	} catch (e) {
		return { page, error: imageError(file, page, e) };
	}
}

/** A JPEG, PNG or WebP page stored exactly as scanned, once it is known to decode. */
async function keptAsIs(
	file: string,
	page: number,
	bytes: Buffer,
	maxPixels: number
): Promise<PageImage | PageFailure> {
	const format = sniffFormat(bytes);
	if (format !== 'png' && format !== 'jpeg' && format !== 'webp') {
		const detail = 'not a JPEG, PNG or WebP image';
		const message = `${file} page ${page}: ${detail}`;
		return { page, error: err('ocr.corruptImage', { file, page, detail }, message) };
	}
	try {
		const image = sharp(bytes, { limitInputPixels: maxPixels });
		const { autoOrient } = await image.metadata();
		// A truncated JPEG has a sound header: only decoding every pixel finds the missing rows.
		await image.stats();
		const { width, height } = autoOrient;
		return { page, bytes, mime: mimeOf[format], width, height };
	} catch (e) {
		return { page, error: imageError(file, page, e) };
	}
}
