/**
 * The 12-digit personal ID (số định danh cá nhân, also on the CCCD): PPP G YY NNNNNN.
 * PPP = "0" + province statistics code of birth registration; G = century and sex; YY = birth
 * year; NNNNNN random (no public check digit). Disagreement with the entry is a warning only:
 * the rules have changed over time and the paper book wins.
 */
import { provinceName } from './provinces';

export type Sex = 'male' | 'female';

export interface IdIssue {
	code: string;
	severity: 'error' | 'warning';
	params?: Record<string, string | number>;
}

export interface DecodedPersonalId {
	provinceCode: string; // 3 digits, as in the ID
	provinceName: string | null;
	sex: Sex;
	birthYear: number;
}

/** Digits only: spaces, dots and dashes that people and OCR put in are dropped. */
export function cleanIdNumber(s: string): string {
	return s.replace(/[\s.-]/g, '');
}

export function decodePersonalId(id: string): DecodedPersonalId | null {
	const digits = cleanIdNumber(id);
	if (!/^\d{12}$/.test(digits)) return null;
	const g = Number(digits[3]);
	return {
		provinceCode: digits.slice(0, 3),
		provinceName: digits[0] === '0' ? provinceName(digits.slice(1, 3)) : null,
		sex: g % 2 === 0 ? 'male' : 'female',
		birthYear: 1900 + Math.floor(g / 2) * 100 + Number(digits.slice(4, 6))
	};
}

/**
 * Format errors (not 12 digits, unknown province) and agreement warnings (sex, birth year).
 * `sex` and `birthYear` are what the entry says; omit what it does not say.
 */
export function checkPersonalId(
	id: string,
	ctx: { sex?: Sex; birthYear?: number } = {}
): IdIssue[] {
	const digits = cleanIdNumber(id);
	if (!/^\d+$/.test(digits)) return [{ code: 'personalId.notDigits', severity: 'error' }];
	if (digits.length !== 12)
		return [{ code: 'personalId.length', severity: 'error', params: { length: digits.length } }];
	const decoded = decodePersonalId(digits)!;
	const issues: IdIssue[] = [];
	if (!decoded.provinceName)
		issues.push({
			code: 'personalId.unknownProvince',
			severity: 'error',
			params: { province: decoded.provinceCode }
		});
	if (ctx.sex && ctx.sex !== decoded.sex)
		issues.push({
			code: 'personalId.sexMismatch',
			severity: 'warning',
			params: { idSex: decoded.sex, sex: ctx.sex }
		});
	if (ctx.birthYear !== undefined && ctx.birthYear !== decoded.birthYear)
		issues.push({
			code: 'personalId.birthYearMismatch',
			severity: 'warning',
			params: { idYear: decoded.birthYear, birthYear: ctx.birthYear }
		});
	return issues;
}

/**
 * Old identity card (CMND): 9 digits, prefix = issuing provincial police. Never a join key.
 * 12-digit CMNDs (issued 2012–2016) follow the personal-ID format: accepted, with a note.
 */
export function checkCmnd(s: string): IdIssue[] {
	const digits = cleanIdNumber(s);
	if (!/^\d+$/.test(digits)) return [{ code: 'cmnd.notDigits', severity: 'error' }];
	if (digits.length === 12) return [{ code: 'cmnd.twelveDigits', severity: 'warning' }];
	if (digits.length !== 9)
		return [{ code: 'cmnd.length', severity: 'error', params: { length: digits.length } }];
	return [];
}
