import type { BBox, OcrPool, OcrResult, OcrWord } from './engine/ocr-pool';
import { loadCv } from './preprocess/cv';
import { MAX_PIXELS } from './preprocess/image';
import {
	decodeGrey,
	encodePng,
	invert,
	mapBox,
	preprocessPage,
	type Grey,
	type Preprocessed,
	type PreprocessOptions
} from './preprocess/index';
import { findTableQuad, squareQuad } from './preprocess/perspective';
import { compose } from './preprocess/transform';
import { openScanFile, splitScan } from './page-source';
import { checkField, flagAll, flagUnreliablePage } from './postprocess/fields';
import { proposeEntries } from './segment/entries';
import { gridMismatch } from './segment/grid-check';
import type { LayoutSpec } from './segment/layout';
import { detectRuling } from './segment/ruling';
import { columnStrips, eraseRuling, unionBox, wordsInZone } from './segment/zone-words';
import { imageError, type OcrError } from './scan-format';

export { sniffFormat, type OcrError } from './scan-format';

export interface OcrField {
	value: string;
	/** Minimum word confidence in [0,1]. */
	confidence: number;
	bbox: BBox;
	needsAttention: boolean;
	issues: string[];
}

export interface OcrEntry {
	bbox: BBox;
	fields: Record<string, OcrField>;
}

export interface OcrPage {
	page: number;
	width: number;
	height: number;
	text: string;
	words: OcrWord[];
	entries?: OcrEntry[];
	/** How the page was cleaned (not part of the CLI contract). */
	steps?: { rotate: number; skew: number; perspective: boolean; ms: number };
}

export interface OcrPageError {
	page: number;
	error: OcrError;
}

export interface OcrFileResult {
	file: string;
	pages: (OcrPage | OcrPageError)[];
	ms: number;
	/** Set when the whole file could not be read; `pages` is then empty. */
	error?: OcrError;
}

export interface OcrFileOptions {
	/** Register type (birth, death, marriage, …); entries are segmented only when given. */
	type?: string;
	/** Layout to segment entries with; required for entries (see segment/layout.ts). */
	template?: LayoutSpec;
	preprocess?: PreprocessOptions;
	/** Pixel limit per page (sharp's limitInputPixels). */
	maxPixels?: number;
	/** Read the whole page's text and words too (default true); entries alone need only zones. */
	fullText?: boolean;
	/** The name errors give the input when it is a buffer (default `<buffer>`). */
	name?: string;
	/** Called after each page, for progress on stderr. */
	onPage?: (done: number, total: number) => void;
}

export function isPageError(p: OcrPage | OcrPageError): p is OcrPageError {
	return 'error' in p;
}

/**
 * Reads a scan file (PNG, JPEG, multi-page TIFF, WebP, scanned PDF) and OCRs every page: cleanup,
 * then full-page text (PSM 3), then, with a type and layout, entries and their fields (PSM 6/7 per
 * zone). Never throws for a bad input: the file or page carries an `error` instead.
 */
export async function ocrFile(
	input: string | Buffer,
	opts: OcrFileOptions,
	pool: OcrPool
): Promise<OcrFileResult> {
	const t0 = performance.now();
	const file = typeof input === 'string' ? input : (opts.name ?? '<buffer>');
	const done = (pages: OcrFileResult['pages'], error?: OcrError): OcrFileResult => ({
		file,
		pages,
		ms: Math.round(performance.now() - t0),
		...(error ? { error } : {})
	});
	const maxPixels = opts.maxPixels ?? MAX_PIXELS;
	const scan =
		typeof input === 'string'
			? await openScanFile(input, { maxPixels })
			: await splitScan(file, input, { maxPixels });
	if ('error' in scan) return done([], scan.error);
	const pages: OcrFileResult['pages'] = [];
	for (const { page, encoded } of scan.pages) {
		if ('error' in encoded) pages.push(encoded);
		else {
			try {
				// Decoded straight from the file's own image: a TIFF page is not made a PNG first.
				pages.push(await ocrPage(encoded.bytes, page, encoded.index, opts, pool, maxPixels));
			} catch (e) {
				pages.push({ page, error: isOcrError(e) ? e : imageError(file, page, e) });
			}
		}
		opts.onPage?.(pages.length, scan.pages.length);
	}
	return done(pages);
}

function isOcrError(e: unknown): e is OcrError {
	return typeof e === 'object' && e !== null && 'code' in e && 'params' in e && 'message' in e;
}

