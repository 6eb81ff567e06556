/**
 * Vietnamese and English text for every issue code that src/lib/registers, dates, ids and text
 * emit. Placeholders are `{param}`; a test checks that every code in the sources is here.
 */
import type { Issue } from './issues';

export type Lang = 'vi' | 'en';

export const issueMessages: Readonly<Record<string, { vi: string; en: string }>> = {
	'field.required': { vi: 'Trường bắt buộc, chưa nhập.', en: 'Required field is empty.' },
	'date.unparseable': { vi: 'Không đọc được ngày "{text}".', en: 'Cannot read the date "{text}".' },
	'date.impossible': {
		vi: 'Ngày "{text}" không có trong lịch.',
		en: 'The date "{text}" does not exist.'
	},
	'date.yearOutOfRange': {
		vi: 'Năm {year} nằm ngoài khoảng {min}–{max}.',
		en: 'The year {year} is outside {min}–{max}.'
	},
	'date.future': { vi: 'Ngày {date} ở tương lai.', en: 'The date {date} is in the future.' },
	'date.wordsMismatch': {
		vi: 'Ngày bằng chữ ({words}) khác ngày bằng số ({figures}).',
		en: 'The date in words ({words}) differs from the date in figures ({figures}).'
	},
	'date.registeredBeforeBirth': {
		vi: 'Ngày đăng ký ({later}) trước ngày sinh ({earlier}).',
		en: 'Registered ({later}) before the date of birth ({earlier}).'
	},
	'date.deathBeforeBirth': {
		vi: 'Ngày chết ({later}) trước ngày sinh ({earlier}).',
		en: 'Date of death ({later}) is before the date of birth ({earlier}).'
	},
	'date.registeredBeforeDeath': {
		vi: 'Ngày đăng ký ({later}) trước ngày chết ({earlier}).',
		en: 'Registered ({later}) before the date of death ({earlier}).'
	},
	'date.parentTooYoung': {
		vi: 'Cha/mẹ sinh trước con {years} năm (ít nhất {min} năm).',
		en: 'Parent born {years} years before the child (at least {min} expected).'
	},
	'time.invalid': {
		vi: 'Không đọc được giờ, phút "{value}".',
		en: 'Cannot read the time "{value}".'
	},
	'sex.unknown': { vi: 'Giới tính "{value}" không hợp lệ.', en: 'Unknown sex "{value}".' },
	'ethnicity.unknown': {
		vi: 'Dân tộc "{value}" không có trong danh mục 54 dân tộc.',
		en: 'Ethnicity "{value}" is not in the list of 54 groups.'
	},
	'nationality.unknown': {
		vi: 'Quốc tịch "{value}" chưa có trong danh mục; kiểm tra lại.',
		en: 'Nationality "{value}" is not in the list; check it.'
	},
	'personalId.notDigits': {
		vi: 'Số định danh chỉ gồm chữ số.',
		en: 'A personal ID has digits only.'
	},
	'personalId.length': {
		vi: 'Số định danh có 12 chữ số (đang có {length}).',
		en: 'A personal ID has 12 digits (this has {length}).'
	},
	'personalId.unknownProvince': {
		vi: 'Mã tỉnh {province} của số định danh không tồn tại.',
		en: 'Province code {province} of the personal ID does not exist.'
	},
	'personalId.sexMismatch': {
		vi: 'Số định danh ghi giới tính {idSex}, sổ ghi {sex}.',
		en: 'The personal ID encodes {idSex}; the entry says {sex}.'
	},
	'personalId.birthYearMismatch': {
		vi: 'Số định danh ghi năm sinh {idYear}, sổ ghi {birthYear}.',
		en: 'The personal ID encodes birth year {idYear}; the entry says {birthYear}.'
	},
	'cmnd.notDigits': {
		vi: 'Số CMND chỉ gồm chữ số.',
		en: 'An identity-card number has digits only.'
	},
	'cmnd.length': {
		vi: 'Số CMND có 9 chữ số (đang có {length}).',
		en: 'An identity-card (CMND) number has 9 digits (this has {length}).'
	},
	'cmnd.twelveDigits': {
		vi: 'CMND 12 số: kiểm tra như số định danh.',
		en: '12-digit identity card: check it as a personal ID.'
	},
	'code.notInList': {
		vi: 'Giá trị "{value}" không có trong danh mục.',
		en: 'The value "{value}" is not in the code list.'
	},
	'number.invalid': { vi: '"{value}" không phải là số.', en: '"{value}" is not a number.' },
	'name.tokenHasDigit': {
		vi: 'Tên có chữ số: "{token}".',
		en: 'The name contains a digit: "{token}".'
	},
	'name.tokenInvalid': {
		vi: '"{token}" không phải âm tiết tiếng Việt hay tên dân tộc thiểu số quen thuộc.',
		en: '"{token}" is neither a Vietnamese syllable nor a known minority-name spelling.'
	},
	'so.format': {
		vi: 'Số "{value}" không đúng dạng "01" hoặc "01/2018".',
		en: 'Number "{value}" is not like "01" or "01/2018".'
	},
	'so.yearMismatch': {
		vi: 'Năm trong số ({soYear}) khác năm đăng ký ({year}).',
		en: 'The year in the number ({soYear}) differs from the registration year ({year}).'
	},
	'sequence.unreadable': {
		vi: 'Không đọc được số "{value}".',
		en: 'Cannot read the number "{value}".'
	},
	'sequence.duplicate': {
		vi: 'Số {number} lặp {count} lần.',
		en: 'Number {number} appears {count} times.'
	},
	'sequence.gap': { vi: 'Thiếu số {from}–{to}.', en: 'Numbers {from}–{to} are missing.' }
};

const SEX_WORDS: Record<string, { vi: string; en: string }> = {
	male: { vi: 'nam', en: 'male' },
	female: { vi: 'nữ', en: 'female' }
};

export function hasIssueMessage(code: string): boolean {
	return Object.hasOwn(issueMessages, code);
}

/** The issue in words; an unknown code shows itself rather than nothing. */
export function messageFor(issue: Pick<Issue, 'code' | 'params'>, lang: Lang): string {
	const m = issueMessages[issue.code];
	if (!m) return issue.code;
	return m[lang].replace(/\{(\w+)\}/g, (all, name: string) => {
		const v = issue.params?.[name];
		if (v === undefined) return all;
		return typeof v === 'string' && SEX_WORDS[v] ? SEX_WORDS[v][lang] : String(v);
	});
}
