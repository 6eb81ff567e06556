/**
 * Field comparators: each returns an agreement level, the unit both the score (weights per
 * level) and the clerk's panel ("tên: khớp", "năm sinh: lệch 1") are made of.
 */
import type { PartialDate } from '../../dates/partial-date';
import type { ParsedName, PlaceKey, Sex } from './fields';

export type NameLevel = 'exact' | 'folded' | 'noMiddle' | 'close' | 'differ' | 'missing';
export type PartLevel = 'agree' | 'close' | 'differ' | 'missing';
export type DateLevel =
	'exact' | 'partial' | 'swapped' | 'sameYear' | 'yearOff1' | 'differ' | 'missing';
export type SimpleLevel = 'agree' | 'differ' | 'missing';
export type IdLevel = 'agree' | 'close' | 'differ' | 'missing';
export type ParentLevel = 'exact' | 'folded' | 'close' | 'givenOnly' | 'differ' | 'missing';
export type PlaceLevel = 'sameUnit' | 'sameProvince' | 'differ' | 'missing';

/** Jaro–Winkler similarity of two strings (0…1). */
export function jaroWinkler(a: string, b: string): number {
	if (a === b) return 1;
	const la = a.length;
	const lb = b.length;
	if (!la || !lb) return 0;
	const range = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
	const ma = new Uint8Array(la);
	const mb = new Uint8Array(lb);
	let matches = 0;
	for (let i = 0; i < la; i++) {
		const lo = Math.max(0, i - range);
		const hi = Math.min(lb - 1, i + range);
		for (let j = lo; j <= hi; j++) {
			if (!mb[j] && a.charCodeAt(i) === b.charCodeAt(j)) {
				ma[i] = mb[j] = 1;
				matches++;
				break;
			}
		}
	}
	if (!matches) return 0;
	let k = 0;
	let half = 0;
	for (let i = 0; i < la; i++) {
		if (!ma[i]) continue;
		while (!mb[k]) k++;
		if (a.charCodeAt(i) !== b.charCodeAt(k)) half++;
		k++;
	}
	const m = matches;
	const jaro = (m / la + m / lb + (m - half / 2) / m) / 3;
	let prefix = 0;
	while (prefix < 4 && prefix < la && prefix < lb && a[prefix] === b[prefix]) prefix++;
	return jaro + prefix * 0.1 * (1 - jaro);
}

const CLOSE = 0.9;

export function comparePart(a: string, b: string): PartLevel {
	if (!a || !b) return 'missing';
	if (a === b) return 'agree';
	return jaroWinkler(a, b) >= CLOSE ? 'close' : 'differ';
}

/** The whole name, as the panel shows it. */
export function compareNames(a: ParsedName | null, b: ParsedName | null): NameLevel {
	if (!a || !b) return 'missing';
	if (a.canon === b.canon) return 'exact';
	if (a.key === b.key) return 'folded';
	if (a.surname === b.surname && a.given === b.given && (!a.middle || !b.middle)) return 'noMiddle';
	if (jaroWinkler(a.key, b.key) >= 0.92) return 'close';
	return 'differ';
}

/** A parent's name: agreement on the given name alone still tells homonyms apart. */
export function compareParent(a: ParsedName | null, b: ParsedName | null): ParentLevel {
	const level = compareNames(a, b);
	if (level === 'exact' || level === 'missing') return level;
	if (level === 'folded' || level === 'noMiddle') return 'folded';
	if (level === 'close') return 'close';
	return a!.given && a!.given === b!.given ? 'givenOnly' : 'differ';
}

export function compareDates(a: PartialDate | null, b: PartialDate | null): DateLevel {
	if (!a || !b) return 'missing';
	if (a.year === b.year) {
		if (a.month === undefined || b.month === undefined) return 'partial';
		if (a.month === b.month) {
			if (a.day === undefined || b.day === undefined) return 'partial';
			return a.day === b.day ? 'exact' : 'sameYear';
		}
		if (a.day !== undefined && a.day === b.month && a.month === b.day) return 'swapped';
		return 'sameYear';
	}
	return Math.abs(a.year - b.year) === 1 ? 'yearOff1' : 'differ';
}

export function compareSex(a: Sex, b: Sex): SimpleLevel {
	if (!a || !b) return 'missing';
	return a === b ? 'agree' : 'differ';
}

/** Personal IDs: one mistyped digit or two swapped neighbours is "close". */
export function compareIds(a: string | null, b: string | null): IdLevel {
	if (!a || !b) return 'missing';
	if (a === b) return 'agree';
	if (a.length !== b.length) return 'differ';
	const diff: number[] = [];
	for (let i = 0; i < a.length && diff.length < 3; i++) if (a[i] !== b[i]) diff.push(i);
	if (diff.length === 1) return 'close';
	if (
		diff.length === 2 &&
		diff[1] === diff[0]! + 1 &&
		a[diff[0]!] === b[diff[1]!] &&
		a[diff[1]!] === b[diff[0]!]
	)
		return 'close';
	return 'differ';
}

export function comparePlaces(a: PlaceKey | null, b: PlaceKey | null): PlaceLevel {
	if (!a || !b) return 'missing';
	const sameProvince = !!a.province && a.province === b.province;
	const provincesDiffer = !!a.province && !!b.province && a.province !== b.province;
	if (!provincesDiffer) {
		if (a.local === b.local) return 'sameUnit';
		if (a.communes.some((c) => b.communes.includes(c))) return 'sameUnit';
	}
	return sameProvince ? 'sameProvince' : 'differ';
}
