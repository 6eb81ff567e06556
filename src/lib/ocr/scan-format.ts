/**
 * What a scan file is and why it cannot be read: how formats are told apart and how decoder
 * failures become the codes users see. page-source.ts applies them when it splits a file into
 * pages, for `sohoa ocr` (pipeline.ts) and book import alike.
 */

/** A refusal a user sees: a code the UI translates, its parameters, and an English line for logs. */
export interface OcrError {
	code: string;
	params: Record<string, string | number>;
	message: string;
}

export type ScanFormat = 'png' | 'jpeg' | 'tiff' | 'pdf' | 'webp';

export function sniffFormat(b: Buffer): ScanFormat | null {
	if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])))
		return 'png';
	if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
	if (
		b.length >= 4 &&
		(b.toString('latin1', 0, 4) === 'II*\0' || b.toString('latin1', 0, 4) === 'MM\0*')
	)
		return 'tiff';
	if (b.length >= 5 && b.toString('latin1', 0, 5) === '%PDF-') return 'pdf';
	if (
		b.length >= 12 &&
		b.toString('latin1', 0, 4) === 'RIFF' &&
		b.toString('latin1', 8, 12) === 'WEBP'
	)
		return 'webp';
	return null;
}

export function ocrError(
	code: string,
	params: Record<string, string | number>,
	message: string
): OcrError {
	return { code, params, message };
}

/** A decoder (sharp) failure on a page as the code users see: too many pixels, corrupt, or other. */
export function imageError(file: string, page: number, e: unknown): OcrError {
	const m = e instanceof Error ? e.message : String(e);
	if (/pixel limit/i.test(m))
		return ocrError(
			'ocr.tooManyPixels',
			{ file, page },
			`${file} page ${page}: image too large (${m})`
		);
	if (
		/truncated|premature|unexpected end|corrupt|bad|invalid|not a|unsupported|read error/i.test(m)
	)
		return ocrError(
			'ocr.corruptImage',
			{ file, page, detail: m },
			`${file} page ${page}: unreadable image (${m})`
		);
	return ocrError('ocr.imageFailed', { file, page, detail: m }, `${file} page ${page}: ${m}`);
}
