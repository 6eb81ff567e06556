/**
 * An entry's values as they leave sohoa: each field normalised by the register schema (the clerk's
 * override wins), plus the facts the file name, the Excel row and duplicate detection share.
 */
import { parseDateFigures, type PartialDate } from '../dates/partial-date';
import {
	getRegisterSchema,
	normalizeFieldValue,
	registerTypeInfo,
	type RegisterType
} from '../registers/index';

/** One stored field: what the book says and the clerk's normalised override, if any. */
export interface StoredField {
	value: string;
	normalizedOverride: string | null;
}

export type NormalizedFields = Record<string, string | null>;

/** Every schema field of the type, normalised; blank or unreadable values are null. */
export function normalizeEntry(
	type: RegisterType,
	fields: Readonly<Record<string, StoredField>>
): NormalizedFields {
	const out: NormalizedFields = {};
	for (const def of getRegisterSchema(type)) {
		const f = fields[def.key];
		if (!f) {
			out[def.key] = null;
			continue;
		}
		const override = f.normalizedOverride?.trim();
		out[def.key] = override ? override : normalizeFieldValue(def, f.value).normalized;
	}
	return out;
}

/** The entry number's figures: "15", "15/2008", "Số 15" → 15; null when it has none. */
export function entryNumber(so: string | null): number | null {
	const m = /\d+/.exec(so ?? '');
	return m ? Number(m[0]) : null;
}

/** The book's number without its year: "02/2008" in a book of 2008 → "02". */
export function bookNumberOnly(book: string, year: number): string {
	return book.replace(new RegExp(`\\s*/\\s*${year}\\s*$`), '').trim();
}

/** A normalised date ("27/08/2008", "08/2008", "2008") back to its parts. */
export function dateParts(normalized: string | null): PartialDate | null {
	if (!normalized) return null;
	const r = parseDateFigures(normalized);
	return r.ok ? r.value : null;
}

/**
 * The year the entry was registered in: entry numbers restart every year (DOMAIN.md §1), so this,
 * not the book's year, goes with the number. From the registration date, else a "15/2008" number,
 * else the book's year.
 */
export function registrationYear(values: NormalizedFields, bookYear: number): number {
	const registered = dateParts(values.ngayDangKy ?? null);
	if (registered) return registered.year;
	const m = /\/\s*(\d{4})\s*$/.exec(values.so ?? '');
	return m ? Number(m[1]) : bookYear;
}

/** The person the entry is about: the register type's principal name, birth date and sex. */
export function principal(type: RegisterType, values: NormalizedFields) {
	const p = registerTypeInfo(type).principal;
	return {
		name: values[p.name] ?? null,
		birthDate: p.birthDate ? (values[p.birthDate] ?? null) : null,
		sex: p.sex ? (values[p.sex] ?? null) : null
	};
}
