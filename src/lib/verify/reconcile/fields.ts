/**
 * The field normalisers of reconciliation: what an entry and a resident row are compared on.
 * Names split by naming tradition, dates kept as partial as they were written, places resolved to
 * units (old and new names), personal IDs as digits. Text rules live in src/lib/text; this module
 * only composes them.
 */
import { matchKey, normalizeText } from '../../text/vietnamese';
import { parseDate, type PartialDate } from '../../dates/partial-date';
import { cleanIdNumber } from '../../ids/personal-id';
import unitsNow from '../../units/units-2025.json';
import unitsBefore from '../../units/old-to-new-2025.json';

export type NameTradition = 'kinh' | 'ede' | 'jrai' | 'thai' | 'hmong' | 'khmer';

export interface ParsedName {
	/** Canonical spelling, lower case (NFC, tone marks in one place): "exact" agreement. */
	canon: string;
	/** Diacritic-free key of the whole name. */
	key: string;
	/** Family part: Kinh surname, clan (Ê Đê clan comes last, Jrai first). Folded. */
	surname: string;
	/** Middle names (Kinh "Văn", "Thị Ngọc"…), folded; '' when none. */
	middle: string;
	/** The given name, folded (Ê Đê: the word after "Y" / "H'"). */
	given: string;
	tradition: NameTradition;
}

const APOSTROPHES = /[\u2019\u2018\u02BC\u02B9\u0060\u00B4]/g;
// Clan names that open a Jrai name, folded; several are two words ("Rơ Châm").
const JRAI_CLANS = [
	'ro cham',
	'ro mah',
	'ro lan',
	'ro o',
	'ksor',
	'siu',
	'kpa',
	'nay',
	'rmah',
	'puih',
	'rahlan',
	'hiao',
	'rcom'
];
const JRAI_FIRST = new Set(JRAI_CLANS.map((c) => c.split(' ')[0]!));
const THAI = new Set(['lo', 'cam', 'quang', 'tong', 'vi', 'luong', 'lu', 'dieu', 'me']);
const HMONG = new Set(['vang', 'giang', 'sung', 'thao', 'hang', 'mua', 'sinh', 'lau', 'vu', 'ly']);
const KHMER = new Set(['thach', 'danh', 'son', 'kim', 'chau']);

export type NameParts = Omit<ParsedName, 'canon' | 'key'>;

