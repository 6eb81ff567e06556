import type { Worker } from 'tesseract.js';
import type { FieldKind } from '../../registers/field-kinds';
import type { OcrWord } from '../engine/ocr-pool';
import { ocrAssetUrls } from './asset-paths';
import { greyInPlace, planCrop, toPageBox, type CropPlan, type PageBox } from './crop-plan';

/**
 * OCR of one region of a page image, in the browser: the clerk redraws a field's box and reads
 * it again without a round trip to the OCR workers. The same model as the server
 * (vie 4.0.0_best_int, LSTM only) and the same field clean-up (postprocess/fields.ts), so a value
 * read here is judged like a prefilled one. tesseract.js and its files come from our own server
 * (asset-paths.ts); nothing is fetched from a CDN.
 */

export interface RegionReading {
	/** The cleaned value, NFC (lines joined by spaces, as the server reads a field). */
	text: string;
	/** The weakest word's confidence in [0,1]; 0 when nothing was read. */
	confidence: number;
	/** Why a clerk should look (`ocr.lowConfidence`, `ocr.kindMismatch`, … as on the server). */
	issues: string[];
	/** The words read, in page pixels. */
	words: OcrWord[];
}

export interface RegionOcrOptions {
	/** The register field's kind: decides the clean-up and the checks; plain text when absent. */
	kind?: FieldKind;
}

export type RegionOcrErrorCode =
	| 'regionOcr.badBox'
	| 'regionOcr.imageNotLoaded'
	| 'regionOcr.assetMissing'
	| 'regionOcr.unsupported'
	| 'regionOcr.failed';

/** A refusal with an i18n code (src/lib/i18n/region-messages.ts) and its parameters. */
export class RegionOcrError extends Error {
	constructor(
		readonly code: RegionOcrErrorCode,
		readonly params: Record<string, string | number> = {}
	) {
		super(code);
		this.name = 'RegionOcrError';
	}
}

type ImageInput = HTMLImageElement | ImageBitmap | string;

// One worker per browser tab, made on first use (~2 MB of model, a few MB of WebAssembly) and
// kept: a module singleton is right here because this module only ever runs in a browser.
let worker: Promise<Worker> | null = null;
let workerPsm: number | null = null;
// Reads take turns: the page segmentation mode is a worker setting, so two interleaved reads
// could each run with the other's.
let turn: Promise<unknown> = Promise.resolve();

function inTurn<T>(fn: () => Promise<T>): Promise<T> {
	const run = turn.then(fn, fn);
	turn = run.catch(() => {});
	return run;
}

function detail(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}

async function startWorker(): Promise<Worker> {
	const { createWorker, OEM } = await import('tesseract.js');
	const abs = (p: string) => new URL(p, window.location.href).href;
	// tesseract.js 7 never settles createWorker when the model fails to load (its start-up chain
	// ends in `.catch(() => {})`), but it does report the failure to errorHandler: race on that.
	let fail: (e: unknown) => void = () => {};
	const failed = new Promise<never>((_, reject) => (fail = reject));
	const created = createWorker('vie', OEM.LSTM_ONLY, {
		workerPath: abs(ocrAssetUrls.workerPath),
		corePath: abs(ocrAssetUrls.corePath),
		langPath: abs(ocrAssetUrls.langPath),
		gzip: true,
		// The files' URLs are versioned and cached by the browser for good; a second copy in
		// IndexedDB would only take room.
		cacheMethod: 'none',
		// Load the worker from its URL, not through a blob: wrapper (simpler for a strict CSP).
		workerBlobURL: false,
		// Later failures (of a read) also reject that read's own promise; this one is settled by then.
		errorHandler: (e: unknown) => fail(e)
	});
	return Promise.race([created, failed]);
}

function sharedWorker(): Promise<Worker> {
	if (!worker) {
		workerPsm = null;
		worker = startWorker().catch((e: unknown) => {
			worker = null; // the next call tries again (the server may be back)
			throw new RegionOcrError('regionOcr.assetMissing', { detail: detail(e) });
		});
	}
	return worker;
}

/** Stops the shared worker (e.g. when the workbench is left); the next read starts a new one. */
export async function disposeRegionOcr(): Promise<void> {
	const w = worker;
	worker = null;
	workerPsm = null;
	if (w) await (await w.catch(() => null))?.terminate();
}

