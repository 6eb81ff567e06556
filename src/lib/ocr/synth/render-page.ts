import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { Rng } from '../../synth/rng';
import {
	entryBoxes,
	toPixels,
	type FracBox,
	type HeaderItem,
	type RegisterTemplate
} from '../templates/index';
import { ensureFonts, FAMILY, PAGE_FONTS, type PageFont } from './fonts';

export type PxBox = [number, number, number, number];

export interface TruthField {
	value: string;
	/** Ink bounds of the written value in page pixels; null when the field is blank. */
	bbox: PxBox | null;
}

export interface PageTruth {
	/** Every printed and written line, top to bottom, runs on one line joined by a space; NFC. */
	text: string;
	/** Page-level values (quyenSo, trangSo, noiDangKy, …) printed in the header. */
	header: Record<string, TruthField>;
	entries: { bbox: PxBox; fields: Record<string, TruthField> }[];
}

export interface RenderedPage {
	png: Buffer;
	width: number;
	height: number;
	dpi: number;
	font: PageFont;
	truth: PageTruth;
}

export interface RenderOptions {
	template: RegisterTemplate;
	/** At most `template.entriesPerPage`; anything with `fields` (e.g. a SynthEntry). */
	entries: readonly { fields: Record<string, string> }[];
	pageNumber: number;
	/** Font of the written values; chosen from the seed when absent. */
	font?: PageFont;
	seed: number | string;
	/** Overrides the template's dpi (200 by default: A4 landscape ≈ 2339×1654). */
	dpi?: number;
}

interface Run {
	text: string;
	box: PxBox;
}

const PRINT_INK = '#1c1b19';
const VALUE_INKS = ['#14161c', '#1c2a6e', '#22306a', '#101010'];

function ptToPx(pt: number, dpi: number): number {
	return (pt * dpi) / 72;
}

function fontSpec(family: string, px: number, bold = false): string {
	return `${bold ? 'bold ' : ''}${px.toFixed(2)}px ${family}`;
}

/** Greedy word wrap at the current ctx font. */
function wrap(ctx: SKRSContext2D, text: string, width: number): string[] {
	const words = text.split(/\s+/).filter(Boolean);
	const lines: string[] = [];
	let line = '';
	for (const w of words) {
		const next = line ? `${line} ${w}` : w;
		if (line && ctx.measureText(next).width > width) {
			lines.push(line);
			line = w;
		} else line = next;
	}
	if (line) lines.push(line);
	return lines;
}

/** Split words into exactly `n` lines of similar length (used when the text must be squeezed). */
function balance(text: string, n: number): string[] {
	const words = text.split(/\s+/).filter(Boolean);
	if (n <= 1 || words.length <= 1) return [words.join(' ')];
	const target = text.length / n;
	const lines: string[] = [];
	let line = '';
	for (const w of words) {
		if (line && line.length + w.length / 2 > target && lines.length < n - 1) {
			lines.push(line);
			line = w;
		} else line = line ? `${line} ${w}` : w;
	}
	lines.push(line);
	return lines;
}

interface Layout {
	lines: string[];
	px: number;
	scaleX: number;
}

/** Fit `text` into a box of `maxLines` lines: shrink down to 70% of the nominal size, then
 * squeeze horizontally, so a value is never cut (the truth must equal what is on the page). */
function fit(
	ctx: SKRSContext2D,
	text: string,
	family: string,
	bold: boolean,
	boxW: number,
	boxH: number,
	maxLines: number,
	nominalPx: number
): Layout {
	const slotH = boxH / maxLines;
	const start = Math.min(nominalPx, slotH * 0.66);
	for (let px = start; px >= start * 0.7; px *= 0.95) {
		ctx.font = fontSpec(family, px, bold);
		const lines = wrap(ctx, text, boxW);
		if (lines.length <= maxLines && lines.every((l) => ctx.measureText(l).width <= boxW))
			return { lines, px, scaleX: 1 };
	}
	const px = start * 0.7;
	ctx.font = fontSpec(family, px, bold);
	const lines = balance(text, maxLines);
	const widest = Math.max(...lines.map((l) => ctx.measureText(l).width));
	return { lines, px, scaleX: Math.min(1, boxW / widest) };
}

