import type { BBox, OcrPool } from './engine/ocr-pool';
import { isPageError, ocrFile, type OcrError } from './pipeline';
import { layoutFromTemplate } from './segment/template-adapter';
import { defaultTemplateFor, listTemplates, type RegisterTemplate } from './templates';

export interface BookPageField {
	value: string;
	/** Word confidence in [0,1]; null when nothing was read. */
	confidence: number | null;
	/** Where the value is on the scanned page, in its pixels. */
	bbox: BBox | null;
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
 * Reads one scanned page of a register book into its entries' prefilled fields, keyed by the
 * register's field keys. Rows the book left blank are dropped (a register page is often not
 * full); a page on which no entry at all is found is an error, so it is looked at, not skipped.
 */
export async function ocrBookPage(
	image: Uint8Array,
	source: BookPageSource,
	pool: OcrPool
): Promise<{ entries: BookPageEntry[] } | { error: OcrError }> {
	const template = resolveTemplate(source);
	if ('error' in template) return template;
	const result = await ocrFile(
		Buffer.from(image.buffer, image.byteOffset, image.byteLength),
		{
			type: source.registerType,
			template: layoutFromTemplate(template),
			fullText: false,
			name: source.name
		},
		pool
	);
	if (result.error) return { error: result.error };
	const page = result.pages[0];
	if (!page) return { error: noEntries(source) };
	if (isPageError(page)) return { error: page.error };
	const entries = (page.entries ?? [])
		.map((e): BookPageEntry => ({
			region: e.bbox,
			fields: Object.fromEntries(
				Object.entries(e.fields).map(([key, f]) => [
					key,
					{ value: f.value, confidence: f.value ? f.confidence : null, bbox: f.bbox }
				])
			)
		}))
		.filter((e) => Object.values(e.fields).some((f) => f.value.trim() !== ''));
	if (entries.length === 0) return { error: noEntries(source) };
	return { entries };
}

function resolveTemplate(source: BookPageSource): RegisterTemplate | { error: OcrError } {
	if (source.templateId) {
		const t = listTemplates().find((x) => x.id === source.templateId);
		if (t) return t;
		return {
			error: {
				code: 'ocr.unknownTemplate',
				params: { id: source.templateId },
				message: `unknown page layout ${source.templateId}`
			}
		};
	}
	return (
		defaultTemplateFor(source.registerType) ?? {
			error: {
				code: 'ocr.noTemplate',
				params: { type: source.registerType },
				message: `no page layout for ${source.registerType} books`
			}
		}
	);
}

function noEntries(source: BookPageSource): OcrError {
	return {
		code: 'ocr.noEntries',
		params: { page: source.pageNo },
		message: `${source.name}: no entries found`
	};
}
