/**
 * One entry's PDF for the national database (DOMAIN.md §2): the entry's region of its scanned page
 * (the whole page where the entry fills it), levelled, contrast-stretched, as one JPEG at the
 * largest resolution and quality that keep the file within the size limit. Built only from the
 * inputs, with fixed metadata, so the same entry and scan give the same bytes.
 */
import sharp from 'sharp';
import { PDFDocument } from 'pdf-lib';
import { loadCv } from '../../ocr/preprocess/cv';
import { estimateSkew } from '../../ocr/preprocess/deskew';

export type Box = [number, number, number, number];

/** "At most 100 KB" (the Sơn La plan); counted in thousands so no reading of "KB" exceeds it. */
export const MAX_PDF_BYTES = 100_000;
/** PDF dates of every export: the bytes must not depend on when the export ran. */
export const FIXED_PDF_DATE = new Date(Date.UTC(2000, 0, 1));

/** A scanned page decoded once, upright, for cutting all its entries. */
export interface PageImage {
	raw: Buffer;
	width: number;
	height: number;
	/** The page's skew in degrees (counter-clockwise positive); 0 when too small to correct. */
	skew: number;
	/** Grey levels of the page's 1st and 99th percentiles: its ink and its paper. */
	levels: [number, number];
}

/** The grey levels below which `share` of the pixels lie, for each share. */
export function percentiles(grey: Uint8Array, shares: number[]): number[] {
	const hist = new Uint32Array(256);
	for (const v of grey) hist[v]!++;
	return shares.map((share) => {
		const target = share * grey.length;
		let seen = 0;
		for (let v = 0; v < 256; v++) {
			seen += hist[v]!;
			if (seen >= target) return v;
		}
		return 255;
	});
}

/**
 * Decodes a stored scan (JPEG, PNG, TIFF…) upright (EXIF), on white, to RGB, and measures its
 * skew on the whole page: one entry's strip has too few long lines to vote (its ruling joins into
 * one grid), the page has plenty.
 */
export async function loadPageImage(
	bytes: Buffer,
	opts: { minSkewDeg?: number } = {}
): Promise<PageImage> {
	const { data, info } = await sharp(bytes, { limitInputPixels: 120_000_000 })
		.rotate()
		.flatten({ background: '#ffffff' })
		.toColourspace('srgb')
		.removeAlpha()
		.raw()
		.toBuffer({ resolveWithObject: true });
	// Half size is what estimateSkew works on anyway; a JPEG shrinks as it is decoded.
	const grey = await sharp(bytes, { limitInputPixels: 120_000_000 })
		.rotate()
		.flatten({ background: '#ffffff' })
		.resize({ width: Math.max(1, Math.round(info.width / 2)) })
		.greyscale()
		.raw()
		.toBuffer({ resolveWithObject: true });
	const greyData = new Uint8Array(grey.data.buffer, grey.data.byteOffset, grey.data.length);
	const [low, high] = percentiles(greyData, [0.01, 0.99]) as [number, number];
	const { cv } = await loadCv();
	const est = estimateSkew(cv, {
		data: greyData,
		width: grey.info.width,
		height: grey.info.height
	});
	const skew = est.lines >= 2 && Math.abs(est.angle) >= (opts.minSkewDeg ?? 0.25) ? est.angle : 0;
	return { raw: data, width: info.width, height: info.height, skew, levels: [low, high] };
}

export interface EntryPdfInput {
	page: PageImage;
	/** The entry's region [x0,y0,x1,y1] in page pixels; null: the whole page. */
	region: Box | null;
	/** PDF title (shown by viewers): e.g. the file's name. */
	title: string;
}

export interface EntryPdfOptions {
	maxBytes?: number;
	/** Greyscale instead of colour (smaller; the national plan asks for colour). */
	greyscale?: boolean;
}

export interface EntryPdf {
	bytes: Uint8Array;
	/** The embedded JPEG, for checking what a reader will see. */
	jpeg: Buffer;
	width: number;
	height: number;
	quality: number;
	/** Pixels of the JPEG per pixel of the scan. */
	scale: number;
	/** Degrees the crop was turned to level its lines (counter-clockwise positive). */
	skew: number;
	/** True when the whole page was kept (no region, or the entry fills the page). */
	wholePage: boolean;
}

/** Pages keep a margin around the entry so its ruling and neighbours' edges give context. */
const MARGIN = 0.012;
/** An entry taller than this share of its page is exported as the whole page. */
const WHOLE_PAGE_SHARE = 0.8;
/** The largest and smallest widths tried (pixels): beyond 2000 no scan gets more legible. */
const MAX_WIDTH = 2000;
const MIN_WIDTH = 320;
const QUALITIES = [82, 74, 66, 58, 50, 42];
/** Scan pixels per PDF point: sizes the page as the scan was, at ~200 dpi. */
const PX_PER_PT = 200 / 72;

/**
 * The crop box in page pixels, clamped; null when the whole page should be kept. On a skewed page
 * a row drifts up or down along its width: the box grows by that drift so no end is cut off.
 */
export function cropBox(
	region: Box | null,
	width: number,
	height: number,
	skewDeg = 0
): Box | null {
	if (!region || region.some((v) => !Number.isFinite(v))) return null;
	const m = Math.round(MARGIN * Math.max(width, height));
	const drift = Math.ceil(
		(Math.abs(Math.tan((skewDeg * Math.PI) / 180)) * Math.abs(region[2] - region[0])) / 2
	);
	const x0 = Math.max(0, Math.floor(Math.min(region[0], region[2])) - m);
	const y0 = Math.max(0, Math.floor(Math.min(region[1], region[3])) - m - drift);
	const x1 = Math.min(width, Math.ceil(Math.max(region[0], region[2])) + m);
	const y1 = Math.min(height, Math.ceil(Math.max(region[1], region[3])) + m + drift);
	if (x1 - x0 < 8 || y1 - y0 < 8) return null;
	if ((y1 - y0) / height >= WHOLE_PAGE_SHARE) return null;
	return [x0, y0, x1, y1];
}

