import type { BBox, OcrPool } from './engine/ocr-pool';
import { isPageError, ocrFile, type OcrError } from './pipeline';
import { layoutFromTemplate } from './segment/template-adapter';
import { isRegisterType } from '../registers/index';
import { validateEntry } from '../registers/validate-entry';
import { defaultTemplateFor, listTemplates, type RegisterTemplate } from './templates';

export interface BookPageField {
	value: string;
	/** Word confidence in [0,1]; null when nothing was read. */
	confidence: number | null;
	/** Where the value is on the scanned page, in its pixels. */
	bbox: BBox | null;
	/**
	 * Why the value needs a look: the reading's own doubts (`ocr.lowConfidence`,
	 * `ocr.kindMismatch`…) and the register's rules broken by the entry as read
	 * (`date.wordsMismatch`…). Empty when OCR has no doubt.
	 */
	issues: string[];
}

export interface BookPageEntry {
	/** The entry's box on the scanned page. */
	region: BBox;
	fields: Record<string, BookPageField>;
}

export interface BookPageSource {
	registerType: string;
	/** The book's layout template; null reads it with its register type's default. */
	templateId: string | null;
	/** How errors name the page, e.g. `Quyển 01, trang 3`. */
	name: string;
	/** Page number within the book, for messages. */
	pageNo: number;
}

/**
 * What OCR reads on one image with one template, whichever book page shows it: the written entries
 * (maybe none) or why the image cannot be read. It depends on nothing else, so it can be cached by
 * image and template; `forBookPage` turns it into one page's result.
 */
export type PageReading = { entries: BookPageEntry[] } | { error: OcrError };

export type BookPageResult = { entries: BookPageEntry[] } | { error: OcrError };

// The pipeline names its input in errors. A reading names it with this stand-in, which
// `forBookPage` replaces with the name of the page it is recorded for.
const PAGE_NAME = '⟨page⟩';

/**
 * Reads one scanned page of a register book into its entries' prefilled fields, keyed by the
 * register's field keys.
 */
export async function ocrBookPage(
	image: Uint8Array,
	source: BookPageSource,
	pool: OcrPool
): Promise<BookPageResult> {
	const template = bookPageTemplate(source);
	if ('error' in template) return template;
	return forBookPage(await readPageImage(image, template, pool), source);
}

/** Reads an image with a template. Rows the book left blank are dropped. */
export async function readPageImage(
	image: Uint8Array,
	template: RegisterTemplate,
	pool: OcrPool
): Promise<PageReading> {
	const result = await ocrFile(
		Buffer.from(image.buffer, image.byteOffset, image.byteLength),
		{
			type: template.registerType,
			template: layoutFromTemplate(template),
			fullText: false,
			name: PAGE_NAME
		},
		pool
	);
	if (result.error) return { error: result.error };
	const page = result.pages[0];
	if (!page) return { entries: [] };
	if (isPageError(page)) return { error: page.error };
	const entries = (page.entries ?? [])
		.map((e): BookPageEntry => {
			const broken = registerRuleIssues(template.registerType, e.fields);
			return {
				region: e.bbox,
				fields: Object.fromEntries(
					Object.entries(e.fields).map(([key, f]) => [
						key,
						{
							value: f.value,
							confidence: f.value ? f.confidence : null,
							bbox: f.bbox,
							// A blank cell is only a doubt when the register needs it (then a rule says so).
							issues: [...(f.value ? f.issues : []), ...(broken.get(key) ?? [])]
						}
					])
				)
			};
		})
		.filter((e) => Object.values(e.fields).some((f) => f.value.trim() !== ''));
	return { entries };
}

/**
 * The register's own rules (validate-entry.ts) that the entry as read breaks, by field: a date in
 * words that disagrees with the date in figures, an impossible date, an ID of the wrong shape. OCR
 * can read each field confidently and still get one of a pair wrong; this catches it.
 */
function registerRuleIssues(
	registerType: string,
	fields: Record<string, { value: string }>
): Map<string, string[]> {
	const byField = new Map<string, string[]>();
	if (!isRegisterType(registerType)) return byField;
	const values = Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.value]));
	for (const issue of validateEntry(registerType, values)) {
		if (issue.severity !== 'error' || !issue.field) continue;
		byField.set(issue.field, [...(byField.get(issue.field) ?? []), issue.code]);
	}
	return byField;
}

/**
 * A reading as one book page's result: its errors name the page, and a page on which no entry at
 * all is found is an error (a register page is often not full, but never empty), so it is looked
 * at, not skipped.
 */
export function forBookPage(
	reading: PageReading,
	page: Pick<BookPageSource, 'name' | 'pageNo'>
): BookPageResult {
	if ('error' in reading) return { error: namePage(reading.error, page.name) };
	if (reading.entries.length === 0) return { error: noEntries(page) };
	return reading;
}

/** The layout a book's pages are read with, or why there is none. */
export function bookPageTemplate(
	book: Pick<BookPageSource, 'registerType' | 'templateId'>
): RegisterTemplate | { error: OcrError } {
	if (book.templateId) {
		const t = listTemplates().find((x) => x.id === book.templateId);
		if (t) return t;
		return {
			error: {
				code: 'ocr.unknownTemplate',
				params: { id: book.templateId },
				message: `unknown page layout ${book.templateId}`
			}
		};
	}
	return (
		defaultTemplateFor(book.registerType) ?? {
			error: {
				code: 'ocr.noTemplate',
				params: { type: book.registerType },
				message: `no page layout for ${book.registerType} books`
			}
		}
	);
}

function namePage(error: OcrError, name: string): OcrError {
	const named = (v: string | number) => (typeof v === 'string' ? v.replaceAll(PAGE_NAME, name) : v);
	return {
		code: error.code,
		params: Object.fromEntries(Object.entries(error.params).map(([k, v]) => [k, named(v)])),
		message: error.message.replaceAll(PAGE_NAME, name)
	};
}

function noEntries(page: Pick<BookPageSource, 'name' | 'pageNo'>): OcrError {
	return {
		code: 'ocr.noEntries',
		params: { page: page.pageNo },
		message: `${page.name}: no entries found`
	};
}
