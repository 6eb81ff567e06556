/**
 * The files of a book's export package, written so that the same content always gives the same
 * bytes: zip entries carry one fixed time, the workbook fixed document dates.
 */
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { EXCEL_SHEET } from '../../export/excel-rows';

/** Zip and workbook times of every export (zip stores local time without a zone). */
export const FIXED_FILE_DATE = new Date(2000, 0, 1);

/** A zip of named files, stored as given (PDFs hold JPEGs: deflating them gains nothing). */
export function zipFiles(files: readonly { name: string; bytes: Uint8Array }[]): Uint8Array {
	const z: Zippable = {};
	for (const f of files) z[f.name] = [f.bytes, { level: 0, mtime: FIXED_FILE_DATE }];
	return zipSync(z);
}

const FONT = { name: 'Times New Roman', size: 13 } as const;

/**
 * The import workbook: sheet "DL Import", the header row as the MOJ template has it (bold Times
 * New Roman 13), every value a text cell (the template's "@" format) but the row counter.
 *
 * Formula injection: a value such as `=HYPERLINK("http://…","…")` (typed by a clerk, or from an
 * imported extract) is written as a shared string, never as a formula, and every text cell's style
 * carries Excel's quote prefix, so Excel and LibreOffice keep it text even when it is edited. The
 * value itself is not changed: the national database receives exactly what was approved.
 */
export async function buildWorkbook(
	columns: readonly string[],
	rows: readonly (string | number | null)[][]
): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'sohoa';
	wb.lastModifiedBy = 'sohoa';
	wb.created = FIXED_FILE_DATE;
	wb.modified = FIXED_FILE_DATE;
	const ws = wb.addWorksheet(EXCEL_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
	ws.columns = columns.map((key, i) => ({
		key,
		width: i === 0 ? 6 : Math.min(Math.max(key.length + 2, 12), 40),
		style: i === 0 ? { font: FONT } : { font: FONT, numFmt: '@' }
	}));
	const header = ws.addRow([...columns]);
	header.font = { ...FONT, bold: true };
	for (const r of rows) ws.addRow(r.map((v) => v ?? null));
	const written = new Uint8Array(await wb.xlsx.writeBuffer());
	// exceljs stamps its zip entries with the current time: re-zip them with the fixed one.
	const parts = unzipSync(written);
	const z: Zippable = {};
	for (const [name, bytes] of Object.entries(parts)) {
		if (name.endsWith('/')) continue;
		const kept = name === 'xl/styles.xml' ? quotePrefixText(bytes) : bytes;
		z[name] = [kept, { level: 6, mtime: FIXED_FILE_DATE }];
	}
	return zipSync(z);
}

/** The text cell styles (number format 49, "@") with the quote prefix, which exceljs cannot set. */
function quotePrefixText(styles: Uint8Array): Uint8Array {
	const xml = strFromU8(styles);
	const marked = xml.replaceAll('<xf numFmtId="49" ', '<xf numFmtId="49" quotePrefix="1" ');
	if (marked === xml) throw new Error('the workbook has no text cell style to protect');
	return strToU8(marked);
}