/** Splits a folded name key ("nguyen thi hoa", "y ngong nie kdam") by its naming tradition. */
export function splitNameKey(key: string): NameParts {
	const t = key.split(' ');
	const first = t[0]!;
	// Ê Đê: men "Y Ngông Niê Kdăm", women "H'Nhi Êban": prefix, given name, clan last.
	if ((first === 'y' && t.length >= 3) || (/^h'./.test(first) && t.length >= 2)) {
		const given = first === 'y' ? t[1]! : first.slice(2);
		const clan = t.slice(first === 'y' ? 2 : 1).join(' ');
		return { surname: clan, middle: '', given, tradition: 'ede' };
	}
	const jrai = JRAI_FIRST.has(first)
		? JRAI_CLANS.find((c) => key === c || key.startsWith(c + ' '))
		: undefined;
	const surnameWords = jrai ? jrai.split(' ').length : 1;
	if (t.length <= surnameWords) return { surname: key, middle: '', given: '', tradition: 'kinh' };
	const tradition: NameTradition = jrai
		? 'jrai'
		: THAI.has(first)
			? 'thai'
			: HMONG.has(first)
				? 'hmong'
				: KHMER.has(first)
					? 'khmer'
					: 'kinh';
	return {
		surname: t.slice(0, surnameWords).join(' '),
		middle: t.slice(surnameWords, -1).join(' '),
		given: t[t.length - 1]!,
		tradition
	};
}

const FOLDED_WORDS = new Map<string, string>();

function foldWord(w: string): string {
	return matchKey(
		w
			.normalize('NFC')
			.replace(APOSTROPHES, "'")
			.replace(/[^\p{L}\p{M}']+/gu, '')
	);
}

/**
 * The diacritic-free key of a name, as `matchKey` gives it but memoised per written word (names
 * are made of a few thousand distinct words): what the index computes for millions of rows.
 */
export function nameKey(raw: string | null | undefined): string {
	if (!raw) return '';
	let out = '';
	for (const w of raw.split(/[\s\u00a0\u200b-\u200d\ufeff,;.-]+/)) {
		if (!w) continue;
		let f = FOLDED_WORDS.get(w);
		if (f === undefined) {
			f = foldWord(w);
			if (FOLDED_WORDS.size < 200_000) FOLDED_WORDS.set(w, f);
		}
		if (f) out = out ? `${out} ${f}` : f;
	}
	return out;
}

/** Key and parts without the canonical spelling (cheap; `canon` is left empty). */
export function parseNameKey(raw: string | null | undefined): ParsedName | null {
	const key = nameKey(raw);
	return key ? { canon: '', key, ...splitNameKey(key) } : null;
}

/** The canonical spelling alone: NFC, tone marks in one place, lower case. */
export function canonicalName(raw: string): string {
	return normalizeText(raw).replace(APOSTROPHES, "'").toLocaleLowerCase('vi');
}

/** A person's name: canonical spelling, key and parts. Empty input → null. */
export function parseName(raw: string | null | undefined): ParsedName | null {
	if (!raw) return null;
	const canon = canonicalName(raw);
	const key = nameKey(canon);
	if (!key) return null;
	return { canon, key, ...splitNameKey(key) };
}

const pad = (n: number) => String(n).padStart(2, '0');
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysIn = (y: number, m: number) =>
	m === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? 29 : MONTH_DAYS[m - 1]!;

function excelSerialToDate(serial: number): PartialDate | null {
	// Excel's day 1 is 1900-01-01 with the fictitious 29/02/1900; serials after it are off by one.
	if (!Number.isInteger(serial) || serial < 61 || serial > 73050) return null;
	const d = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
	return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * A birth date in any form clerks and extracts use: dd/mm/yyyy (., -, spaces), mm/yyyy, yyyy,
 * in words ("ngày 5 tháng 3 năm 1987"), ISO yyyy-mm-dd, yyyymmdd, Excel serial numbers, and the
 * population database's "00/00/1990" for an unknown day or month. Partial dates stay partial;
 * anything unreadable gives null.
 */
export function parseLooseDate(raw: string | null | undefined): PartialDate | null {
	if (!raw) return null;
	// The common case, read without the general parser (millions of extract rows).
	const quick = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(raw);
	if (quick) {
		const d = { year: Number(quick[3]), month: Number(quick[2]), day: Number(quick[1]) };
		if (d.day >= 1 && d.month >= 1 && d.month <= 12 && d.year >= 1850 && d.year <= 2100)
			if (d.day <= daysIn(d.year, d.month)) return d;
	}
	let s = normalizeText(raw).replace(/^(ngày|sinh ngày|sinh)\s+(?=\d)/i, '');
	if (!s) return null;
	let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/.exec(s);
	if (m) s = `${m[3]}/${m[2]}/${m[1]}`;
	m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
	if (m) s = `${m[3]}/${m[2]}/${m[1]}`;
	if (/^\d{5}$/.test(s)) return excelSerialToDate(Number(s));
	// Unknown day or month written as zeros.
	m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(s.replace(/\s*([./-])\s*/g, '$1'));
	if (m && Number(m[2]) === 0) s = m[3]!;
	else if (m && Number(m[1]) === 0) s = `${pad(Number(m[2]))}/${m[3]}`;
	const r = parseDate(s, { minYear: 1850, maxYear: 2100 });
	return r.ok ? r.value : null;
}

/** 12-digit personal IDs and 9-digit CMND as digits; anything else null. */
export function normalizePersonalId(raw: string | null | undefined): string | null {
	if (!raw) return null;
	const d = /^\d+$/.test(raw) ? raw : cleanIdNumber(normalizeText(raw));
	return /^\d{12}$/.test(d) || /^\d{9}$/.test(d) ? d : null;
}

export type Sex = 0 | 1 | 2;

/** 1 male, 2 female, 0 unknown: "Nam"/"Nữ", "M"/"F", the MOJ codes 1/2. */
export function parseSex(raw: string | null | undefined): Sex {
	if (raw === 'Nam') return 1;
	if (raw === 'Nữ') return 2;
	const k = raw ? matchKey(raw) : '';
	if (['nam', 'male', 'm', '1', 'trai'].includes(k)) return 1;
	if (['nu', 'female', 'f', '2', 'gai'].includes(k)) return 2;
	return 0;
}

// ---- places ----

const LEVEL_WORDS =
	/^(thanh pho|thi xa|thi tran|dac khu|tinh|huyen|quan|xa|phuong|tp\.?|tx\.?|tt\.?|h\.|q\.|p\.|x\.)\s*/;

const stripLevel = (k: string) => k.replace(LEVEL_WORDS, '').trim();

interface UnitRow {
	code: string;
	name: string;
	level: string;
	parent: string | null;
	to?: string[];
}

// Folded province name → new (2025) province code; old provinces map to the one they joined.
const PROVINCE_BY_NAME = new Map<string, string>();
// Folded commune name → new commune codes, per new province code ('' = any province).
const COMMUNES_BY_NAME = new Map<string, Map<string, Set<string>>>();
const NEW_PARENT = new Map<string, string>();

function addCommune(name: string, province: string, codes: readonly string[]) {
	const k = stripLevel(matchKey(name));
	const byProvince = COMMUNES_BY_NAME.get(k) ?? new Map<string, Set<string>>();
	for (const p of [province, '']) {
		const set = byProvince.get(p) ?? new Set<string>();
		for (const c of codes) set.add(c);
		byProvince.set(p, set);
	}
	COMMUNES_BY_NAME.set(k, byProvince);
}

for (const u of unitsNow as UnitRow[]) {
	if (u.level === 'province') PROVINCE_BY_NAME.set(stripLevel(matchKey(u.name)), u.code);
	else if (u.parent) NEW_PARENT.set(u.code, u.parent);
}
// Provinces gone before the 2025 list begins that books still name (merged whole).
PROVINCE_BY_NAME.set('ha tay', '01');
for (const u of unitsBefore as UnitRow[]) {
	const to = u.to ?? [];
	if (u.level === 'province') {
		const k = stripLevel(matchKey(u.name));
		if (!PROVINCE_BY_NAME.has(k) && to[0]) PROVINCE_BY_NAME.set(k, to[0]);
	}
}
for (const u of unitsNow as UnitRow[])
	if (u.level !== 'province' && u.parent) addCommune(u.name, u.parent, [u.code]);
for (const u of unitsBefore as UnitRow[]) {
	if (u.level === 'province' || !u.to?.length) continue;
	const province = NEW_PARENT.get(u.to[0]!) ?? '';
	addCommune(u.name, province, u.to);
}

export interface PlaceKey {
	/** Folded name of the most local part, level word removed ("tan lap"). */
	local: string;
	/** New (2025) province code when a part names a province, old or new. */
	province: string | null;
	/** New (2025) commune codes the local part can be (an old commune may have been split). */
	communes: readonly string[];
}

/** "Phường Tân Lập, tỉnh Đắk Lắk", "xã Hòa Thắng, TP Buôn Ma Thuột, Đắk Lắk" → units. */
export function parsePlace(raw: string | null | undefined): PlaceKey | null {
	if (!raw) return null;
	const parts = matchKey(raw)
		.split(/\s*[,;–-]\s*/)
		.map(stripLevel)
		.filter(Boolean);
	if (!parts.length) return null;
	let province: string | null = null;
	for (let i = parts.length - 1; i >= 0 && !province; i--)
		province = PROVINCE_BY_NAME.get(parts[i]!) ?? null;
	const local = parts[0]!;
	const byProvince = COMMUNES_BY_NAME.get(local);
	const communes = byProvince ? [...(byProvince.get(province ?? '') ?? [])] : [];
	// Without a province a name shared by many communes says little: keep it only when rare.
	return { local, province, communes: province || communes.length <= 3 ? communes : [] };
}

export { pad as pad2 };
export type { PartialDate };
