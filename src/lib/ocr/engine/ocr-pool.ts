import os from 'node:os';
import { createWorker, OEM, type Worker } from 'tesseract.js';
import { decodeGrey, type Grey } from '../preprocess/image';
import { tessPaths } from './tessdata';

/** [x0, y0, x1, y1] in pixels of the image given to the engine, x1/y1 exclusive. */
export type BBox = [number, number, number, number];

export interface OcrWord {
	text: string;
	/** In [0,1] (tesseract's 0–100 divided by 100). */
	confidence: number;
	bbox: BBox;
}

export interface OcrResult {
	/** Lines separated by `\n`, NFC-normalised, no trailing blanks. */
	text: string;
	words: OcrWord[];
	/** Mean word confidence in [0,1]; 0 when nothing was read. */
	confidence: number;
}

/** Tesseract page segmentation modes we use: 3 automatic layout, 4 one column, 6 one block, 7 one line, 11 sparse. */
export type Psm = 3 | 4 | 6 | 7 | 8 | 11 | 13;

export interface RecognizeOptions {
	/** Default 3 (automatic layout) for pages: it copes with columns and stray marks (MEASURED.md). */
	psm?: Psm;
	/** Written to tesseract so it does not guess (and print) the resolution. Default 300. */
	dpi?: number;
	/** Restrict the characters tesseract may output (e.g. digits for ID fields). */
	whitelist?: string;
	/**
	 * Default true: a line read poorly is read again inverted, in case it is light text on dark.
	 * Cells of a register hold none, and on noisy photos the retries cost ~6% of the CPU.
	 */
	invertRetry?: boolean;
}

export interface OcrPool {
	readonly size: number;
	recognizePage(image: Buffer, opts?: RecognizeOptions): Promise<OcrResult>;
	/**
	 * One result per region (same order), word boxes in the coordinates of `image`: an encoded
	 * image, or the pixels themselves (the pipeline's cleaned page, which is then never encoded).
	 */
	recognizeRegions(
		image: Buffer | Grey,
		regions: BBox[],
		opts?: RecognizeOptions
	): Promise<OcrResult[]>;
	close(): Promise<void>;
}

/**
 * How many pages to have under way for `threads` OCR threads: one more, so that a thread that
 * finishes a page finds the next one already cleaned (preprocessing runs on the main thread).
 */
export function ocrPageAhead(threads: number): number {
	return Math.max(1, threads) + 1;
}

export interface OcrPoolOptions {
	/** Number of tesseract workers (each a thread with ~160–200 MB). Default: available cores. */
	size?: number;
}

interface Slot {
	worker: Worker;
	/** Parameters last sent, so a job only pays for setParameters when they change. */
	params: string;
}

interface Job {
	run(slot: Slot): Promise<void>;
	fail(err: unknown): void;
}

// Smallest region worth sending to tesseract; anything thinner is a ruling or noise.
const MIN_REGION = 4;