async function ocrPage(
	image: Buffer,
	page: number,
	sharpPage: number | undefined,
	opts: OcrFileOptions,
	pool: OcrPool,
	maxPixels: number
): Promise<OcrPage> {
	const original = await decodeGrey(image, { page: sharpPage ?? 0, limitInputPixels: maxPixels });
	const pageAspect = opts.type ? opts.template?.pageAspect : undefined;
	const pre = await preprocessPage(original, { pageAspect, ...opts.preprocess });
	const laidOut =
		opts.type && opts.template
			? await segmentPage(pre, opts.template, opts.preprocess?.perspective !== false)
			: null;
	const upright = laidOut?.image ?? pre.image;
	const segmented = laidOut?.segmented ?? null;
	const back = invert(laidOut?.transform ?? pre.transform);
	const toOriginal = (b: BBox): BBox => clampBox(mapBox(back, b), original.width, original.height);
	// Entries are read from the page with its ruling erased: the table's body one column at a time
	// (or the whole page when its text is wanted too), the words then dealt to the field zones.
	// A column strip gives tesseract whole lines of its cells: per-zone crops lost far more tone
	// marks and took longer, and one block of the whole body mixed the columns' lines
	// (docs/BENCHMARKS.md).
	const cleaned = segmented?.erased ?? upright;
	const wantText = opts.fullText !== false;
	const body = segmented ? unionBox(segmented.regions.map((r) => r.bbox)) : null;
	let res: OcrResult | null = null;
	if (wantText) res = await pool.recognizePage(await encodePng(cleaned), { psm: 3 });
	else if (body && segmented) {
		const strips = columnStrips(body, segmented.columns, MIN_COLUMN * upright.width);
		const reads = await pool.recognizeRegions(cleaned, strips, { psm: 6, invertRetry: false });
		res = { text: '', words: reads.flatMap((r) => r.words), confidence: 0 };
	}
	const out: OcrPage = {
		page,
		width: original.width,
		height: original.height,
		text: wantText ? (res?.text ?? '') : '',
		words: wantText ? (res?.words.map((w) => ({ ...w, bbox: toOriginal(w.bbox) })) ?? []) : [],
		steps: {
			rotate: pre.steps.rotate,
			skew: Math.round(pre.steps.skew * 100) / 100,
			perspective: pre.steps.quad !== null || laidOut?.squared === true,
			ms: pre.steps.ms
		}
	};
	if (segmented) {
		const words = res?.words ?? [];
		const read = segmented.regions.map((r) => ({
			bbox: toOriginal(r.bbox),
			fields: r.fields.map((f) => {
				const checked = checkField(f.kind, wordsInZone(words, f.bbox));
				return { key: f.key, ...checked, bbox: toOriginal(f.bbox) };
			})
		}));
		const fields = read.flatMap((e) => e.fields);
		// A table that does not fit the book's grid was cut in the wrong places: no zone is trusted.
		const flagged = segmented.misfit
			? flagAll(fields, 'ocr.tableMisaligned')
			: flagUnreliablePage(fields);
		let at = 0;
		out.entries = read.map((e) => {
			const mine = flagged.slice(at, (at += e.fields.length));
			return {
				bbox: e.bbox,
				fields: Object.fromEntries(
					mine.map(({ key, ...field }): [string, OcrField] => [key, field])
				)
			};
		});
	} else if (opts.type) {
		out.entries = [];
	}
	return out;
}

/**
 * Segments the cleaned page. When its table misfits the template's grid, the table itself is
 * squared and segmented again, and kept if it then fits: a photo's page outline found a little
 * off (a shadowed corner) leaves the table a trapezoid whose rules cut the cells wrong. This is
 * part of the perspective correction: `squareTable` is false when that is turned off.
 */
async function segmentPage(pre: Preprocessed, template: LayoutSpec, squareTable: boolean) {
	const plain = {
		image: pre.image,
		transform: pre.transform,
		segmented: await segment(pre.image, template),
		squared: false
	};
	if (!plain.segmented.misfit || !squareTable) return plain;
	const { cv } = await loadCv();
	const quad = findTableQuad(cv, pre.image);
	if (!quad) return plain;
	const square = squareQuad(cv, pre.image, quad);
	const again = await segment(square.image, template);
	if (again.misfit) return plain;
	return {
		image: square.image,
		transform: compose(pre.transform, square.transform),
		segmented: again,
		squared: true
	};
}

/**
 * Entry regions and field zones from the page's ruling, the page with that ruling erased, the
 * column rules, and whether the table found misfits the template's grid.
 */
async function segment(image: Grey, template: LayoutSpec) {
	const { cv } = await loadCv();
	const ruling = detectRuling(cv, image);
	const regions = proposeEntries(ruling, template, image.width, image.height);
	const erased = eraseRuling(image, ruling, Math.max(3, Math.round(image.width * 0.002)));
	const columns = ruling.vertical.map((r) => r.at);
	const misfit =
		template.layout === 'table' && template.grid
			? gridMismatch(regions, columns, template.grid)
			: null;
	return { regions, erased, columns, misfit };
}

// Narrower than this share of the page, the space between two vertical rules is a double rule.
const MIN_COLUMN = 0.01;

function clampBox(b: BBox, w: number, h: number): BBox {
	const c = (v: number, hi: number) => Math.min(hi, Math.max(0, v));
	return [c(b[0], w), c(b[1], h), c(b[2], w), c(b[3], h)];
}

/** The `sohoa ocr --json` line for a file: exactly the contract's keys (DESIGN.md), plus `error`. */
export function toContractJson(r: OcrFileResult): object {
	return {
		file: r.file,
		pages: r.pages.map((p) =>
			isPageError(p)
				? { page: p.page, error: p.error }
				: {
						page: p.page,
						width: p.width,
						height: p.height,
						text: p.text,
						words: p.words.map((w) => ({ text: w.text, confidence: w.confidence, bbox: w.bbox })),
						...(p.entries
							? {
									entries: p.entries.map((e) => ({
										bbox: e.bbox,
										fields: Object.fromEntries(
											Object.entries(e.fields).map(([k, f]) => [
												k,
												{ value: f.value, confidence: f.confidence, bbox: f.bbox }
											])
										)
									}))
								}
							: {})
					}
		),
		ms: r.ms,
		...(r.error ? { error: r.error } : {})
	};
}
