/**
 * One field's value as written in the book → its normalised form, with the issues found on the
 * way. Both values are kept: what was written is never overwritten.
 */
import { formatDate, parseDate, parseDateWords } from '../dates/partial-date';
import { parseNumberWords } from '../dates/number-words';
import { checkCmnd, checkPersonalId, cleanIdNumber } from '../ids/personal-id';
import { checkPersonName } from '../text/person-name';
import {
	collapseSpaces,
	normalizeText,
	stripInvisibles,
	toNfc,
	toTitleCaseName
} from '../text/normalize';
import { findCode } from './code-lists';
import { findEthnicity } from './ethnicities';
import type { FieldDef } from './field-kinds';
import type { Issue } from './issues';
import { findNationality } from './nationalities';

export interface NormalizedValue {
	normalized: string | null;
	issues: Issue[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "14:30", "14h30", "14 giờ 30 phút", "Mười Bốn Giờ Ba Mươi Phút", "14 giờ" → "14:30" / "14:00". */
export function parseTime(s: string): string | null {
	const t = s.trim().toLowerCase();
	let m = /^(\d{1,2})\s*(?::|h|g|giờ)\s*(\d{1,2})?\s*(?:'|p|phút)?$/u.exec(t);
	let h: number | null = null;
	let min: number | null = null;
	if (m) {
		h = Number(m[1]);
		min = m[2] === undefined ? 0 : Number(m[2]);
	} else {
		m = /^(.+?)\s+giờ(?:\s+(.+?)(?:\s+phút)?)?$/u.exec(t);
		if (m) {
			h = parseNumberWords(m[1] ?? '');
			min = m[2] === undefined ? 0 : parseNumberWords(m[2]);
		}
	}
	if (h === null || min === null || h > 23 || min > 59) return null;
	return `${pad(h)}:${pad(min)}`;
}

const issue = (
	field: FieldDef,
	code: string,
	severity: Issue['severity'],
	params?: Issue['params']
): Issue =>
	params ? { field: field.key, code, severity, params } : { field: field.key, code, severity };

export function normalizeFieldValue(field: FieldDef, asWritten: string): NormalizedValue {
	const text = collapseSpaces(toNfc(stripInvisibles(asWritten ?? '')));
	if (!text) return { normalized: null, issues: [] };
	const ok = (normalized: string, issues: Issue[] = []) => ({ normalized, issues });
	const fail = (
		code: string,
		severity: Issue['severity'] = 'error',
		params: Issue['params'] = { value: text }
	) => ({
		normalized: null,
		issues: [issue(field, code, severity, params)]
	});
	switch (field.kind) {
		case 'name': {
			const name = normalizeText(toTitleCaseName(text));
			const warnings = checkPersonName(name).map((p) =>
				issue(field, p.code, 'warning', { token: p.token })
			);
			return ok(name, warnings);
		}
		case 'date':
		case 'dateWords': {
			const r = field.kind === 'date' ? parseDate(text) : parseDateWords(text);
			return r.ok ? ok(formatDate(r.value)) : fail(r.code, 'error', r.params);
		}
		case 'time': {
			const time = parseTime(text);
			return time ? ok(time) : fail('time.invalid');
		}
		case 'sex': {
			const c = findCode('gioiTinh', text);
			return c ? ok(c.code) : fail('sex.unknown');
		}
		case 'ethnicity': {
			const e = findEthnicity(text);
			return e
				? ok(e.name)
				: { normalized: normalizeText(text), issues: fail('ethnicity.unknown', 'warning').issues };
		}
		case 'nationality': {
			const n = findNationality(text);
			return n
				? ok(n)
				: {
						normalized: normalizeText(text),
						issues: fail('nationality.unknown', 'warning').issues
					};
		}
		case 'personalId': {
			const digits = cleanIdNumber(text);
			return ok(
				digits,
				checkPersonalId(digits).map((i) => issue(field, i.code, i.severity, i.params))
			);
		}
		case 'cmnd': {
			const digits = cleanIdNumber(text);
			return ok(
				digits,
				checkCmnd(digits).map((i) => issue(field, i.code, i.severity, i.params))
			);
		}
		case 'code': {
			if (!field.codeList) return ok(text);
			const c = findCode(field.codeList, text);
			return c
				? ok(c.code)
				: fail('code.notInList', 'error', { value: text, list: field.codeList });
		}
		case 'number':
			return /^\d+$/.test(text) ? ok(String(Number(text))) : fail('number.invalid');
		default:
			return ok(text);
	}
}
