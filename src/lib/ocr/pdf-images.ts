import { inflateSync } from 'node:zlib';
import { MAX_PIXELS } from './preprocess/image';
import {
	PDFArray,
	PDFDict,
	PDFDocument,
	PDFName,
	PDFNumber,
	PDFRawStream,
	PDFRef,
	EncryptedPDFError
} from 'pdf-lib';
import sharp from 'sharp';

/**
 * Nothing installed can render PDF pages (sharp's prebuilt libvips has no PDF loader, pdf-lib
 * cannot rasterise), so scanned PDFs are read by taking each page's largest embedded image:
 * that is the scan itself. JPEG (DCTDecode) and Flate-compressed 1/8-bit grey or RGB images
 * are decoded; CCITT/JBIG2/JPX images and born-digital pages are reported per page.
 */
export type PdfPageImage =
	| { page: number; image: Buffer }
	| { page: number; error: { code: string; params: Record<string, string | number> } };

export class PdfError extends Error {
	constructor(
		readonly code: 'ocr.pdfEncrypted' | 'ocr.pdfEmpty' | 'ocr.pdfCorrupt',
		message: string
	) {
		super(message);
	}
}

/**
 * `maxPixels`: a page whose scan declares more pixels is refused (ocr.tooManyPixels) before its
 * data is inflated, and no stream may inflate past its declared size: a small PDF cannot make the
 * server allocate gigabytes (a decompression bomb).
 */
export async function pdfPageImages(
	bytes: Buffer,
	{ maxPixels = MAX_PIXELS }: { maxPixels?: number } = {}
): Promise<PdfPageImage[]> {
	let doc: PDFDocument;
	try {
		doc = await PDFDocument.load(bytes, { updateMetadata: false });
	} catch (e) {
		// Matched by name too: pdf-lib's CJS and ESM builds each have their own error class.
		if (e instanceof EncryptedPDFError || (e instanceof Error && /encrypted/i.test(e.message)))
			throw new PdfError('ocr.pdfEncrypted', 'encrypted PDF');
		throw new PdfError('ocr.pdfCorrupt', e instanceof Error ? e.message : String(e));
	}
	if (doc.isEncrypted) throw new PdfError('ocr.pdfEncrypted', 'encrypted PDF');
	let pages;
	try {
		pages = doc.getPages();
	} catch (e) {
		// A header with no document behind it (no catalog, no page tree).
		throw new PdfError('ocr.pdfCorrupt', e instanceof Error ? e.message : String(e));
	}
	if (pages.length === 0) throw new PdfError('ocr.pdfEmpty', 'PDF has no pages');
	const out: PdfPageImage[] = [];
	for (const [i, p] of pages.entries()) {
		const page = i + 1;
		try {
			// The scan is the biggest picture on the page (logos and stamps are smaller).
			const [largest] = imageStreams(doc, p.node.Resources()).sort((a, b) => area(b) - area(a));
			if (!largest) {
				out.push({ page, error: { code: 'ocr.pdfPageNoImage', params: { page } } });
				continue;
			}
			if (area(largest) > maxPixels) {
				out.push({ page, error: { code: 'ocr.tooManyPixels', params: { page } } });
				continue;
			}
			out.push({ page, image: await decodeImageStream(largest) });
		} catch (e) {
			const detail = e instanceof Error ? e.message : String(e);
			out.push({ page, error: { code: 'ocr.pdfImageUnsupported', params: { page, detail } } });
		}
	}
	return out;
}

function imageStreams(doc: PDFDocument, resources: PDFDict | undefined): PDFRawStream[] {
	const xobjects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict);
	if (!xobjects) return [];
	const found: PDFRawStream[] = [];
	for (const [, ref] of xobjects.entries()) {
		const obj = ref instanceof PDFRef ? doc.context.lookup(ref) : ref;
		if (!(obj instanceof PDFRawStream)) continue;
		const subtype = obj.dict.get(PDFName.of('Subtype'));
		if (subtype === PDFName.of('Image')) found.push(obj);
		// Scanners sometimes wrap the image in a form XObject.
		else if (subtype === PDFName.of('Form'))
			found.push(...imageStreams(doc, obj.dict.lookupMaybe(PDFName.of('Resources'), PDFDict)));
	}
	return found;
}

function num(d: PDFDict, key: string): number {
	const v = d.lookup(PDFName.of(key));
	return v instanceof PDFNumber ? v.asNumber() : 0;
}

function area(s: PDFRawStream): number {
	return num(s.dict, 'Width') * num(s.dict, 'Height');
}

function filters(s: PDFRawStream): string[] {
	const f = s.dict.lookup(PDFName.of('Filter'));
	if (f instanceof PDFName) return [f.decodeText()];
	if (f instanceof PDFArray)
		return f.asArray().map((x) => (x instanceof PDFName ? x.decodeText() : String(x)));
	return [];
}

async function decodeImageStream(s: PDFRawStream): Promise<Buffer> {
	const f = filters(s);
	const bytes = Buffer.from(s.contents);
	if (f.length === 1 && f[0] === 'DCTDecode') return bytes;
	if (f.length <= 1 && (f[0] === 'FlateDecode' || f.length === 0)) {
		const width = num(s.dict, 'Width');
		const height = num(s.dict, 'Height');
		const bpc = num(s.dict, 'BitsPerComponent') || 8;
		// Never more than the declared image (3 channels at most), whatever the stream claims.
		const declared = Math.ceil((width * bpc) / 8) * height * 3;
		const raw = f.length ? inflateSync(bytes, { maxOutputLength: Math.max(1, declared) }) : bytes;
		const cs = s.dict.lookup(PDFName.of('ColorSpace'));
		const channels = cs === PDFName.of('DeviceRGB') ? 3 : cs === PDFName.of('DeviceGray') ? 1 : 0;
		if (s.dict.has(PDFName.of('DecodeParms')) && f.length)
			throw new Error('predictor-coded Flate image');
		if (bpc === 8 && channels) {
			if (raw.length < width * height * channels) throw new Error('truncated image data');
			return sharp(raw, { raw: { width, height, channels: channels as 1 | 3 } })
				.png()
				.toBuffer();
		}
		if (bpc === 1 && (channels === 1 || s.dict.has(PDFName.of('ImageMask')))) {
			const stride = Math.ceil(width / 8);
			if (raw.length < stride * height) throw new Error('truncated image data');
			const px = Buffer.alloc(width * height);
			// raw holds at least stride·height bytes (checked above), so every byte read is in range.
			// DeviceGray 1-bit: 1 is white; an image mask paints its 0 bits in the fill colour.
			for (let y = 0; y < height; y++)
				for (let x = 0; x < width; x++)
					px[y * width + x] = (raw[y * stride + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0;
			return sharp(px, { raw: { width, height, channels: 1 } })
				.png()
				.toBuffer();
		}
		throw new Error(`${bpc}-bit ${channels || 'indexed/other'} colour image`);
	}
	throw new Error(`image filter ${f.join('+')}`);
}
