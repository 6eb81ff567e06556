/**
 * Dates as registers write them: full, month/year or year only, in figures or in words.
 * Parsers return codes with params, never prose.
 */
import { numberToWords, numberTokens, parseNumberTokens } from './number-words';

export interface PartialDate {
	year: number;
	month?: number;
	day?: number;
}

export type DateErrorCode = 'date.unparseable' | 'date.impossible' | 'date.yearOutOfRange';
export type DateResult =
	| { ok: true; value: PartialDate }
	| { ok: false; code: DateErrorCode; params: Record<string, string | number> };

export interface YearRange {
	minYear?: number;
	maxYear?: number;
}

// Wide enough for any register; validate-entry applies the tighter 1900..this year rule.
const MIN_YEAR = 1800;
const MAX_YEAR = 2100;

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A full or partial date that exists in the Gregorian calendar. */
export function isValidCalendarDate(d: PartialDate): boolean {
	if (!Number.isInteger(d.year) || d.year < 1) return false;
	if (d.month === undefined) return d.day === undefined;
	if (!Number.isInteger(d.month) || d.month < 1 || d.month > 12) return false;
	if (d.day === undefined) return true;
	return Number.isInteger(d.day) && d.day >= 1 && d.day <= daysInMonth(d.year, d.month);
}

function checked(value: PartialDate, text: string, range: YearRange): DateResult {
	const min = range.minYear ?? MIN_YEAR;
	const max = range.maxYear ?? MAX_YEAR;
	if (!isValidCalendarDate(value)) return { ok: false, code: 'date.impossible', params: { text } };
	if (value.year < min || value.year > max)
		return { ok: false, code: 'date.yearOutOfRange', params: { year: value.year, min, max } };
	return { ok: true, value };
}

const unparseable = (text: string): DateResult => ({
	ok: false,
	code: 'date.unparseable',
	params: { text }
});

/**
 * dd/MM/yyyy, dd.MM.yyyy, d-M-yyyy, MM/yyyy, yyyy; spaces around or inside separators are
 * ignored ("27 / 08 / 2008"), and three space-separated groups are read as day, month, year.
 */
export function parseDateFigures(s: string, range: YearRange = {}): DateResult {
	const text = s.trim();
	let t = text.replace(/\s*([./-])\s*/g, '$1');
	if (/^\d{1,2}\s+\d{1,2}\s+\d{4}$/.test(t) || /^\d{1,2}\s+\d{4}$/.test(t))
		t = t.replace(/\s+/g, '/');
	let m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(t);
	if (m)
		return checked({ year: Number(m[3]), month: Number(m[2]), day: Number(m[1]) }, text, range);
	m = /^(\d{1,2})[./-](\d{4})$/.exec(t);
	if (m) return checked({ year: Number(m[2]), month: Number(m[1]) }, text, range);
	m = /^(\d{4})$/.exec(t);
	if (m) return checked({ year: Number(m[1]) }, text, range);
	return unparseable(text);
}

const MONTH_NAMES: Record<string, number> = { gieng: 1, chap: 12 };

/** Month after "tháng": one or two tokens ("mười hai", "tư", "giêng", "5"); how many were used. */
function readMonth(tokens: string[]): { month: number; used: number } | null {
	const [a, b] = tokens;
	if (a === undefined) return null;
	const named = MONTH_NAMES[a];
	if (named !== undefined) return { month: named, used: 1 };
	if (a === 'muoi' && (b === 'mot' || b === 'hai'))
		return { month: b === 'mot' ? 11 : 12, used: 2 };
	// "tháng năm năm ..." is May; a lone "năm" right after "tháng" is the year marker.
	if (a === 'nam' && b !== undefined && b !== 'nam') return null;
	const v = parseNumberTokens([a]);
	return v === null ? null : { month: v, used: 1 };
}

/**
 * Dates in words or mixed: "Ngày Hai Mươi Bảy Tháng Tám Năm Hai Nghìn Không Trăm Linh Tám",
 * "ngày 5 tháng 3 năm 1987", "mồng 5 tháng 3 năm 1987", "Tháng Tư Năm 2008", "Năm 1987",
 * or a year alone ("Hai Nghìn Linh Tám").
 */
export function parseDateWords(s: string, range: YearRange = {}): DateResult {
	const text = s.trim();
	const tokens = numberTokens(text).filter((t) => t !== 'mong' && t !== 'mung');
	if (!tokens.length) return unparseable(text);
	let i = 0;
	let day: number | undefined;
	let month: number | undefined;
	if (tokens[0] === 'ngay') {
		const end = tokens.indexOf('thang');
		if (end < 0) return unparseable(text);
		const v = parseNumberTokens(tokens.slice(1, end));
		if (v === null) return unparseable(text);
		day = v;
		i = end;
	}
	if (tokens[i] === 'thang') {
		const m = readMonth(tokens.slice(i + 1));
		if (!m) return unparseable(text);
		month = m.month;
		i += 1 + m.used;
	}
	if (tokens[i] === 'nam' && (i > 0 || tokens.length > 1)) i++;
	else if (i > 0) return unparseable(text);
	const year = parseNumberTokens(tokens.slice(i));
	if (year === null || (i === 0 && year < 1000)) return unparseable(text);
	const value: PartialDate = { year };
	if (month !== undefined) value.month = month;
	if (day !== undefined) value.day = day;
	return checked(value, text, range);
}

/** Figures first, then words: what a field holding either should use. */
export function parseDate(s: string, range: YearRange = {}): DateResult {
	const figures = parseDateFigures(s, range);
	if (figures.ok || figures.code !== 'date.unparseable') return figures;
	return parseDateWords(s, range);
}

const capitalise = (words: string) =>
	words.replace(/(^|\s)(\p{L})/gu, (_, sp: string, c: string) => sp + c.toUpperCase());

/** The MOJ style: "Ngày Hai Mươi Bảy Tháng Tám Năm Hai Nghìn Không Trăm Linh Tám". */
export function dateToWords(d: PartialDate): string {
	const parts: string[] = [];
	if (d.day !== undefined) parts.push('ngày', numberToWords(d.day));
	if (d.month !== undefined) parts.push('tháng', d.month === 4 ? 'tư' : numberToWords(d.month));
	parts.push('năm', numberToWords(d.year));
	return capitalise(parts.join(' '));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "27/08/2008" | "08/2008" | "2008". */
export function formatDate(d: PartialDate): string {
	if (d.month === undefined) return String(d.year);
	if (d.day === undefined) return `${pad(d.month)}/${d.year}`;
	return `${pad(d.day)}/${pad(d.month)}/${d.year}`;
}

/**
 * -1, 0 or 1. Compares as far as both dates are known: 2008 and 27/08/2008 compare equal
 * (neither can be said to come first), so order checks never fire on partial dates alone.
 */
export function compareDates(a: PartialDate, b: PartialDate): -1 | 0 | 1 {
	const keys = ['year', 'month', 'day'] as const;
	for (const k of keys) {
		const x = a[k];
		const y = b[k];
		if (x === undefined || y === undefined) return 0;
		if (x !== y) return x < y ? -1 : 1;
	}
	return 0;
}

/** Same date as far as both are known, and same precision. */
export function sameDate(a: PartialDate, b: PartialDate): boolean {
	return a.year === b.year && a.month === b.month && a.day === b.day;
}
