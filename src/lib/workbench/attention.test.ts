import { describe, expect, it } from 'vitest';
import {
	attentionReason,
	issuesByField,
	nextAttention,
	type FieldAttentionInput
} from './attention';

const field = (over: Partial<FieldAttentionInput> = {}): FieldAttentionInput => ({
	key: 'k',
	value: 'x',
	required: false,
	low: false,
	ocrIssues: [],
	flag: null,
	edited: false,
	...over
});

describe('attentionReason', () => {
	it('ranks validation errors over warnings over OCR doubts over empty required fields', () => {
		const err = { code: 'date.future', severity: 'error' as const };
		const warn = { code: 'pid.sexMismatch', severity: 'warning' as const };
		expect(attentionReason(field({ low: true }), [warn, err])).toBe('error');
		expect(attentionReason(field({ low: true }), [warn])).toBe('warning');
		expect(attentionReason(field({ low: true }), [])).toBe('ocr');
		expect(attentionReason(field({ ocrIssues: ['ocr.kindMismatch'] }), [])).toBe('ocr');
		expect(attentionReason(field({ required: true, value: ' ' }), [])).toBe('empty');
		expect(attentionReason(field(), [])).toBeNull();
	});
	it('is settled by a flag, and OCR doubts by the clerk editing the field', () => {
		const err = { code: 'field.required', severity: 'error' as const };
		expect(attentionReason(field({ flag: 'illegible', value: '' }), [err])).toBeNull();
		expect(attentionReason(field({ low: true, edited: true }), [])).toBeNull();
	});
});

describe('nextAttention', () => {
	const order = ['a', 'b', 'c', 'd'];
	it('walks forward and back in form order, wrapping around', () => {
		const needing = new Set(['b', 'd']);
		expect(nextAttention(order, needing, null, 1)).toBe('b');
		expect(nextAttention(order, needing, 'b', 1)).toBe('d');
		expect(nextAttention(order, needing, 'd', 1)).toBe('b');
		expect(nextAttention(order, needing, 'c', -1)).toBe('b');
		expect(nextAttention(order, needing, null, -1)).toBe('d');
	});
	it('stays on the only field that needs attention and is null when none does', () => {
		expect(nextAttention(order, new Set(['c']), 'c', 1)).toBe('c');
		expect(nextAttention(order, new Set(), 'a', 1)).toBeNull();
	});
});

describe('issuesByField', () => {
	it('groups by key, entry-level issues under ""', () => {
		const m = issuesByField([
			{ field: 'a', code: 'x', severity: 'error' },
			{ code: 'y', severity: 'warning' },
			{ field: 'a', code: 'z', severity: 'warning' }
		]);
		expect(m.get('a')?.map((i) => i.code)).toEqual(['x', 'z']);
		expect(m.get('')?.map((i) => i.code)).toEqual(['y']);
	});
});
