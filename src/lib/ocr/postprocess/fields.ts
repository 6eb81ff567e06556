import {
	classifyNameToken,
	isVietnameseSyllable,
	matchKey,
	restoreSurname
} from '../../text/vietnamese';
import { restorePlace } from '../../text/place-names';
import { respellNumberWords } from '../../dates/number-words';
import { parseDateWords } from '../../dates/partial-date';
import { ethnicities } from '../../registers/ethnicities';
import { findNationality, nationalitySpellings } from '../../registers/nationalities';
import type { OcrWord } from '../engine/ocr-pool';

/** How a field's OCR text is cleaned and checked. */
export type FieldKind =
	| 'text'
	| 'name'
	| 'place'
	| 'date'
	| 'dateWords'
	| 'sex'
	| 'ethnicity'
	| 'nationality'
	| 'id'
	| 'number';

export const FIELD_KINDS: readonly FieldKind[] = [
	'text',
	'name',
	'place',
	'date',
	'dateWords',
	'sex',
	'ethnicity',
	'nationality',
	'id',
	'number'
];

export type FieldIssue =
	| 'ocr.lowConfidence'
	| 'ocr.empty'
	| 'ocr.kindMismatch'
	| 'ocr.notVietnamese'
	| 'ocr.pageUnreliable'
	| 'ocr.tableMisaligned';

// When more of a page's written fields than this need attention, the scan is too poor to trust
// the rest: a wrong value that happens to look confident is likelier there than a right one.
export const UNRELIABLE_PAGE_SHARE = 0.5;

/**
 * Marks every field of a poorly read page for attention. Blank fields (nothing read) do not count
 * towards the share: most cells of a register are empty on every page.
 */
export function flagUnreliablePage<
	F extends { value: string; needsAttention: boolean; issues: string[] }
>(fields: F[]): F[] {
	const written = fields.filter((f) => f.value);
	const doubtful = written.filter((f) => f.needsAttention).length;
	if (written.length === 0 || doubtful / written.length <= UNRELIABLE_PAGE_SHARE) return fields;
	return flagAll(fields, 'ocr.pageUnreliable');
}

/** Marks every field not already marked for attention, for a reason that holds for the whole page. */
export function flagAll<F extends { needsAttention: boolean; issues: string[] }>(
	fields: F[],
	issue: FieldIssue
): F[] {
	return fields.map((f) =>
		f.needsAttention ? f : { ...f, needsAttention: true, issues: [...f.issues, issue] }
	);
}

/**
 * Below this word confidence (tesseract 0–100 scaled to [0,1]) a clerk must look. Set from the
 * benchmark's sweep (docs/BENCHMARKS.md): a lost tone mark often still reads at 0.85–0.9, so
 * the bar is high; much higher and clerks check most right values too.
 */
export const LOW_WORD_CONFIDENCE = 0.92;