export function createOcrPool(options: OcrPoolOptions = {}): OcrPool {
	const size = Math.max(1, options.size ?? os.availableParallelism());
	const idle: Slot[] = [];
	const queue: Job[] = [];
	const starting: Promise<Slot>[] = [];
	let created = 0;
	let closed = false;
	const all: Promise<Slot>[] = [];

	async function spawn(): Promise<Slot> {
		const p = tessPaths();
		const worker = await createWorker('vie', OEM.LSTM_ONLY, {
			langPath: p.langPath,
			workerPath: p.workerPath,
			corePath: p.corePath,
			gzip: true,
			cacheMethod: 'none',
			// Worker errors reject the job's promise; without a handler tesseract.js also throws globally.
			errorHandler: () => {}
		});
		return { worker, params: '' };
	}

	function pump(): void {
		while (queue.length > 0 && idle.length > 0) {
			const slot = idle.pop()!;
			const job = queue.shift()!;
			void job.run(slot).finally(() => {
				idle.push(slot);
				pump();
			});
		}
		while (queue.length > starting.length && created < size && !closed) {
			created++;
			const s = spawn();
			starting.push(s);
			all.push(s);
			s.then(
				(slot) => {
					void starting.splice(starting.indexOf(s), 1);
					idle.push(slot);
					pump();
				},
				(err) => {
					void starting.splice(starting.indexOf(s), 1);
					created--;
					// Nothing can run without a worker: fail what is waiting rather than hang.
					if (created === 0) for (const job of queue.splice(0)) job.fail(err);
				}
			);
		}
	}

	function schedule<T>(fn: (slot: Slot) => Promise<T>): Promise<T> {
		if (closed) return Promise.reject(new Error('ocr pool is closed'));
		return new Promise<T>((resolve, reject) => {
			queue.push({ run: (slot) => fn(slot).then(resolve, reject), fail: reject });
			pump();
		});
	}

	async function recognize(
		slot: Slot,
		png: Buffer,
		opts: RecognizeOptions,
		words: 'blocks' | 'tsv' = 'blocks'
	): Promise<OcrResult> {
		const params = {
			tessedit_pageseg_mode: String(opts.psm ?? 3),
			user_defined_dpi: String(opts.dpi ?? 300),
			tessedit_char_whitelist: opts.whitelist ?? '',
			tessedit_do_invert: opts.invertRetry === false ? '0' : '1',
			// Keeps "Estimating resolution…" and other chatter off stderr.
			debug_file: '/dev/null'
		};
		const key = JSON.stringify(params);
		if (slot.params !== key) {
			await slot.worker.setParameters(params as never);
			slot.params = key;
		}
		if (words === 'tsv') {
			// Words as tesseract's TSV table: ~5% less CPU than its JSON tree of blocks down to
			// symbols and their choices, which tesseract.js builds and parses on every read.
			const { data } = await slot.worker.recognize(
				png,
				{},
				{ text: false, blocks: false, tsv: true }
			);
			return fromTsv(data.tsv ?? '');
		}
		const { data } = await slot.worker.recognize(png, {}, { text: true, blocks: true });
		return toResult(data);
	}

	return {
		size,
		recognizePage(image, opts = {}) {
			return schedule((slot) => recognize(slot, image, opts));
		},
		async recognizeRegions(image, regions, opts = {}) {
			// Decoded once: cutting a few hundred zones out of the encoded page would decode it each time.
			const page = Buffer.isBuffer(image) ? await decodeGrey(image) : image;
			return Promise.all(
				regions.map(async (r) => {
					const x0 = clamp(Math.round(r[0]), 0, page.width);
					const y0 = clamp(Math.round(r[1]), 0, page.height);
					const x1 = clamp(Math.round(r[2]), 0, page.width);
					const y1 = clamp(Math.round(r[3]), 0, page.height);
					if (x1 - x0 < MIN_REGION || y1 - y0 < MIN_REGION) return emptyResult();
					const box = { left: x0, top: y0, width: x1 - x0, height: y1 - y0 };
					// Blank cells are most of a register page; tesseract has nothing to find there.
					if (!hasInk(page, box)) return emptyResult();
					const crop = paddedPgm(page, box, REGION_PAD);
					const res = await schedule((slot) => recognize(slot, crop, { psm: 6, ...opts }, 'tsv'));
					return shift(res, x0 - REGION_PAD, y0 - REGION_PAD, [x0, y0, x1, y1]);
				})
			);
		},
		async close() {
			closed = true;
			const slots = await Promise.allSettled(all);
			await Promise.all(
				slots.map((s) => (s.status === 'fulfilled' ? s.value.worker.terminate() : undefined))
			);
		}
	};
}

// A white margin around a region helps tesseract with text touching the crop edge.
const REGION_PAD = 10;

type Box = { left: number; top: number; width: number; height: number };

/**
 * A region of the page on a white margin, as binary PGM: tesseract's image library reads it
 * as it is, where a PNG of every strip cost the main thread ~60 ms a page to compress and the
 * worker more to inflate (docs/BENCHMARKS.md).
 */
export function paddedPgm(page: Grey, box: Box, pad: number): Buffer {
	const w = box.width + 2 * pad;
	const h = box.height + 2 * pad;
	const header = Buffer.from(`P5\n${w} ${h}\n255\n`, 'latin1');
	const out = Buffer.alloc(header.length + w * h, 255);
	header.copy(out);
	for (let y = 0; y < box.height; y++) {
		const from = (box.top + y) * page.width + box.left;
		out.set(page.data.subarray(from, from + box.width), header.length + (y + pad) * w + pad);
	}
	return out;
}

// Fewer ink pixels than this in a zone is dust or a ruling's end, not a character.
const MIN_INK_PIXELS = 12;
// Ink is this much darker than the zone's paper; faded ink on grey scans is far from black.
const INK_CONTRAST = 60;

