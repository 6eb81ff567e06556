/**
 * Streams the rows of a resident extract (CSV with any delimiter, with or without BOM, UTF-8 or
 * Windows-1252; XLSX through exceljs's streaming reader) as records in canonical keys. The header
 * row is found among the first rows; each text column's legacy encoding (TCVN3, VNI) is detected on
 * its first rows and decoded. Rows are never all held in memory.
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { AppError } from '../errors';
import { assertSafeWorkbook } from './archive-guard';
import {
	EXTRACT_HEADERS,
	mapHeaders,
	RESIDENT_KEYS,
	type HeaderMap,
	type ResidentKey
} from '../../verify/reconcile/headers';
import {
	decodeAs,
	detectEncoding,
	type TextEncoding
} from '../../verify/reconcile/legacy-encoding';

export type ExtractRecord = Partial<Record<ResidentKey, string>>;
export interface ExtractRow {
	/** 1-based line (CSV) or row (XLSX) number in the file. */
	row: number;
	record: ExtractRecord;
}

/** Rows looked at for the header row and for each column's encoding. */
const HEADER_SEARCH = 10;
const SAMPLE_ROWS = 1000;
/** Characters a CSV line may have: an extract row is a few hundred; a longer one is not an extract. */
export const MAX_LINE_CHARS = 1 << 20;

type RawRow = { row: number; cells: string[] };

export async function* readExtract(file: string): AsyncGenerator<ExtractRow> {
	for await (const batch of readExtractBatches(file)) yield* batch;
}

/**
 * The same rows in the batches they were read in (a chunk of the CSV, a run of XLSX rows): a bulk
 * import takes them this way, one step of the async iteration per batch instead of per row.
 */
export async function* readExtractBatches(file: string): AsyncGenerator<ExtractRow[]> {
	const name = path.basename(file);
	const kind = await sniff(file);
	if (kind === 'xlsx') await assertSafeWorkbook(file, name);
	const raw = kind === 'xlsx' ? xlsxRows(file, name) : csvRows(file, name);
	let header: HeaderMap | null = null;
	const firstRows: string[][] = [];
	let sample: RawRow[] = [];
	let encodings: TextEncoding[] = [];
	const toRecord = (r: RawRow): ExtractRow | null => {
		const record: ExtractRecord = {};
		let any = false;
		for (let i = 0; i < header!.length; i++) {
			const key = header![i];
			if (!key) continue;
			const v = decodeAs(r.cells[i] ?? '', encodings[i] ?? 'unicode').trim();
			if (v.includes('\u0000'))
				throw new AppError(422, 'resident.binaryContent', { file: name, row: r.row });
			if (v) {
				record[key] = v;
				any = true;
			}
		}
		return any ? { row: r.row, record } : null;
	};
	const emit = (rows: RawRow[], out: ExtractRow[]) => {
		for (const s of rows) {
			const rec = toRecord(s);
			if (rec) out.push(rec);
		}
	};
	for await (const rawRows of raw) {
		const out: ExtractRow[] = [];
		for (const r of rawRows) {
			if (!header) {
				if (r.cells.every((c) => !c.trim())) continue;
				header = mapHeaders(r.cells);
				if (!header) {
					firstRows.push(r.cells);
					if (firstRows.length >= HEADER_SEARCH) throw unknownLayout(name, firstRows[0]!);
				}
				continue;
			}
			if (sample.length < SAMPLE_ROWS && encodings.length === 0) {
				sample.push(r);
				if (sample.length < SAMPLE_ROWS) continue;
				encodings = detectColumns(header, sample);
				emit(sample, out);
				sample = [];
				continue;
			}
			const rec = toRecord(r);
			if (rec) out.push(rec);
		}
		if (out.length) yield out;
	}
	if (!header) throw unknownLayout(name, firstRows[0] ?? []);
	if (encodings.length === 0) {
		encodings = detectColumns(header, sample);
		const out: ExtractRow[] = [];
		emit(sample, out);
		if (out.length) yield out;
	}
}

function detectColumns(header: HeaderMap, sample: RawRow[]): TextEncoding[] {
	return header.map((key, i) =>
		key && key !== 'id' && key !== 'personal_id'
			? detectEncoding(sample.map((r) => r.cells[i] ?? ''))
			: 'unicode'
	);
}