interface DrawOpts {
	family: string;
	bold?: boolean;
	align?: 'left' | 'center' | 'right';
	maxLines?: number;
	nominalPx: number;
	color: string;
	/** Random offsets, as a hand filling a printed book would not hit the same spot twice. */
	jitter?: Rng;
	/** Draw dotted leaders under each line slot (printed forms). */
	dotted?: boolean;
}

/** Draw text inside `box`; returns the ink bounds and the runs (one per line). */
function drawInBox(
	ctx: SKRSContext2D,
	text: string,
	box: PxBox,
	o: DrawOpts
): { bbox: PxBox | null; runs: Run[] } {
	const [x0, y0, x1, y1] = box;
	const maxLines = o.maxLines ?? 1;
	const pad = Math.min(4, (x1 - x0) * 0.03);
	const boxW = x1 - x0 - 2 * pad;
	const slotH = (y1 - y0) / maxLines;
	const runs: Run[] = [];
	if (o.dotted) drawDots(ctx, x0, x1, y0, slotH, maxLines);
	if (!text.trim()) return { bbox: null, runs };
	const layout = fit(ctx, text, o.family, !!o.bold, boxW, y1 - y0, maxLines, o.nominalPx);
	ctx.font = fontSpec(o.family, layout.px, o.bold);
	ctx.fillStyle = o.color;
	ctx.textAlign = 'left';
	ctx.textBaseline = 'alphabetic';
	// One offset per value, as one stroke of the pen writes the whole value.
	const dx = o.jitter ? o.jitter.range(0, pad * 2 + 6) : 0;
	const dy = o.jitter ? o.jitter.range(-1, 1) : 0;
	let bx0 = Infinity;
	let by0 = Infinity;
	let bx1 = -Infinity;
	let by1 = -Infinity;
	layout.lines.forEach((line, i) => {
		const m = ctx.measureText(line);
		const w = m.width * layout.scaleX;
		const asc = m.fontBoundingBoxAscent;
		const desc = m.fontBoundingBoxDescent;
		const room = Math.max(0, boxW - w);
		let x = x0 + pad + (o.align === 'center' ? room / 2 : o.align === 'right' ? room : 0);
		const slotTop = y0 + i * slotH;
		const spare = Math.max(0, slotH - asc - desc);
		let baseline = slotTop + spare / 2 + asc;
		if (o.jitter) {
			x = Math.max(x0 + pad, Math.min(x + Math.min(dx, room), x1 - pad - w));
			baseline += (dy * spare) / 3;
		}
		ctx.save();
		ctx.translate(x, baseline);
		ctx.scale(layout.scaleX, 1);
		ctx.fillText(line, 0, 0);
		ctx.restore();
		const ink: PxBox = [
			Math.floor(x - m.actualBoundingBoxLeft * layout.scaleX),
			Math.floor(baseline - m.actualBoundingBoxAscent),
			Math.ceil(x + m.actualBoundingBoxRight * layout.scaleX),
			Math.ceil(baseline + m.actualBoundingBoxDescent)
		];
		runs.push({ text: line, box: ink });
		bx0 = Math.min(bx0, ink[0]);
		by0 = Math.min(by0, ink[1]);
		bx1 = Math.max(bx1, ink[2]);
		by1 = Math.max(by1, ink[3]);
	});
	return { bbox: [bx0, by0, bx1, by1], runs };
}

function drawDots(
	ctx: SKRSContext2D,
	x0: number,
	x1: number,
	y0: number,
	slotH: number,
	n: number
): void {
	ctx.fillStyle = PRINT_INK;
	const r = Math.max(0.8, slotH * 0.018);
	const step = r * 4;
	for (let i = 0; i < n; i++) {
		const y = y0 + (i + 1) * slotH - slotH * 0.08;
		for (let x = x0 + r; x < x1 - r; x += step) {
			ctx.beginPath();
			ctx.arc(x, y, r, 0, Math.PI * 2);
			ctx.fill();
		}
	}
}

function rounded(b: [number, number, number, number]): PxBox {
	return [Math.round(b[0]), Math.round(b[1]), Math.round(b[2]), Math.round(b[3])];
}

