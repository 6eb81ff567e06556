/**
 * Rows of the national import Excel (DOMAIN.md §3): the MOJ template's sheet "DL Import" for births
 * — a row counter "STT", then one column per schema field, named exactly as the template names it
 * (the schema's keys are those names, checked against the template in registers/template.test.ts)
 * — and the same style for the other register types. One extra last column names the entry's PDF
 * in the book's zip.
 */
import { dateToWords } from '../dates/partial-date';
import { getRegisterSchema, type RegisterType } from '../registers/index';
import { dateParts, type NormalizedFields } from './entry-values';

export const EXCEL_SHEET = 'DL Import';
export const ROW_COUNTER = 'STT';
/** Our column after the template's: the entry's PDF in the zip. */
export const FILE_COLUMN = 'tenTepDinhKem';

export function excelColumns(type: RegisterType): string[] {
	return [ROW_COUNTER, ...getRegisterSchema(type).map((f) => f.key), FILE_COLUMN];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** As the template writes dates: "27.10.2008", "01.2019", "2008". */
export function templateDate(normalized: string | null): string | null {
	const d = dateParts(normalized);
	if (!d) return normalized;
	if (d.month === undefined) return String(d.year);
	if (d.day === undefined) return `${pad(d.month)}.${d.year}`;
	return `${pad(d.day)}.${pad(d.month)}.${d.year}`;
}

/**
 * As the template writes the entry number and the book: "01/2018", "02/2018". A bare number gets
 * two digits and the year; what already carries a year or is not a number stays as written.
 */
export function numberWithYear(written: string | null, year: number): string | null {
	const t = written?.trim();
	if (!t) return null;
	return /^\d+$/.test(t) ? `${t.padStart(2, '0')}/${year}` : t;
}

export interface RowContext {
	/** 1-based row counter. */
	stt: number;
	/** The PDF's name inside the zip. */
	fileName: string;
	/** The entry's registration year (see entry-values.ts). */
	year: number;
	/** The book's number, for an entry whose own `quyenSo` is blank. */
	bookNumber: string;
	bookYear: number;
}

/** One entry's row, cell by cell in `excelColumns(type)` order; blank cells are null. */
export function excelRow(
	type: RegisterType,
	values: NormalizedFields,
	ctx: RowContext
): (string | number | null)[] {
	const cells: (string | number | null)[] = [ctx.stt];
	for (const def of getRegisterSchema(type)) {
		const v = values[def.key] ?? null;
		if (def.key === 'so') cells.push(numberWithYear(v, ctx.year));
		else if (def.key === 'quyenSo') cells.push(numberWithYear(v ?? ctx.bookNumber, ctx.bookYear));
		else if (def.kind === 'date') cells.push(templateDate(v));
		else if (def.kind === 'dateWords') {
			// Written in words where the book has them, else spelt out from the date in figures.
			const d = dateParts(v) ?? (def.sameDateAs ? dateParts(values[def.sameDateAs] ?? null) : null);
			cells.push(d ? dateToWords(d) : null);
		} else cells.push(v);
	}
	cells.push(ctx.fileName);
	return cells;
}
