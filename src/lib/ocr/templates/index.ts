import birthForm from './birth-form-v1.json';
import birthTable from './birth-table-v1.json';
import deathTable from './death-table-v1.json';
import marriageTable from './marriage-table-v1.json';

/** [x0, y0, x1, y1] as fractions (0..1) of a parent box: the page for header items and the table,
 * the ENTRY box for fields and labels, the table's width for columns. */
export type FracBox = [number, number, number, number];

export type TemplateRegisterType = 'birth' | 'death' | 'marriage';

export interface TemplateField {
	/** MOJ import-template key (camelCase), e.g. `nksHoTen`. */
	key: string;
	/** Where the value is written, as fractions of the entry box. */
	box: FracBox;
	/** Text lines the value may take inside the box (default 1). */
	lines?: number;
	/** Printed label. In forms it has a box (fractions of the entry box); in tables the column
	 * heading is the label and fields have none. */
	label?: { vi: string; box?: FracBox };
}

/** Printed text (`text`) or a page-level value (`key`, e.g. `quyenSo`, `trangSo`, `noiDangKy`). */
export interface HeaderItem {
	text?: string;
	key?: string;
	prefix?: string;
	box: FracBox;
	sizePt: number;
	bold?: boolean;
	align?: 'left' | 'center' | 'right';
	lines?: number;
}

export interface TableColumn {
	/** Fractions of the table's width. */
	x0: number;
	x1: number;
	label: string;
}

export interface RegisterTemplate {
	id: string;
	version: number;
	registerType: TemplateRegisterType;
	kind: 'table' | 'form';
	title: string;
	page: { widthMm: number; heightMm: number; dpi: number };
	header: { items: HeaderItem[] };
	entriesPerPage: number;
	valueSizePt: number;
	labelSizePt: number;
	/** Tables: ruled grid in `box` (page fractions); `headerHeight` and `numberRowHeight` are
	 * fractions of the table's height; the rest splits evenly into `entriesPerPage` rows, and each
	 * row (full table width, between ruling lines) is one entry box. */
	table?: { box: FracBox; headerHeight: number; numberRowHeight?: number; columns: TableColumn[] };
	/** Forms: the entry box on the page (page fractions); values sit on dotted lines. */
	form?: { box: FracBox; dotted?: boolean };
	fields: TemplateField[];
}

const TEMPLATES: Record<string, RegisterTemplate> = Object.fromEntries(
	[birthTable, deathTable, marriageTable, birthForm].map((t) => [t.id, t as RegisterTemplate])
);

export function listTemplates(): RegisterTemplate[] {
	return Object.values(TEMPLATES);
}

export function loadTemplate(id: string): RegisterTemplate {
	const t = TEMPLATES[id];
	if (!t)
		throw Object.assign(new Error(`unknown template ${id}`), {
			code: 'template.unknown',
			params: { id }
		});
	return t;
}

/** The layout a book of this register type is read with when it names none: its table. */
export function defaultTemplateFor(registerType: string): RegisterTemplate | null {
	const all = listTemplates().filter((t) => t.registerType === registerType);
	return all.find((t) => t.kind === 'table') ?? all[0] ?? null;
}

/** Entry boxes on a page in page fractions, top to bottom. */
export function entryBoxes(t: RegisterTemplate): FracBox[] {
	if (t.form) return [t.form.box];
	if (!t.table) return [];
	const [x0, y0, x1, y1] = t.table.box;
	const h = y1 - y0;
	const top = y0 + h * (t.table.headerHeight + (t.table.numberRowHeight ?? 0));
	const rowH = (y1 - top) / t.entriesPerPage;
	return Array.from({ length: t.entriesPerPage }, (_, i) => [
		x0,
		top + i * rowH,
		x1,
		top + (i + 1) * rowH
	]);
}

/** Map a box given in fractions of `parent` (page pixels) to page pixels. */
export function toPixels(
	frac: FracBox,
	parent: [number, number, number, number]
): [number, number, number, number] {
	const [px0, py0, px1, py1] = parent;
	const w = px1 - px0;
	const h = py1 - py0;
	return [px0 + frac[0] * w, py0 + frac[1] * h, px0 + frac[2] * w, py0 + frac[3] * h];
}