// Rulings and cell borders read as these; they never start or end a real value.
// A closing parenthesis is kept when the value opened one: "Khơ Me (Thổ)".
const EDGE_JUNK = /^[\s|!¦[\]{}()_~=*•·,;:.'"`-]+|[\s|!¦[\]{}_~=*•·,;:'"`-]+$/gu;
const UNOPENED_CLOSE = /^([^(]*?)[\s)]+$/u;

/** NFC, one space between words, ruling junk stripped, then per-kind cleanup. */
export function cleanField(kind: FieldKind, raw: string): string {
	let v = raw
		.normalize('NFC')
		.replace(/[|¦]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(EDGE_JUNK, '')
		.replace(UNOPENED_CLOSE, '$1');
	switch (kind) {
		case 'date':
			return cleanDate(v);
		case 'sex':
			return cleanSex(v);
		case 'name':
			return restoreSurname(v);
		case 'place':
			return restorePlace(v);
		case 'dateWords':
			return respellNumberWords(v);
		case 'ethnicity':
			return spelledAs(v, ETHNICITY_SPELLINGS);
		case 'nationality':
			return spelledAs(v, nationalitySpellings);
		case 'id':
			// Letters that OCR confuses with digits in printed or handwritten figures.
			v = v
				.replace(/[oOQD]/g, '0')
				.replace(/[lI|]/g, '1')
				.replace(/[sS]/g, '5')
				.replace(/B/g, '8');
			return v.replace(/\D/g, '');
		case 'number':
			return v
				.replace(/[oO]/g, '0')
				.replace(/[lI]/g, '1')
				.replace(/[^\d/]/g, '');
		default:
			return v;
	}
}

/** Dates written in figures: "3-4-1990", "03 . 04 . 1990" → "03/04/1990"; partial dates kept. */
function cleanDate(v: string): string {
	const s = v.replace(/[oO]/g, '0').replace(/[lI]/g, '1');
	const [, d, m, y] = s.match(/(\d{1,2})\s*[/.\-,]\s*(\d{1,2})\s*[/.\-,]\s*(\d{4})/) ?? [];
	if (d && m && y) return `${d.padStart(2, '0')}/${m.padStart(2, '0')}/${y}`;
	const [, month, year] = s.match(/^(\d{1,2})\s*[/.-]\s*(\d{4})$/) ?? [];
	if (month && year) return `${month.padStart(2, '0')}/${year}`;
	return v;
}

/** "Nam"/"Nữ" (or "trai"/"gái"), whatever marks OCR put on them ("Nư", "Nử", "Nu"). */
function cleanSex(v: string): string {
	const k = matchKey(v);
	if (k === 'nam' || k === 'trai') return 'Nam';
	if (k === 'nu' || k === 'gai') return 'Nữ';
	return v;
}

const ETHNICITY_SPELLINGS = ethnicities.flatMap((e) => [e.name, ...e.aliases]);

/**
 * The known spelling (official name or alias, as books write it) that the value folds to, so a
 * read that lost or changed a mark ("Kính", "việt Nam") comes back as written; else the value.
 */
function spelledAs(value: string, spellings: readonly string[]): string {
	const k = matchKey(value);
	return spellings.find((s) => matchKey(s) === k) ?? value;
}

/** Does a cleaned value look like its kind? Empty values are judged elsewhere. */
export function kindOk(kind: FieldKind, value: string): boolean {
	switch (kind) {
		case 'date': {
			const m = value.match(/^(?:(\d{2})\/)?(?:(\d{2})\/)?(\d{4})$/);
			if (!m) return false;
			const [d, mo] = m[2] ? [Number(m[1]), Number(m[2])] : [1, Number(m[1] ?? 1)];
			const y = Number(m[3]);
			return d >= 1 && d <= 31 && mo >= 1 && mo <= 12 && y >= 1800 && y <= 2100;
		}
		case 'sex':
			return value === 'Nam' || value === 'Nữ';
		case 'id':
			// CMND 9 digits, CCCD / personal ID 12 digits.
			return value.length === 9 || value.length === 12;
		case 'number':
			return /^\d+(\/\d+)?$/.test(value);
		case 'name':
			return !/\d/.test(value);
		case 'dateWords':
			return parseDateWords(value).ok;
		case 'ethnicity':
			return ETHNICITY_SPELLINGS.includes(value);
		case 'nationality':
			return findNationality(value) !== null;
		default:
			return true;
	}
}

export interface CheckedField {
	value: string;
	/** Minimum word confidence in [0,1] (0 when nothing was read). */
	confidence: number;
	needsAttention: boolean;
	issues: FieldIssue[];
}

/**
 * Cleans one field and says whether a clerk must look at it: a weak word, an empty read, a value
 * that is not of its kind, or (names and places) a token that is no Vietnamese syllable.
 */
export function checkField(kind: FieldKind, words: OcrWord[], raw?: string): CheckedField {
	const value = cleanField(kind, raw ?? words.map((w) => w.text).join(' '));
	const confidence = words.length ? Math.min(...words.map((w) => w.confidence)) : 0;
	const issues: FieldIssue[] = [];
	if (!value) issues.push('ocr.empty');
	else {
		if (confidence < LOW_WORD_CONFIDENCE) issues.push('ocr.lowConfidence');
		if (!kindOk(kind, value)) issues.push('ocr.kindMismatch');
		if (kind === 'name' && value.split(' ').some((t) => classifyNameToken(t) === 'invalid'))
			issues.push('ocr.notVietnamese');
		if (kind === 'place' && !allSyllables(value)) issues.push('ocr.notVietnamese');
	}
	return { value, confidence, needsAttention: issues.length > 0, issues };
}

function allSyllables(value: string): boolean {
	// Place names carry figures and abbreviations ("Tổ 3", "TP.") that are not syllables.
	return value
		.split(/[\s,.\-/()]+/)
		.filter((t) => t && !/^\d+$/.test(t))
		.every((t) => isVietnameseSyllable(t));
}