function unknownLayout(file: string, found: string[]): AppError {
	return new AppError(422, 'resident.unknownLayout', {
		file,
		found: found.filter((c) => c.trim()).join(' | ') || '—',
		expected: `${Object.values(EXTRACT_HEADERS).join(' | ')} (${RESIDENT_KEYS.join(', ')})`
	});
}

async function sniff(file: string): Promise<'xlsx' | 'csv'> {
	let fh;
	try {
		fh = await open(file, 'r');
	} catch (e) {
		throw new AppError(422, 'resident.unreadableFile', {
			file: path.basename(file),
			reason: (e as NodeJS.ErrnoException).code ?? String(e)
		});
	}
	try {
		const buf = Buffer.alloc(4);
		await fh.read(buf, 0, 4, 0);
		// XLSX is a zip: "PK\3\4".
		return buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 3 && buf[3] === 4 ? 'xlsx' : 'csv';
	} finally {
		await fh.close();
	}
}

// ---- CSV ----

/** Checked on the bytes, without decoding them into strings that are thrown away. */
async function isUtf8File(file: string): Promise<boolean> {
	let carry: Buffer | null = null;
	for await (const read of createReadStream(file, { highWaterMark: 1 << 20 })) {
		const chunk: Buffer = carry ? Buffer.concat([carry, read as Buffer]) : (read as Buffer);
		const end = completeUtf8End(chunk);
		if (!isUtf8(chunk.subarray(0, end))) return false;
		carry = end < chunk.length ? chunk.subarray(end) : null;
	}
	// A file cut in the middle of a character is not UTF-8.
	return carry === null;
}

/** Where the last whole UTF-8 sequence of `b` ends: one cut by the end of the chunk waits for the next. */
export function completeUtf8End(b: Uint8Array): number {
	for (let k = 1; k <= Math.min(3, b.length); k++) {
		const byte = b[b.length - k]!;
		if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
		const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
		return length > k ? b.length - k : b.length;
	}
	return b.length;
}

/**
 * A byte-order mark names the encoding (Excel's "Unicode text" is UTF-16); without one, a file
 * that is not valid UTF-8 is an old Windows export (Windows-1252 bytes; TCVN3/VNI text is then
 * decoded per column).
 */
async function textEncoding(
	file: string
): Promise<'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'> {
	const fh = await open(file, 'r');
	const bom = Buffer.alloc(2);
	try {
		await fh.read(bom, 0, 2, 0);
	} finally {
		await fh.close();
	}
	if (bom[0] === 0xff && bom[1] === 0xfe) return 'utf-16le';
	if (bom[0] === 0xfe && bom[1] === 0xff) return 'utf-16be';
	return (await isUtf8File(file)) ? 'utf-8' : 'windows-1252';
}

const DELIMITERS = [',', ';', '\t', '|'];
const QUOTE = 0x22;
const NEWLINE = 0x0a;

function splitLine(line: string, d: string): string[] {
	const cells: string[] = [];
	let cell = '';
	let quoted = false;
	for (const ch of line) {
		if (ch === '"') quoted = !quoted;
		else if (ch === d && !quoted) {
			cells.push(cell);
			cell = '';
		} else cell += ch;
	}
	cells.push(cell);
	return cells;
}

/**
 * The delimiter that makes the first line the most recognised headers (extract headers contain
 * commas themselves: "Họ, chữ đệm và tên"), else the one that splits it most.
 */
function pickDelimiter(line: string): string {
	let best = ',';
	let bestScore = -1;
	for (const d of DELIMITERS) {
		const cells = splitLine(line.replace(/\r$/, ''), d);
		const known = mapHeaders(cells)?.filter(Boolean).length ?? 0;
		const score = known * 1000 + cells.length;
		if (score > bestScore) {
			best = d;
			bestScore = score;
		}
	}
	return best;
}