interface Cleaned {
	raw: Buffer;
	width: number;
	height: number;
	channels: 1 | 3;
	/** Width of the levelled crop in scan pixels, before it was brought to MAX_WIDTH. */
	sourceWidth: number;
	skew: number;
	wholePage: boolean;
}

/** Crop, level and stretch the contrast once; every size tried is encoded from this. */
async function clean(input: EntryPdfInput, opts: EntryPdfOptions): Promise<Cleaned> {
	// Regions are in the coordinates OCR saw: the page upright (loadPageImage).
	const { raw, width, height, skew } = input.page;
	const box = cropBox(input.region, width, height, skew);
	let img = sharp(raw, { raw: { width, height, channels: 3 } });
	if (box)
		img = img.extract({
			left: box[0],
			top: box[1],
			width: box[2] - box[0],
			height: box[3] - box[1]
		});
	// Materialised first: sharp would otherwise rotate before it extracts.
	const cut = await img.raw().toBuffer({ resolveWithObject: true });
	let out = sharp(cut.data, {
		raw: { width: cut.info.width, height: cut.info.height, channels: 3 }
	});
	// The levelled width in scan pixels (for `scale`: how much the JPEG was shrunk).
	const r = (Math.abs(skew) * Math.PI) / 180;
	const sourceWidth = Math.round(cut.info.width * Math.cos(r) + cut.info.height * Math.sin(r));
	// sharp turns clockwise; the estimate is counter-clockwise positive.
	if (skew) out = out.rotate(-skew, { background: '#ffffff' });
	// The page's ink to black and its paper to white (measured once per page: a per-crop
	// histogram stretch cost ten times the rest of the crop's processing).
	const [low, high] = input.page.levels;
	if (high - low >= 32 && (low > 0 || high < 255)) {
		const a = 255 / (high - low);
		out = out.linear(a, -low * a);
	}
	// Brought to the largest width tried here, once: every quality tried encodes without resizing.
	if (sourceWidth > MAX_WIDTH) out = out.resize({ width: MAX_WIDTH, kernel: 'lanczos3' });
	out = opts.greyscale ? out.greyscale() : out.toColourspace('srgb');
	const cleaned = await out.removeAlpha().raw().toBuffer({ resolveWithObject: true });
	return {
		raw: cleaned.data,
		width: cleaned.info.width,
		height: cleaned.info.height,
		channels: cleaned.info.channels === 1 ? 1 : 3,
		sourceWidth,
		skew,
		wholePage: !box
	};
}

function encode(c: Cleaned, width: number, quality: number) {
	let img = sharp(c.raw, { raw: { width: c.width, height: c.height, channels: c.channels } });
	if (c.channels === 1) img = img.toColourspace('b-w');
	if (width !== c.width) img = img.resize({ width, kernel: 'lanczos3' });
	return img.jpeg({ quality, chromaSubsampling: '4:2:0' }).toBuffer({ resolveWithObject: true });
}

async function toPdf(jpeg: Buffer, w: number, h: number, scale: number, title: string) {
	const doc = await PDFDocument.create({ updateMetadata: false });
	const image = await doc.embedJpg(jpeg);
	const pw = w / scale / PX_PER_PT;
	const ph = h / scale / PX_PER_PT;
	const page = doc.addPage([pw, ph]);
	page.drawImage(image, { x: 0, y: 0, width: pw, height: ph });
	doc.setTitle(title);
	doc.setProducer('sohoa');
	doc.setCreator('sohoa');
	doc.setCreationDate(FIXED_PDF_DATE);
	doc.setModificationDate(FIXED_PDF_DATE);
	return doc.save({ useObjectStreams: true });
}

/**
 * The entry's PDF: widths from the largest useful down, each tried at falling JPEG qualities,
 * until the whole PDF fits `maxBytes`. The first fit is kept, so the result is the sharpest the
 * limit allows; a result is always found, because the width keeps shrinking.
 */
export async function buildEntryPdf(
	input: EntryPdfInput,
	opts: EntryPdfOptions = {}
): Promise<EntryPdf> {
	const maxBytes = opts.maxBytes ?? MAX_PDF_BYTES;
	const c = await clean(input, opts);
	let width = Math.min(c.width, MAX_WIDTH);
	for (;;) {
		for (const quality of QUALITIES) {
			const { data: jpeg, info } = await encode(c, width, quality);
			// Header, page, image dictionary and metadata take about a kilobyte.
			if (jpeg.length + 1500 > maxBytes) continue;
			const height = info.height;
			const scale = width / c.sourceWidth;
			const bytes = await toPdf(jpeg, width, height, scale, input.title);
			if (bytes.length <= maxBytes) {
				return { bytes, jpeg, width, height, quality, scale, skew: c.skew, wholePage: c.wholePage };
			}
		}
		if (width <= MIN_WIDTH / 2) {
			throw new Error(`entry image cannot fit ${maxBytes} bytes even at ${width} px wide`);
		}
		width = Math.max(Math.round(width * 0.8), Math.round(MIN_WIDTH / 2));
	}
}
