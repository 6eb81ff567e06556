import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { pdfPageImages, PdfError } from './pdf-images';
import { imageError, ocrError as err, sniffFormat, type OcrError } from './scan-format';
import { MAX_PIXELS } from './preprocess/image';

/**
 * Splits a scan file into its pages: the one place that tells the formats apart, counts pages,
 * holds them to the pixel limit and says why a file or page cannot be had, for book import and
 * `sohoa ocr` (pipeline.ts) alike. A scanned PDF's pages are each page's embedded scan, a TIFF's
 * pages are its own, and a JPEG, PNG or WebP is one page. Each page is offered two ways: as a book
 * stores it (`read`: a TIFF page becomes a PNG, since browsers do not show TIFF; the others are
 * kept byte for byte, the colour original), and as the file's own encoded image for a reader that
 * decodes it itself (`encoded`: OCR decodes a TIFF page straight from the TIFF, no PNG between).
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

/** A page's pixels where they are in the file: decode `bytes` at sharp's `page` = `index`. */
export interface EncodedPage {
	bytes: Buffer;
	/** 0-based page within `bytes`: a TIFF's page; 0 for any other image. */
	index: number;
}

/** A page not converted yet: a 300-page TIFF is turned into PNGs one page at a time. */
export interface PendingPage {
	page: number;
	/** The page as a book stores it, checked to decode. Never throws: failing, a `PageFailure`. */
	read(): Promise<PageImage | PageFailure>;
	/**
	 * The page's encoded image, not decoded yet (its decoder meets the pixel limit and any
	 * corruption), or why the file holds no image for it (a PDF page without a usable scan).
	 */
	encoded: EncodedPage | PageFailure;
}

/** The file's pages, or why the file as a whole cannot be read. */
export type ScanFile = { pages: PendingPage[] } | { error: OcrError };

export interface ScanOptions {
	/** Pixel limit per page (a decompression bomb is refused before it is decoded). */
	maxPixels?: number;
}

const mimeOf = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' } as const;

/** Reads `file` from disk and splits it; `file` is also how errors name it. Never throws. */
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

/** Splits a scan file's `bytes`; `file` is how errors name it. Never throws. */
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
	return singleImage(file, bytes, maxPixels);
}

/**
 * A JPEG, PNG or WebP: one page. Only its header is read here: a file that is one image too large
 * to decode, or whose header is broken, is refused whole (its pixels are checked when it is read).
 */
async function singleImage(file: string, bytes: Buffer, maxPixels: number): Promise<ScanFile> {
	try {
		await sharp(bytes, { limitInputPixels: maxPixels }).metadata();
	} catch (e) {
		return { error: imageError(file, 1, e) };
	}
	const encoded = { bytes, index: 0 };
	return { pages: [{ page: 1, encoded, read: () => keptAsIs(file, 1, bytes, maxPixels) }] };
}

async function pdfPages(file: string, bytes: Buffer, maxPixels: number): Promise<ScanFile> {
	let images;
	try {
		images = await pdfPageImages(bytes, { maxPixels });
	} catch (e) {
		if (e instanceof PdfError) return { error: err(e.code, { file }, `${file}: ${e.message}`) };
		return { error: imageError(file, 1, e) };
	}
	return {
		pages: images.map((p): PendingPage => {
			const { page } = p;
			if ('image' in p) {
				const encoded = { bytes: p.image, index: 0 };
				return { page, encoded, read: () => keptAsIs(file, page, p.image, maxPixels) };
			}
			const params = { file, ...p.error.params };
			const failure = {
				page,
				error: err(p.error.code, params, `${file} page ${page}: ${p.error.code}`)
			};
			return { page, encoded: failure, read: () => Promise.resolve(failure) };
		})
	};
}

async function tiffPages(file: string, bytes: Buffer, maxPixels: number): Promise<ScanFile> {
	let count: number;
	try {
		// Only the header is read. Each page of a multi-page TIFF meets the pixel limit when it is
		// decoded, so one oversized page does not cost the file its other pages; a TIFF of one page
		// is one image, refused whole when too large, as a PNG or JPEG is.
		count = Math.max(1, (await sharp(bytes, { limitInputPixels: false }).metadata()).pages ?? 1);
		if (count === 1) await sharp(bytes, { limitInputPixels: maxPixels }).metadata();
	} catch (e) {
		return { error: imageError(file, 1, e) };
	}
	return {
		pages: Array.from({ length: count }, (_, index) => ({
			page: index + 1,
			encoded: { bytes, index },
			read: () => tiffPageAsPng(file, bytes, index, maxPixels)
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