/** Rows a chunk of the file at a time. */
async function* csvRows(file: string, name: string): AsyncGenerator<RawRow[]> {
	const decoder = new TextDecoder(await textEncoding(file));
	let delimiter: string | null = null;
	let delimiterCode = -1;
	let field = '';
	let cells: string[] = [];
	let quoted = false;
	let pendingQuote = false;
	let line = 1;
	let rowStart = 1;
	let first = true;
	let carry = '';
	let lineChars = 0;
	const stream = createReadStream(file, { highWaterMark: 1 << 20 });
	try {
		for await (const chunk of stream) {
			let text = carry + decoder.decode(chunk as Buffer, { stream: true });
			carry = '';
			if (first) {
				if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
				const nl = text.indexOf('\n');
				if (nl < 0 && text.length < 1 << 20) {
					carry = text;
					continue;
				}
				delimiter = pickDelimiter(nl < 0 ? text : text.slice(0, nl));
				delimiterCode = delimiter.charCodeAt(0);
				first = false;
			}
			const rows: RawRow[] = [];
			// Fields are sliced out of the chunk, not built a character at a time (most of an
			// import's garbage was those one-character appends); `field` only holds the part of a
			// field from earlier chunks or before an escaped quote, `from` where the rest begins.
			let from = 0;
			for (let i = 0; i < text.length; i++) {
				const c = text.charCodeAt(i);
				if (++lineChars > MAX_LINE_CHARS)
					throw new AppError(422, 'resident.lineTooLong', {
						file: name,
						row: rowStart,
						max: MAX_LINE_CHARS
					});
				if (quoted) {
					if (pendingQuote) {
						pendingQuote = false;
						if (c === QUOTE) {
							// "" inside quotes: one quote.
							field += '"';
							from = i + 1;
							continue;
						}
						quoted = false;
					} else if (c === QUOTE) {
						field += text.slice(from, i);
						from = i + 1;
						pendingQuote = true;
						continue;
					} else {
						if (c === NEWLINE) line++;
						continue;
					}
				}
				if (c === QUOTE && from === i && field === '') {
					quoted = true;
					from = i + 1;
				} else if (c === delimiterCode) {
					cells.push(field + text.slice(from, i));
					field = '';
					from = i + 1;
				} else if (c === NEWLINE) {
					const last = field + text.slice(from, i);
					cells.push(last.endsWith('\r') ? last.slice(0, -1) : last);
					rows.push({ row: rowStart, cells });
					cells = [];
					field = '';
					from = i + 1;
					line++;
					rowStart = line;
					lineChars = 0;
				}
			}
			field += text.slice(from);
			if (rows.length) yield rows;
		}
	} catch (e) {
		if (e instanceof AppError) throw e;
		throw new AppError(422, 'resident.unreadableFile', { file: name, reason: String(e) });
	}
	const tail = carry + decoder.decode();
	if (first && tail) {
		// A one-line file without a newline.
		delimiter = pickDelimiter(tail.replace(/^\uFEFF/, ''));
		yield [
			{
				row: 1,
				cells: tail
					.replace(/^\uFEFF/, '')
					.replace(/\r$/, '')
					.split(delimiter)
			}
		];
		return;
	}
	if (pendingQuote) quoted = false;
	if (quoted) throw new AppError(422, 'resident.unclosedQuote', { file: name, row: rowStart });
	if (field || cells.length) {
		cells.push(field.endsWith('\r') ? field.slice(0, -1) : field);
		yield [{ row: rowStart, cells }];
	}
}

// ---- XLSX ----

const XLSX_BATCH = 1000;

function cellText(v: ExcelJS.CellValue): string {
	if (v === null || v === undefined) return '';
	if (typeof v === 'string') return v;
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	if (v instanceof Date) {
		const p = (n: number) => String(n).padStart(2, '0');
		return `${p(v.getUTCDate())}/${p(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`;
	}
	if (typeof v === 'object') {
		if ('richText' in v) return v.richText.map((r) => r.text).join('');
		if ('text' in v && typeof v.text === 'string') return v.text;
		if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
	}
	return '';
}

async function* xlsxRows(file: string, name: string): AsyncGenerator<RawRow[]> {
	const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
		sharedStrings: 'cache',
		hyperlinks: 'ignore',
		styles: 'ignore',
		worksheets: 'emit',
		entries: 'emit'
	});
	try {
		// The first worksheet only: extracts are one sheet.
		for await (const sheet of reader) {
			let rows: RawRow[] = [];
			for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
				const values = row.values as ExcelJS.CellValue[];
				// exceljs row values are 1-based.
				rows.push({ row: row.number, cells: values.slice(1).map(cellText) });
				if (rows.length >= XLSX_BATCH) {
					yield rows;
					rows = [];
				}
			}
			if (rows.length) yield rows;
			break;
		}
	} catch (e) {
		if (e instanceof AppError) throw e;
		throw new AppError(422, 'resident.unreadableFile', {
			file: name,
			reason: e instanceof Error ? e.message : String(e)
		});
	}
}
