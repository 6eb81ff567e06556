/**
 * Whether a compressed entry image still reads: how many words of the entry's name OCR finds in
 * it. Words are compared folded (no diacritics, lower case) and one wrong letter is forgiven in
 * words of four letters or more, so a lost tone mark or one misread glyph does not count as
 * illegible while a blurred-away word does.
 */
import { cer } from '../ocr/metrics';
import { matchKey } from '../text/normalize';

export interface NameFound {
	found: number;
	total: number;
}

export function nameWordsFound(name: string, ocrText: string): NameFound {
	const want = matchKey(name).split(' ').filter(Boolean);
	const seen = matchKey(ocrText)
		.replace(/[^a-z0-9' ]/g, ' ')
		.split(' ')
		.filter(Boolean);
	let found = 0;
	for (const w of want) {
		const ok = seen.some((s) => s === w || (w.length >= 4 && cer(s, w) * w.length <= 1));
		if (ok) found++;
	}
	return { found, total: want.length };
}
