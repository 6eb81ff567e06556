import type { FieldView } from '$lib/server/services/entry-service';
import type { FieldDef } from '$lib/registers';

export type { FieldDef };

export interface FieldRow {
	key: string;
	label: { vi: string; en: string } | null;
	kind: string;
	required: boolean;
	value: string;
	ocrValue: string | null;
	/** OCR confidence in [0,1]; null when nothing was read. */
	confidence: number | null;
	low: boolean;
	bbox: [number, number, number, number] | null;
	/** Known to the register type: only those can be saved. */
	editable: boolean;
}

export interface FieldGroup {
	group: string;
	fields: FieldRow[];
}

/** Below this, an OCR reading is marked for the clerk to check against the scan. */
export const LOW_CONFIDENCE = 0.75;

/** Tesseract reports 0–100, our own scores 0–1: read both the same way. */
export function unitConfidence(c: number | null): number | null {
	if (c === null || Number.isNaN(c)) return null;
	return c > 1 ? c / 100 : c;
}

function row(key: string, def: FieldDef | null, f: FieldView | undefined): FieldRow {
	const confidence = unitConfidence(f?.confidence ?? null);
	return {
		key,
		label: def?.label ?? null,
		kind: def?.kind ?? 'text',
		required: def?.required ?? false,
		value: f?.value ?? '',
		ocrValue: f?.ocrValue ?? null,
		confidence,
		low: confidence !== null && confidence < LOW_CONFIDENCE,
		bbox: f?.bbox ?? null,
		editable: def !== null
	};
}

/**
 * The entry's fields in the schema's order and groups; fields the schema does not know (older
 * templates) follow in an "other" group, shown but not editable. Without a schema, every field
 * the entry has is listed by key.
 */
export function layoutFields(
	defs: readonly FieldDef[] | null,
	fields: Record<string, FieldView>
): FieldGroup[] {
	const groups = new Map<string, FieldRow[]>();
	const add = (group: string, r: FieldRow) => groups.set(group, [...(groups.get(group) ?? []), r]);
	const known = new Set<string>();
	for (const def of defs ?? []) {
		known.add(def.key);
		add(def.group, row(def.key, def, fields[def.key]));
	}
	for (const key of Object.keys(fields).sort()) {
		if (!known.has(key)) add('other', row(key, null, fields[key]));
	}
	return [...groups].map(([group, rows]) => ({ group, fields: rows }));
}