async function loadImage(image: ImageInput): Promise<HTMLImageElement | ImageBitmap> {
	if (typeof image !== 'string' && !(image instanceof HTMLImageElement)) return image;
	const img = typeof image === 'string' ? new Image() : image;
	if (typeof image === 'string') img.src = image;
	if (img.complete && img.naturalWidth > 0) return img;
	try {
		await img.decode();
	} catch (e) {
		throw new RegionOcrError('regionOcr.imageNotLoaded', { detail: img.src || detail(e) });
	}
	if (img.naturalWidth === 0)
		throw new RegionOcrError('regionOcr.imageNotLoaded', { detail: img.src });
	return img;
}

function sizeOf(img: HTMLImageElement | ImageBitmap): { width: number; height: number } {
	return img instanceof HTMLImageElement
		? { width: img.naturalWidth, height: img.naturalHeight }
		: { width: img.width, height: img.height };
}

/** The region on a white canvas: padded, scaled, grey. */
function crop(img: HTMLImageElement | ImageBitmap, plan: CropPlan): HTMLCanvasElement {
	const canvas = document.createElement('canvas');
	canvas.width = plan.width;
	canvas.height = plan.height;
	const ctx = canvas.getContext('2d', { willReadFrequently: true });
	if (!ctx) throw new RegionOcrError('regionOcr.unsupported');
	ctx.fillStyle = '#fff';
	ctx.fillRect(0, 0, canvas.width, canvas.height);
	ctx.imageSmoothingEnabled = true;
	ctx.imageSmoothingQuality = 'high';
	const [x0, y0, x1, y1] = plan.box;
	const at = plan.pad * plan.scale;
	ctx.drawImage(
		img,
		x0,
		y0,
		x1 - x0,
		y1 - y0,
		at,
		at,
		(x1 - x0) * plan.scale,
		(y1 - y0) * plan.scale
	);
	const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height);
	greyInPlace(pixels.data);
	ctx.putImageData(pixels, 0, 0);
	return canvas;
}

/**
 * Reads the text inside `box` ([x0,y0,x1,y1] in the image's own pixels, i.e. page pixels for a
 * page image) with tesseract.js in this tab. The first call loads the worker and the model; later
 * calls reuse them. Refusals are RegionOcrError with an i18n code.
 */
export async function recognizeRegion(
	image: ImageInput,
	box: readonly [number, number, number, number],
	opts: RegionOcrOptions = {}
): Promise<RegionReading> {
	if (typeof document === 'undefined' || typeof Worker === 'undefined')
		throw new RegionOcrError('regionOcr.unsupported');
	const img = await loadImage(image);
	const { width, height } = sizeOf(img);
	const plan = planCrop(box, width, height);
	if (!plan) throw new RegionOcrError('regionOcr.badBox', { width, height });
	let canvas: HTMLCanvasElement;
	try {
		canvas = crop(img, plan);
	} catch (e) {
		if (e instanceof RegionOcrError) throw e;
		// e.g. an image from another origin, which the canvas may not read
		throw new RegionOcrError('regionOcr.imageNotLoaded', { detail: detail(e) });
	}
	const [w, fields, kinds] = await Promise.all([
		sharedWorker(),
		import('../postprocess/fields'),
		import('../postprocess/ocr-kind')
	]);
	const data = await inTurn(async () => {
		try {
			if (workerPsm !== plan.psm) {
				await w.setParameters({
					tessedit_pageseg_mode: String(plan.psm) as never,
					user_defined_dpi: '300'
				});
				workerPsm = plan.psm;
			}
			// Handed over as PNG bytes encoded now: given the canvas, tesseract.js calls toBlob(),
			// which Chromium runs in idle time and which cost ~1 s per read on a busy page (measured).
			const png = canvas.toDataURL('image/png');
			return (await w.recognize(png, {}, { text: true, blocks: true })).data;
		} catch (e) {
			throw new RegionOcrError('regionOcr.failed', { detail: detail(e) });
		}
	});
	const words: OcrWord[] = [];
	for (const b of data.blocks ?? [])
		for (const p of b.paragraphs)
			for (const l of p.lines)
				for (const wd of l.words) {
					const text = wd.text.normalize('NFC').trim();
					if (!text) continue;
					const { x0, y0, x1, y1 } = wd.bbox;
					words.push({
						text,
						confidence: Math.round(wd.confidence * 10) / 1000,
						bbox: toPageBox([x0, y0, x1, y1], plan) as PageBox
					});
				}
	const checked = fields.checkField(opts.kind ? kinds.ocrKindOf(opts.kind) : 'text', words);
	return {
		text: checked.value.normalize('NFC'),
		confidence: checked.confidence,
		issues: checked.issues,
		words
	};
}
