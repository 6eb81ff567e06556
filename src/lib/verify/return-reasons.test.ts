import { describe, expect, it } from 'vitest';
import { isReturnReasonCode, parseReturnReason, returnReasonCodes } from './return-reasons';

describe('return reasons', () => {
	it('has the fixed codes the dashboards count by, "other" last', () => {
		expect(returnReasonCodes).toContain('illegible');
		expect(returnReasonCodes).toContain('wrong_person');
		expect(returnReasonCodes.at(-1)).toBe('other');
		expect(isReturnReasonCode('wrong_date')).toBe(true);
		expect(isReturnReasonCode('WRONG_DATE')).toBe(false);
		expect(isReturnReasonCode(3)).toBe(false);
	});

	it('reads the older free-text body as a comment with the code "other"', () => {
		expect(parseReturnReason({ reason: '  Sai tên mẹ ' })).toEqual({
			ok: true,
			reason: { code: 'other', comment: 'Sai tên mẹ' }
		});
		expect(parseReturnReason({ reason: '   ' })).toEqual({
			ok: false,
			code: 'entry.returnReasonRequired'
		});
	});

	it('accepts a code alone, needs a comment for "other", refuses an unknown code', () => {
		expect(parseReturnReason({ reasonCode: 'illegible' })).toEqual({
			ok: true,
			reason: { code: 'illegible', comment: '' }
		});
		expect(parseReturnReason({ reasonCode: 'other', comment: ' ' })).toEqual({
			ok: false,
			code: 'entry.returnReasonRequired'
		});
		expect(parseReturnReason({ reasonCode: 'typo' })).toEqual({
			ok: false,
			code: 'entry.returnReasonUnknown'
		});
	});
});
