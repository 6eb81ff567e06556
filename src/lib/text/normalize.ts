/**
 * Vietnamese text normalisation (the functions behind text/vietnamese.ts): NFC, invisible characters, tone-mark placement, folding and
 * person-name casing. Everything here is pure and idempotent (tests check it).
 */

export function toNfc(s: string): string {
	return s.normalize('NFC');
}

// Zero-width space/joiners, word joiner, BOM, LRM/RLM, Mongolian vowel separator. U+00AD (soft
// hyphen) is kept on purpose: the legacy TCVN3/VNI decoder reads it as a letter byte.
const INVISIBLE = /[\u200B-\u200F\u2060\uFEFF\u180E]/g;
const ODD_SPACES = /[\u00A0\u2007\u202F\u2000-\u200A\u3000]/g;

export function stripInvisibles(s: string): string {
	return s.replace(INVISIBLE, '').replace(ODD_SPACES, ' ');
}

// Whitespace other than a single inner space: only such text needs rewriting (most does not, and
// an extract import passes millions of cells through here).
const UNCOLLAPSED = /[^\S ]| {2}|^ | $/;

/** Runs of whitespace become one space; ends trimmed. */
export function collapseSpaces(s: string): string {
	return UNCOLLAPSED.test(s) ? s.replace(/\s+/g, ' ').trim() : s;
}

// Combining tone marks: huyền, sắc, ngã, hỏi, nặng.
const TONE_MARKS = '\u0300\u0301\u0303\u0309\u0323';
const VOWELS = 'aeiouy';
// In NFD, â ê ô carry U+0302, ă U+0306, ơ ư U+031B: a "shaped" vowel gets the tone first.
const SHAPE_MARKS = /[\u0302\u0306\u031B]/;
const FINALS = new Set(['c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't']);

interface Glyph {
	base: string; // one base letter, original case
	marks: string; // its non-tone combining marks
}

function splitGlyphs(nfdWord: string): { glyphs: Glyph[]; tones: string[] } {
	const glyphs: Glyph[] = [];
	const tones: string[] = [];
	for (const ch of nfdWord) {
		if (TONE_MARKS.includes(ch)) tones.push(ch);
		else {
			const last = glyphs[glyphs.length - 1];
			if (/\p{M}/u.test(ch) && last) last.marks += ch;
			else glyphs.push({ base: ch, marks: '' });
		}
	}
	return { glyphs, tones };
}

/** Index of the glyph that carries the tone, or -1 when the word is not a Vietnamese syllable. */
function toneIndex(glyphs: Glyph[]): number {
	const lower = glyphs.map((g) => g.base.toLowerCase());
	const isVowel = (i: number) => VOWELS.includes(lower[i] ?? '#');
	let start = lower.findIndex((_, i) => isVowel(i));
	if (start < 0) return -1;
	let end = start;
	while (end + 1 < lower.length && isVowel(end + 1)) end++;
	// The rest must be a final consonant; otherwise this is not one syllable (leave it).
	const coda = lower.slice(end + 1).join('');
	if (coda && !FINALS.has(coda)) return -1;
	const onset = lower.slice(0, start).join('');
	// "qu" and "gi" (before another vowel) belong to the onset.
	if (
		end > start &&
		((onset === 'q' && lower[start] === 'u') || (onset === 'g' && lower[start] === 'i'))
	)
		start++;
	const shaped: number[] = [];
	for (let i = start; i <= end; i++) if (SHAPE_MARKS.test(glyphs[i]?.marks ?? '')) shaped.push(i);
	const lastShaped = shaped[shaped.length - 1];
	if (lastShaped !== undefined) return lastShaped;
	const n = end - start + 1;
	if (coda) return end;
	if (n === 1) return start;
	if (n === 2) return start;
	return start + 1;
}

/**
 * Puts every tone mark on the vowel chosen by the placement used in government documents and the
 * MOJ template ("hòa", "thủy", "khỏe", "Khánh Hòa"). The brief calls it the "new style"; linguists
 * often call it the traditional one. Either way: open oa/oe/uy carry the tone on the first vowel,
 * closed syllables on the last vowel, shaped vowels (â ê ô ơ ư ă) always win. Case is kept; the
 * result is NFC. Words that do not parse as one syllable are left untouched.
 */
export function normalizeToneMarks(s: string): string {
	const nfd = s.normalize('NFD');
	const out = nfd.replace(/[\p{L}\p{M}]+/gu, (word) => {
		const { glyphs, tones } = splitGlyphs(word);
		if (tones.length !== 1) return word;
		const at = toneIndex(glyphs);
		if (at < 0) return word;
		return glyphs.map((g, i) => g.base + g.marks + (i === at ? tones[0] : '')).join('');
	});
	return out.normalize('NFC');
}

/** ASCII key: diacritics removed, đ/Đ → d/D. Other characters are kept as they are. */
export function foldDiacritics(s: string): string {
	return s
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/đ/g, 'd')
		.replace(/Đ/g, 'D')
		.normalize('NFC');
}

/** The key two spellings are compared on: no invisibles, folded, lower case, spaces collapsed. */
export function matchKey(s: string): string {
	return collapseSpaces(foldDiacritics(stripInvisibles(s)).toLowerCase());
}

const APOSTROPHES = /[\u2019\u2018\u02BC\u02B9\u0060\u00B4]/g;

/**
 * "NGUYỄN VĂN AN" → "Nguyễn Văn An". Capitalises after a space, hyphen or apostrophe
 * ("H'NHI" → "H'Nhi", "RƠ CHÂM" → "Rơ Châm"); typographic apostrophes become "'".
 */
export function toTitleCaseName(s: string): string {
	const clean = collapseSpaces(toNfc(stripInvisibles(s))).replace(APOSTROPHES, "'");
	return clean
		.toLocaleLowerCase('vi')
		.replace(
			/(^|[\s\-'])(\p{L})/gu,
			(_, sep: string, ch: string) => sep + ch.toLocaleUpperCase('vi')
		)
		.normalize('NFC');
}

/** Everything a stored value goes through: NFC, no invisibles, collapsed spaces, canonical tones. */
export function normalizeText(s: string): string {
	return normalizeToneMarks(collapseSpaces(toNfc(stripInvisibles(s))));
}
