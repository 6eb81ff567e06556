/**
 * Which fields the clerk should look at, and in what order the "next field that needs attention"
 * key walks them. A field flagged "illegible" or "blank in the book" has been looked at: it no
 * longer asks for attention, whatever OCR thought of it.
 */
import type { Issue } from '../registers/issues';

export const fieldFlags = ['illegible', 'blank'] as const;
export type FieldFlag = (typeof fieldFlags)[number];

export function isFieldFlag(v: unknown): v is FieldFlag {
	return typeof v === 'string' && (fieldFlags as readonly string[]).includes(v);
}

export interface FieldAttentionInput {
	key: string;
	value: string;
	required: boolean;
	/** OCR's confidence was below the bar. */
	low: boolean;
	/** Issue codes OCR left on the field (ocr.*, or register rules the reading broke). */
	ocrIssues: readonly string[];
	flag: string | null;
	/** Whether the clerk has changed the field since OCR (their value settles OCR's doubts). */
	edited: boolean;
}

export type AttentionReason = 'error' | 'warning' | 'ocr' | 'empty';

/** Why a field needs attention (the strongest reason), or null when it does not. */
export function attentionReason(
	f: FieldAttentionInput,
	issues: readonly Issue[]
): AttentionReason | null {
	if (f.flag) return null;
	if (issues.some((i) => i.severity === 'error')) return 'error';
	if (issues.length) return 'warning';
	if (!f.edited && (f.low || f.ocrIssues.length > 0)) return 'ocr';
	if (f.required && !f.value.trim()) return 'empty';
	return null;
}

/** Issues grouped by field key (issues without a field belong to the entry, under ''). */
export function issuesByField(issues: readonly Issue[]): Map<string, Issue[]> {
	const m = new Map<string, Issue[]>();
	for (const i of issues) {
		const k = i.field ?? '';
		m.set(k, [...(m.get(k) ?? []), i]);
	}
	return m;
}

/**
 * The next key in form order after `current` (or before, going back) among `needing`, wrapping
 * around; null when nothing needs attention.
 */
export function nextAttention(
	order: readonly string[],
	needing: ReadonlySet<string>,
	current: string | null,
	direction: 1 | -1
): string | null {
	if (needing.size === 0) return null;
	const n = order.length;
	const start = current === null ? (direction === 1 ? -1 : n) : order.indexOf(current);
	for (let step = 1; step <= n; step++) {
		const k = order[(((start + direction * step) % n) + n) % n]!;
		if (needing.has(k)) return k;
	}
	return null;
}