/** Group runs into visual lines (overlapping vertical centres), left to right. */
export function runsToText(runs: readonly Run[]): string {
	const sorted = [...runs].sort((a, b) => a.box[1] + a.box[3] - (b.box[1] + b.box[3]));
	const lines: { top: number; bottom: number; runs: Run[] }[] = [];
	for (const r of sorted) {
		const mid = (r.box[1] + r.box[3]) / 2;
		const line = lines.find((l) => mid >= l.top && mid <= l.bottom);
		if (line) {
			line.runs.push(r);
		} else lines.push({ top: r.box[1], bottom: r.box[3], runs: [r] });
	}
	return lines
		.map((l) =>
			l.runs
				.sort((a, b) => a.box[0] - b.box[0])
				.map((r) => r.text)
				.join(' ')
		)
		.join('\n')
		.normalize('NFC');
}

export async function renderRegisterPage(o: RenderOptions): Promise<RenderedPage> {
	ensureFonts();
	const t = o.template;
	const dpi = o.dpi ?? t.page.dpi;
	const width = Math.round((t.page.widthMm / 25.4) * dpi);
	const height = Math.round((t.page.heightMm / 25.4) * dpi);
	const rng = new Rng(`${o.seed}:page:${t.id}:${o.pageNumber}`);
	// Mono is rarer: typewritten books are the exception.
	const font = o.font ?? rng.weighted(PAGE_FONTS.map((f) => [f, f === 'mono' ? 1 : 2] as const));
	const valueFamily = FAMILY[font];
	const printFamily = FAMILY.serif;
	const valueInk = rng.pick(VALUE_INKS);
	const canvas = createCanvas(width, height);
	const ctx = canvas.getContext('2d');
	const page: PxBox = [0, 0, width, height];
	const tone = rng.int(0, 14);
	ctx.fillStyle = `rgb(${250 - tone}, ${247 - tone}, ${236 - tone * 1.5})`;
	ctx.fillRect(0, 0, width, height);

	const runs: Run[] = [];
	const first = o.entries[0]?.fields ?? {};
	const header: Record<string, TruthField> = {};
	for (const item of t.header.items)
		drawHeaderItem(
			ctx,
			item,
			page,
			dpi,
			printFamily,
			valueFamily,
			valueInk,
			first,
			o.pageNumber,
			runs,
			header,
			rng
		);

	const lineW = Math.max(1, dpi / 100);
	const entriesPx = entryBoxes(t).map((b) => rounded(toPixels(b, page)));
	if (t.table) drawTable(ctx, t, page, entriesPx, dpi, printFamily, lineW, runs);

	const entries: PageTruth['entries'] = [];
	o.entries.slice(0, t.entriesPerPage).forEach((entry, i) => {
		const ebox = entriesPx[i]!;
		const fields: Record<string, TruthField> = {};
		for (const f of t.fields) {
			if (f.label?.box) {
				const lb = toPixels(f.label.box, ebox);
				const r = drawInBox(ctx, f.label.vi, lb, {
					family: printFamily,
					nominalPx: ptToPx(t.labelSizePt, dpi),
					color: PRINT_INK
				});
				runs.push(...r.runs);
			}
			const value = (entry.fields[f.key] ?? '').normalize('NFC');
			const box = toPixels(f.box, ebox);
			const r = drawInBox(ctx, value, box, {
				family: valueFamily,
				maxLines: f.lines ?? 1,
				nominalPx: ptToPx(t.valueSizePt, dpi),
				color: valueInk,
				jitter: rng,
				dotted: t.form?.dotted
			});
			runs.push(...r.runs);
			fields[f.key] = { value, bbox: r.bbox };
		}
		entries.push({ bbox: ebox, fields });
	});

	const png = await canvas.encode('png');
	return { png, width, height, dpi, font, truth: { text: runsToText(runs), header, entries } };
}

