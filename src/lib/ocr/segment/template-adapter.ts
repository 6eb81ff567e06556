import { getFieldDef, isRegisterType } from '../../registers';
import { FIELD_KINDS, type FieldKind } from '../postprocess/fields';
import { ocrKindOf } from '../postprocess/ocr-kind';
import type { RegisterTemplate } from '../templates';
import type { Box, LayoutSpec } from './layout';

/**
 * The segmentation layout of a register template: its fields (fractions of the entry box) with
 * the OCR kind their register schema gives them. A table's header is one ruled band, plus one
 * more when the book has a row of column numbers under it.
 */
export function layoutFromTemplate(t: RegisterTemplate): LayoutSpec {
	const type = t.registerType;
	const kindOf = (key: string): FieldKind => {
		const def = isRegisterType(type) ? getFieldDef(type, key) : undefined;
		return def ? ocrKindOf(def.kind) : 'text';
	};
	return {
		layout: t.kind,
		headerRows: t.table ? 1 + (t.table.numberRowHeight ? 1 : 0) : undefined,
		rowsPerEntry: 1,
		pageAspect: t.page.widthMm > t.page.heightMm ? 'landscape' : 'portrait',
		grid: t.table
			? {
					entries: t.entriesPerPage,
					columns: [t.table.columns[0]?.x0 ?? 0, ...t.table.columns.map((c) => c.x1)]
				}
			: undefined,
		fields: t.fields.map((f) => ({ key: f.key, kind: kindOf(f.key), box: f.box }))
	};
}

/**
 * Accepts a layout (parsed JSON) when it has the shape segmentation needs, else null with the
 * reason: `layout` ('table' | 'form'), optional `headerRows`/`rowsPerEntry`, and `fields` with
 * `key`, `kind` and `box` (fractions of the entry box). For `sohoa ocr --template FILE.json`.
 */
export function toLayoutSpec(t: unknown): { spec: LayoutSpec } | { problem: string } {
	if (typeof t !== 'object' || t === null) return { problem: 'not an object' };
	const o = t as Record<string, unknown>;
	if (o.layout !== 'table' && o.layout !== 'form')
		return { problem: 'layout must be table or form' };
	if (!Array.isArray(o.fields) || o.fields.length === 0) return { problem: 'no fields' };
	const fields: LayoutSpec['fields'] = [];
	for (const f of o.fields as Record<string, unknown>[]) {
		const box = f?.box;
		if (
			typeof f?.key !== 'string' ||
			!Array.isArray(box) ||
			box.length !== 4 ||
			!box.every((v) => typeof v === 'number' && v >= 0 && v <= 1) ||
			box[0] >= box[2] ||
			box[1] >= box[3]
		)
			return { problem: `bad field ${JSON.stringify(f?.key ?? f)}` };
		const kind = FIELD_KINDS.includes(f.kind as FieldKind) ? (f.kind as FieldKind) : 'text';
		fields.push({ key: f.key, kind, box: box as Box });
	}
	const int = (v: unknown) =>
		typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
	return {
		spec: {
			layout: o.layout,
			headerRows: int(o.headerRows),
			rowsPerEntry: int(o.rowsPerEntry),
			fields
		}
	};
}
