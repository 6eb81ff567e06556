/**
 * Vietnamese numbers in words, as registers write them: "hai mươi bảy", "mười lăm", "hai mươi mốt",
 * "hai mươi tư", "hai nghìn không trăm linh tám", "hai nghìn linh tám", "một nghìn chín trăm...".
 * Parsing works on folded keys (no diacritics), so tone-mark variants and OCR without diacritics
 * read the same; "mười" (ten) and "mươi" (×10) fold alike and are told apart by position.
 */
import { matchKey } from '../text/normalize';

const DIGITS: Record<string, number> = {
	khong: 0,
	mot: 1,
	hai: 2,
	ba: 3,
	bon: 4,
	tu: 4,
	nam: 5,
	lam: 5,
	nham: 5,
	sau: 6,
	bay: 7,
	tam: 8,
	chin: 9
};

/** Folded tokens of a phrase: punctuation dropped. */
export function numberTokens(s: string): string[] {
	return matchKey(s)
		.replace(/[^a-z0-9 ]/g, ' ')
		.split(' ')
		.filter(Boolean);
}

/** Value of a run of number tokens (or one group of digits); null if they do not form a number. */
export function parseNumberTokens(tokens: string[]): number | null {
	const only = tokens.length === 1 ? tokens[0] : undefined;
	if (only !== undefined && /^\d+$/.test(only)) return Number(only);
	if (!tokens.length) return null;
	let total = 0; // thousands already closed
	let group = 0; // hundreds and tens of the open group
	let digit: number | null = null; // a digit waiting for its multiplier
	let stage = 0; // 0 start, 1 after trăm, 2 after linh/tens, 3 after units
	for (const tok of tokens) {
		const d = DIGITS[tok];
		if (d !== undefined) {
			if (digit !== null || stage === 3) return null;
			digit = d;
		} else if (tok === 'tram') {
			if (digit === null || stage !== 0) return null;
			group += digit * 100;
			digit = null;
			stage = 1;
		} else if (tok === 'linh' || tok === 'le') {
			if (digit !== null || stage > 1) return null;
			stage = 2;
		} else if (tok === 'muoi') {
			if (stage >= 2) return null;
			group += digit === null ? 10 : digit * 10;
			digit = null;
			stage = 2;
		} else if (tok === 'nghin' || tok === 'ngan') {
			if (total) return null;
			total = (group + (digit ?? 0)) * 1000;
			if (!total) return null;
			group = 0;
			digit = null;
			stage = 0;
		} else return null;
		if (stage === 2 && digit !== null) {
			group += digit;
			digit = null;
			stage = 3;
		}
	}
	if (digit !== null) group += digit;
	return total + group;
}

export function parseNumberWords(s: string): number | null {
	return parseNumberTokens(numberTokens(s));
}

const UNIT_WORDS: readonly string[] = [
	'không',
	'một',
	'hai',
	'ba',
	'bốn',
	'năm',
	'sáu',
	'bảy',
	'tám',
	'chín'
];
const w = (i: number): string => UNIT_WORDS[i] ?? '';

/** 0–99 in words, as in dates: 1 → "một", 15 → "mười lăm", 21 → "hai mươi mốt", 24 → "hai mươi tư". */
function underHundred(n: number): string[] {
	const tens = Math.floor(n / 10);
	const unit = n % 10;
	if (tens === 0) return [w(unit)];
	const head = tens === 1 ? ['mười'] : [w(tens), 'mươi'];
	if (unit === 0) return head;
	if (unit === 5) return [...head, 'lăm'];
	if (unit === 1 && tens > 1) return [...head, 'mốt'];
	if (unit === 4 && tens > 1) return [...head, 'tư'];
	return [...head, w(unit)];
}

/** 0–9999 in lower-case words: 2008 → "hai nghìn không trăm linh tám". */
export function numberToWords(n: number): string {
	if (!Number.isInteger(n) || n < 0 || n > 9999) throw new RangeError(`numberToWords: ${n}`);
	if (n < 100) return underHundred(n).join(' ');
	const words: string[] = [];
	const thousands = Math.floor(n / 1000);
	const hundreds = Math.floor((n % 1000) / 100);
	const rest = n % 100;
	if (thousands) words.push(w(thousands), 'nghìn');
	if (hundreds || (thousands && rest)) words.push(w(hundreds), 'trăm');
	if (rest && rest < 10) words.push('linh', w(rest));
	else if (rest) words.push(...underHundred(rest));
	return words.join(' ');
}

/** The marked spelling of every word a date or number in words uses, by folded key. */
const SPELLING: Record<string, string> = {
	ngay: 'ngày',
	thang: 'tháng',
	nam: 'năm',
	mung: 'mùng',
	mong: 'mồng',
	khong: 'không',
	hai: 'hai',
	ba: 'ba',
	bon: 'bốn',
	tu: 'tư',
	lam: 'lăm',
	nham: 'nhăm',
	sau: 'sáu',
	bay: 'bảy',
	tam: 'tám',
	chin: 'chín',
	linh: 'linh',
	le: 'lẻ',
	tram: 'trăm',
	nghin: 'nghìn',
	ngan: 'ngàn',
	gieng: 'giêng',
	chap: 'chạp'
};
const TENS_DIGITS = new Set(['hai', 'ba', 'bon', 'nam', 'sau', 'bay', 'tam', 'chin']);

/**
 * A date or number in words with each word's marks put back from its folded key, in the word's
 * own case ("Ngày Báy Tháng Bôn" → "Ngày Bảy Tháng Bốn"). "mười"/"mươi" and "một"/"mốt" fold
 * alike: "mươi" follows a digit (hai mươi), "mốt" follows "mươi" (hai mươi mốt). Words outside the
 * vocabulary are kept as written.
 */
export function respellNumberWords(s: string): string {
	const words = s.split(' ');
	const keys = words.map((w) => matchKey(w).replace(/[^a-z0-9]/g, ''));
	return words
		.map((w, i) => {
			const k = keys[i] ?? '';
			const prev = keys[i - 1];
			let spelled = SPELLING[k];
			if (k === 'muoi') spelled = prev !== undefined && TENS_DIGITS.has(prev) ? 'mươi' : 'mười';
			if (k === 'mot') {
				const afterTens = prev === 'muoi' && TENS_DIGITS.has(keys[i - 2] ?? '');
				spelled = afterTens ? 'mốt' : 'một';
			}
			if (!spelled || !/^\p{L}+$/u.test(w)) return w;
			const upper = w.charAt(0) !== w.charAt(0).toLowerCase();
			return upper ? spelled.charAt(0).toUpperCase() + spelled.slice(1) : spelled;
		})
		.join(' ');
}