/** Whether a zone of the page holds anything clearly darker than its paper. */
function hasInk(page: Grey, box: Box): boolean {
	const { data, width } = page;
	const right = box.left + box.width;
	const bottom = box.top + box.height;
	let paper = 0;
	for (let y = box.top; y < bottom; y++)
		for (let i = y * width + box.left, end = y * width + right; i < end; i++)
			if (data[i]! > paper) paper = data[i]!;
	let dark = 0;
	for (let y = box.top; y < bottom; y++)
		for (let i = y * width + box.left, end = y * width + right; i < end; i++)
			if (data[i]! < paper - INK_CONTRAST && ++dark >= MIN_INK_PIXELS) return true;
	return false;
}

function clamp(v: number, lo: number, hi: number): number {
	return Math.min(hi, Math.max(lo, v));
}

export function emptyResult(): OcrResult {
	return { text: '', words: [], confidence: 0 };
}

interface TessBBox {
	x0: number;
	y0: number;
	x1: number;
	y1: number;
}
interface TessWord {
	text: string;
	confidence: number;
	bbox: TessBBox;
}
interface TessPage {
	text: string;
	blocks: { paragraphs: { lines: { words: TessWord[] }[] }[] }[] | null;
}

export function toResult(data: TessPage): OcrResult {
	const words: OcrWord[] = [];
	for (const b of data.blocks ?? [])
		for (const p of b.paragraphs)
			for (const l of p.lines)
				for (const w of l.words) {
					const text = w.text.normalize('NFC').trim();
					if (!text) continue;
					words.push({
						text,
						confidence: round3(w.confidence / 100),
						bbox: [w.bbox.x0, w.bbox.y0, w.bbox.x1, w.bbox.y1]
					});
				}
	return { text: cleanText(data.text), words, confidence: meanConfidence(words) };
}

/** A read's confidence: the mean of its words'; 0 when nothing was read. */
function meanConfidence(words: OcrWord[]): number {
	return words.length ? round3(words.reduce((s, w) => s + w.confidence, 0) / words.length) : 0;
}

// Columns of tesseract's TSV rows: level, page, block, paragraph, line, word, left, top, width,
// height, confidence (0–100), text. Level 5 rows are words.
const TSV_WORD = 5;

/**
 * A read from tesseract's TSV output: its words, and its text rebuilt from them as tesseract
 * writes it (words of a line joined by spaces, a blank line between paragraphs).
 */
export function fromTsv(tsv: string): OcrResult {
	const words: OcrWord[] = [];
	const out: string[] = [];
	let line = '';
	let para = '';
	for (const row of tsv.split('\n')) {
		const c = row.split('\t');
		if (c.length < 12 || Number(c[0]) !== TSV_WORD) continue;
		const text = c.slice(11).join('\t').normalize('NFC').trim();
		if (!text) continue;
		const [left, top, width, height, conf] = c.slice(6, 11).map(Number) as [
			number,
			number,
			number,
			number,
			number
		];
		words.push({
			text,
			// Whole percents, as the JSON tree gives them: LOW_WORD_CONFIDENCE was tuned on those.
			confidence: Math.floor(conf) / 100,
			bbox: [left, top, left + width, top + height]
		});
		const lineKey = c.slice(2, 5).join('.');
		const paraKey = c.slice(2, 4).join('.');
		if (lineKey === line) out[out.length - 1] += ` ${text}`;
		else {
			if (out.length > 0 && paraKey !== para) out.push('');
			out.push(text);
		}
		line = lineKey;
		para = paraKey;
	}
	return { text: cleanText(out.join('\n')), words, confidence: meanConfidence(words) };
}

/** NFC, no trailing spaces, at most one blank line in a row, no leading/trailing blank lines. */
export function cleanText(text: string): string {
	return text
		.normalize('NFC')
		.split('\n')
		.map((l) => l.replace(/\s+$/u, ''))
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.replace(/^\n+|\n+$/g, '');
}

function round3(v: number): number {
	return Math.round(v * 1000) / 1000;
}

function shift(res: OcrResult, dx: number, dy: number, clip: BBox): OcrResult {
	return {
		...res,
		words: res.words.map((w) => ({
			...w,
			bbox: [
				clamp(w.bbox[0] + dx, clip[0], clip[2]),
				clamp(w.bbox[1] + dy, clip[1], clip[3]),
				clamp(w.bbox[2] + dx, clip[0], clip[2]),
				clamp(w.bbox[3] + dy, clip[1], clip[3])
			]
		}))
	};
}
