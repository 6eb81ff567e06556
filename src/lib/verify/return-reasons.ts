/**
 * Why an officer sends an entry back to the clerk: a fixed list of codes, so returns can be
 * counted by cause (the supervisors' accuracy dashboards read them from the audit log), plus a
 * free comment. The API's older `{reason}` body is a comment with the code `other`.
 */
export const returnReasonCodes = [
	'illegible',
	'wrong_person',
	'wrong_date',
	'wrong_name',
	'missing_field',
	'wrong_segmentation',
	'other'
] as const;
export type ReturnReasonCode = (typeof returnReasonCodes)[number];

export function isReturnReasonCode(v: unknown): v is ReturnReasonCode {
	return typeof v === 'string' && (returnReasonCodes as readonly string[]).includes(v);
}

/** The message key of a code's label (both languages in i18n/approval-messages.ts). */
export const returnReasonLabelKey = (code: ReturnReasonCode) => `returnReason.${code}`;

export interface ReturnReason {
	code: ReturnReasonCode;
	comment: string;
}

export type ReturnReasonInput = { reason: string } | { reasonCode: string; comment?: string };

export type ReturnReasonRefusal = 'entry.returnReasonRequired' | 'entry.returnReasonUnknown';

/**
 * The reason as stored: a known code and a trimmed comment. `other` needs a comment (it says
 * nothing by itself); every other code may stand alone.
 */
export function parseReturnReason(
	input: ReturnReasonInput
): { ok: true; reason: ReturnReason } | { ok: false; code: ReturnReasonRefusal } {
	if ('reason' in input) {
		const comment = input.reason.trim();
		return comment
			? { ok: true, reason: { code: 'other', comment } }
			: { ok: false, code: 'entry.returnReasonRequired' };
	}
	if (!isReturnReasonCode(input.reasonCode))
		return { ok: false, code: 'entry.returnReasonUnknown' };
	const comment = (input.comment ?? '').trim();
	if (input.reasonCode === 'other' && !comment) {
		return { ok: false, code: 'entry.returnReasonRequired' };
	}
	return { ok: true, reason: { code: input.reasonCode, comment } };
}