function drawHeaderItem(
	ctx: SKRSContext2D,
	item: HeaderItem,
	page: PxBox,
	dpi: number,
	printFamily: string,
	valueFamily: string,
	valueInk: string,
	fields: Record<string, string>,
	pageNumber: number,
	runs: Run[],
	header: Record<string, TruthField>,
	rng: Rng
): void {
	const box = toPixels(item.box as FracBox, page);
	const px = ptToPx(item.sizePt, dpi);
	if (item.text) {
		const r = drawInBox(ctx, item.text, box, {
			family: printFamily,
			bold: item.bold,
			align: item.align,
			nominalPx: px,
			color: PRINT_INK,
			maxLines: item.lines
		});
		runs.push(...r.runs);
		return;
	}
	if (!item.key) return;
	const value = (item.key === 'trangSo' ? String(pageNumber) : (fields[item.key] ?? '')).normalize(
		'NFC'
	);
	let valueBox = box;
	const prefixRuns: Run[] = [];
	if (item.prefix) {
		// The prefix is printed; the value written after it, in the page's value font.
		ctx.font = fontSpec(printFamily, px, item.bold);
		const pw = ctx.measureText(item.prefix).width + px * 0.3;
		const vw = Math.min(box[2] - box[0] - pw, valueWidth(ctx, value, valueFamily, px) + 12);
		const start = item.align === 'right' ? box[2] - vw - pw : box[0];
		const r = drawInBox(ctx, item.prefix.trim(), [start, box[1], start + pw, box[3]], {
			family: printFamily,
			bold: item.bold,
			nominalPx: px,
			color: PRINT_INK
		});
		prefixRuns.push(...r.runs);
		valueBox = [start + pw, box[1], start + pw + vw, box[3]];
	}
	const r = drawInBox(ctx, value, valueBox, {
		family: item.prefix ? valueFamily : printFamily,
		bold: item.prefix ? false : item.bold,
		align: item.prefix ? 'left' : item.align,
		nominalPx: px,
		color: item.prefix ? valueInk : PRINT_INK,
		maxLines: item.lines,
		jitter: item.prefix ? rng : undefined
	});
	// A prefix and its value read as one run ("Quyển số: 02/2008").
	if (prefixRuns.length === 1 && r.runs.length === 1) {
		const [a, b] = [prefixRuns[0]!, r.runs[0]!];
		runs.push({
			text: `${a.text} ${b.text}`,
			box: [a.box[0], Math.min(a.box[1], b.box[1]), b.box[2], Math.max(a.box[3], b.box[3])]
		});
	} else runs.push(...prefixRuns, ...r.runs);
	header[item.key] = { value, bbox: r.bbox };
}

function valueWidth(ctx: SKRSContext2D, value: string, family: string, px: number): number {
	ctx.font = fontSpec(family, px);
	return ctx.measureText(value).width;
}

function drawTable(
	ctx: SKRSContext2D,
	t: RegisterTemplate,
	page: PxBox,
	entries: PxBox[],
	dpi: number,
	printFamily: string,
	lineW: number,
	runs: Run[]
): void {
	const table = t.table!;
	const [x0, y0, x1, y1] = rounded(toPixels(table.box, page));
	const h = y1 - y0;
	const headBottom = Math.round(y0 + h * table.headerHeight);
	const numBottom = Math.round(headBottom + h * (table.numberRowHeight ?? 0));
	ctx.strokeStyle = PRINT_INK;
	const hline = (y: number, w: number) => {
		ctx.lineWidth = w;
		ctx.beginPath();
		ctx.moveTo(x0, y);
		ctx.lineTo(x1, y);
		ctx.stroke();
	};
	const colX = table.columns.map(
		(c) => [Math.round(x0 + c.x0 * (x1 - x0)), Math.round(x0 + c.x1 * (x1 - x0))] as const
	);
	ctx.lineWidth = lineW * 2.5;
	ctx.strokeRect(x0, y0, x1 - x0, y1 - y0);
	hline(headBottom, lineW * 1.5);
	if (numBottom > headBottom) hline(numBottom, lineW * 1.5);
	for (const e of entries.slice(0, -1)) hline(e[3], lineW);
	ctx.lineWidth = lineW;
	for (const [, cx1] of colX.slice(0, -1)) {
		ctx.beginPath();
		ctx.moveTo(cx1, y0);
		ctx.lineTo(cx1, y1);
		ctx.stroke();
	}
	const labelPx = ptToPx(t.labelSizePt, dpi);
	table.columns.forEach((c, i) => {
		const [cx0, cx1] = colX[i]!;
		const cellH = headBottom - y0;
		const lines = Math.max(1, Math.floor(cellH / (labelPx * 1.35)));
		const r = drawInBox(ctx, c.label, [cx0 + 3, y0 + 4, cx1 - 3, headBottom - 4], {
			family: printFamily,
			bold: true,
			align: 'center',
			nominalPx: labelPx,
			color: PRINT_INK,
			maxLines: lines
		});
		runs.push(...r.runs);
		if (numBottom > headBottom) {
			const n = drawInBox(ctx, `(${i + 1})`, [cx0, headBottom + 2, cx1, numBottom - 2], {
				family: printFamily,
				align: 'center',
				nominalPx: labelPx * 0.9,
				color: PRINT_INK
			});
			runs.push(...n.runs);
		}
	});
}
