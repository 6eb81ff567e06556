/**
 * Names of the exported files (DOMAIN.md §2): dot-separated parts, no spaces, no diacritics,
 * starting with the register's type code, e.g. `KS.2008.Q02.S015.NGUYEN-VAN-AN.NAM.pdf`. The rule
 * is a pattern of tokens so a province can follow its own plan; collisions get `-2`, `-3`… in
 * book order, so the same book always yields the same names.
 */
import { foldDiacritics } from '../text/normalize';
import { bookNumberOnly } from './entry-values';

export const fileNameTokens = ['type', 'year', 'book', 'so', 'seq', 'name', 'sex'] as const;
export type FileNameToken = (typeof fileNameTokens)[number];

/** The default rule: type code, year, book, entry number, name, sex. */
export const DEFAULT_FILE_NAME_PATTERN = '{type}.{year}.Q{book}.S{so}.{name}.{sex}';

export interface FileNameFacts {
	/** KS, KT, KH, CMC, HN, TD, GH… (registers/schemas.ts). */
	typeCode: string;
	/** The registration year (the entry number restarts each year). */
	year: number;
	/** The book's number as printed: "02", "02/2008". */
	book: string;
	/** The entry number as written: "15", "15/2008". */
	so: string | null;
	/** Position in the book's queue: a fallback that is always there. */
	seq: number;
	name: string | null;
	/** gioiTinh code: 1 Nam, 2 Nữ, 3 undetermined. */
	sex: string | null;
}

export type PatternCheck = { ok: true } | { ok: false; code: string; params: { pattern: string } };

const TOKEN = /\{(\w+)\}/g;
const MAX_PART = 60;

/** A pattern may hold only known tokens, name-safe characters and must identify the entry. */
export function checkFileNamePattern(pattern: string): PatternCheck {
	const bad = { ok: false as const, params: { pattern } };
	if (!pattern || pattern.length > 200) return { ...bad, code: 'export.patternInvalid' };
	const tokens = [...pattern.matchAll(TOKEN)].map((m) => m[1]!);
	if (tokens.some((t) => !(fileNameTokens as readonly string[]).includes(t)))
		return { ...bad, code: 'export.patternUnknownToken' };
	if (!/^[A-Za-z0-9._-]*$/.test(pattern.replace(TOKEN, '')))
		return { ...bad, code: 'export.patternInvalid' };
	if (!tokens.includes('so') && !tokens.includes('seq') && !tokens.includes('name'))
		return { ...bad, code: 'export.patternNotIdentifying' };
	return { ok: true };
}

/** Upper case ASCII, words joined by "-": "Nguyễn Văn An" → "NGUYEN-VAN-AN". */
export function asciiWord(s: string): string {
	return foldDiacritics(s)
		.toUpperCase()
		.replace(/[^A-Z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, MAX_PART)
		.replace(/-+$/, '');
}

const SEX: Record<string, string> = { '1': 'NAM', '2': 'NU', '3': 'KXD' };

/** "02/2008" in a book of 2008 → "02": the year is already its own part. */
function bookPart(book: string, year: number): string {
	return asciiWord(bookNumberOnly(book, year));
}

function soPart(so: string | null): string {
	const t = (so ?? '').trim();
	const m = /^(?:s[oố]\s*)?(\d+)(?:\s*\/\s*\d{4})?$/iu.exec(t);
	if (m) return m[1]!.padStart(3, '0');
	return asciiWord(t);
}

function tokenValue(token: FileNameToken, f: FileNameFacts): string {
	switch (token) {
		case 'type':
			return asciiWord(f.typeCode);
		case 'year':
			return String(f.year);
		case 'book':
			return bookPart(f.book, f.year);
		case 'so':
			return soPart(f.so);
		case 'seq':
			return String(f.seq).padStart(3, '0');
		case 'name':
			return asciiWord(f.name ?? '');
		case 'sex':
			return SEX[f.sex ?? ''] ?? '';
	}
}

/**
 * The file's base name (no extension) by a checked pattern. A dot-separated part whose token is
 * empty (no sex in a marriage register, a blank name) is left out rather than written empty.
 */
export function fileBaseName(pattern: string, f: FileNameFacts): string {
	const parts = pattern
		.split('.')
		.map((part) => {
			let empty = false;
			const text = part.replace(TOKEN, (_, t: string) => {
				const v = tokenValue(t as FileNameToken, f);
				if (!v) empty = true;
				return v;
			});
			return empty ? '' : text;
		})
		.filter(Boolean);
	return parts.length ? parts.join('.') : `ENTRY.${String(f.seq).padStart(3, '0')}`;
}

/**
 * Makes names unique, case-insensitively (zip tools on Windows fold case): the first of equal
 * names, in the order given, keeps it; the others get `-2`, `-3`… skipping any name in use.
 */
export function uniqueNames(bases: readonly string[], ext: string): string[] {
	const taken = new Set(bases.map((b) => b.toUpperCase()));
	const seen = new Set<string>();
	return bases.map((base) => {
		let name = base;
		if (seen.has(name.toUpperCase())) {
			for (let i = 2; ; i++) {
				name = `${base}-${i}`;
				if (!taken.has(name.toUpperCase()) && !seen.has(name.toUpperCase())) break;
			}
		}
		seen.add(name.toUpperCase());
		return `${name}${ext}`;
	});
}
