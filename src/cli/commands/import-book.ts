import { access, constants, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Services } from '../../lib/server/container';
import { ImportDraft, type NewBook } from '../../lib/server/services/book-import';
import { openScanFile } from '../../lib/ocr/page-source';
import type { OcrError } from '../../lib/ocr/pipeline';
import { isRegisterType, registerTypeIds, registerTypeInfo } from '../../lib/registers/index';
import { t } from '../../lib/i18n/index';
import { withServices } from '../context';
import { CliError, usageError, type CliIo } from '../io';
import { parseOrUsage } from './migrate';

const USAGE = `usage: sohoa import-book FILE… --unit CODE --type ${registerTypeIds.join('|')} --book NUMBER --year YYYY`;

export interface ImportBookRequest {
	/** Scan files (PDF, TIFF, JPEG, PNG, WebP), in the order their pages go into the book. */
	files: string[];
	book: NewBook;
}

/**
 * `sohoa import-book FILE… --unit CODE --type T --book NUMBER --year YYYY`: creates the book, adds
 * every page of every file, queues the book's OCR and prints the book's id on stdout. Bad arguments
 * or a missing file write nothing (exit 2; an unknown unit or a year out of range: exit 1).
 */
export async function importBookCommand(argv: string[], io: CliIo): Promise<number> {
	const request = await parseImportBook(argv);
	return withServices((s) => importBook(s, request, io));
}

/** Checks everything that can be checked without the database, every file included. */
export async function parseImportBook(argv: string[]): Promise<ImportBookRequest> {
	const { positionals: files, values } = parseOrUsage(
		argv,
		{
			unit: { type: 'string' },
			type: { type: 'string' },
			book: { type: 'string' },
			year: { type: 'string' }
		},
		true
	);
	const required = (flag: keyof typeof values): string => {
		const v = values[flag]?.trim();
		if (!v) throw usageError(`--${flag} is required; ${USAGE}`);
		return v;
	};
	const unitCode = required('unit');
	const registerType = required('type');
	const bookNumber = required('book');
	const year = required('year');
	if (!isRegisterType(registerType))
		throw usageError(`unknown register type "${registerType}" (${registerTypeIds.join(', ')})`);
	if (!/^\d{4}$/.test(year)) throw usageError(`--year must be a year such as 2012 (got "${year}")`);
	if (files.length === 0) throw usageError(`no input file; ${USAGE}`);
	for (const file of files) await assertReadableFile(file);
	return {
		files,
		book: {
			unitCode,
			registerType,
			bookNumber,
			year: Number(year),
			// Named as the register's cover names it; OCR messages call a page "<title>, trang N".
			title: `Sổ đăng ký ${registerTypeInfo(registerType).name.vi.toLowerCase()} ${year}, quyển ${bookNumber}`
		}
	};
}

async function assertReadableFile(file: string): Promise<void> {
	try {
		if (!(await stat(file)).isFile()) throw usageError(`${file}: not a file`);
		await access(file, constants.R_OK);
	} catch (e) {
		if (e instanceof CliError) throw e;
		const code = (e as NodeJS.ErrnoException).code ?? String(e);
		throw usageError(
			code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${code})`
		);
	}
}

/**
 * Checks the book (an unknown unit is refused before any file is read), stores every readable
 * page's image, then writes the book, its pages and its OCR job in one transaction and prints the
 * book's id: a crash half-way leaves no book, and the same command run again imports it whole.
 * A file or page that cannot be read is reported on stderr and skipped; the rest of the book is
 * still imported (exit 1).
 */
export async function importBook(
	s: Services,
	request: ImportBookRequest,
	io: CliIo
): Promise<number> {
	await s.bookImport.checkNewBook(null, request.book);
	let failed = false;
	const report = (e: OcrError) => {
		failed = true;
		io.stderr.write(
			`sohoa import-book: ${t('en', e.code, e.params)} / ${t('vi', e.code, e.params)}\n`
		);
	};
	const draft = new ImportDraft();
	for (const file of request.files) {
		const scan = await openScanFile(file);
		if ('error' in scan) {
			report(scan.error);
			continue;
		}
		for (const pending of scan.pages) {
			const image = await pending.read();
			if ('error' in image) {
				report(image.error);
				continue;
			}
			const { bytes, mime, width, height } = image;
			const sourceFile = path.basename(file);
			// The draft keeps one copy of an image per book and says which page holds it.
			const { pageNo, stored } = await s.bookImport.stagePage(draft, {
				bytes,
				mime,
				width,
				height,
				sourceFile,
				sourcePage: image.page
			});
			const where = stored
				? `book page ${pageNo}`
				: `same image as book page ${pageNo}, not stored again`;
			io.stderr.write(`import-book ${file}: page ${image.page}/${scan.pages.length} → ${where}\n`);
		}
	}
	const bookId = await s.bookImport.commitImport(null, request.book, draft);
	io.stdout.write(`${bookId}\n`);
	return failed ? 1 : 0;
}
