/**
 * Legacy Vietnamese 8-bit encodings as old Excel files carry them: the text was typed with a
 * TCVN3 (ABC, ".VnTime") or VNI-Windows ("VNI-Times") font, so each cell holds the Windows-1252
 * characters of those bytes ("NguyÔn" or "Nguyeãn" for "Nguyễn"). Decoding turns them back into
 * Unicode (NFC). In TCVN3 the soft hyphen U+00AD is the letter "ư": decode before any clean-up that
 * strips invisible characters.
 */
import { isVietnameseSyllable } from '../../text/syllable';
import { classifyNameToken } from '../../text/person-name';

export type TextEncoding = 'unicode' | 'tcvn3' | 'vni';

// TCVN3 (TCVN 5712:1993, VN3 "ABC"): byte → letter. Only these bytes differ from Latin-1.
// prettier-ignore
const TCVN3: Record<number, string> = {
	0xa1: 'Ă', 0xa2: 'Â', 0xa3: 'Ê', 0xa4: 'Ô', 0xa5: 'Ơ', 0xa6: 'Ư', 0xa7: 'Đ',
	0xa8: 'ă', 0xa9: 'â', 0xaa: 'ê', 0xab: 'ô', 0xac: 'ơ', 0xad: 'ư', 0xae: 'đ',
	0xb5: 'à', 0xb6: 'ả', 0xb7: 'ã', 0xb8: 'á', 0xb9: 'ạ',
	0xbb: 'ằ', 0xbc: 'ẳ', 0xbd: 'ẵ', 0xbe: 'ắ', 0xc6: 'ặ',
	0xc7: 'ầ', 0xc8: 'ẩ', 0xc9: 'ẫ', 0xca: 'ấ', 0xcb: 'ậ',
	0xcc: 'è', 0xce: 'ẻ', 0xcf: 'ẽ', 0xd0: 'é', 0xd1: 'ẹ',
	0xd2: 'ề', 0xd3: 'ể', 0xd4: 'ễ', 0xd5: 'ế', 0xd6: 'ệ',
	0xd7: 'ì', 0xd8: 'ỉ', 0xdc: 'ĩ', 0xdd: 'í', 0xde: 'ị',
	0xdf: 'ò', 0xe1: 'ỏ', 0xe2: 'õ', 0xe3: 'ó', 0xe4: 'ọ',
	0xe5: 'ồ', 0xe6: 'ổ', 0xe7: 'ỗ', 0xe8: 'ố', 0xe9: 'ộ',
	0xea: 'ờ', 0xeb: 'ở', 0xec: 'ỡ', 0xed: 'ớ', 0xee: 'ợ',
	0xef: 'ù', 0xf1: 'ủ', 0xf2: 'ũ', 0xf3: 'ú', 0xf4: 'ụ',
	0xf5: 'ừ', 0xf6: 'ử', 0xf7: 'ữ', 0xf8: 'ứ', 0xf9: 'ự',
	0xfa: 'ỳ', 0xfb: 'ỷ', 0xfc: 'ỹ', 0xfd: 'ý', 0xfe: 'ỵ'
};

/** TCVN3 text (read as Latin-1/Windows-1252 characters) → Unicode NFC. */
export function decodeTcvn3(s: string): string {
	let out = '';
	for (const ch of s) {
		const code = ch.charCodeAt(0);
		out += ch.length === 1 ? (TCVN3[code] ?? ch) : ch;
	}
	return out.normalize('NFC');
}

/*
 * VNI-Windows writes a base letter followed by one or two mark characters. Marks are Latin-1
 * letters, the same code in lower and upper case fonts apart from the letter case.
 * Tones: ù sắc, ø huyền, û hỏi, õ ngã, ï nặng. Shapes: â circumflex (â ê ô), ê breve (ă);
 * circumflex+tone: á à å ã ä; breve+tone: é è ú ü ë. Whole letters: ô ơ, ö ư, ñ đ,
 * í ì æ ó ò (i with tones), î ỵ.
 */
const TONE: Record<string, string> = {
	ù: '\u0301',
	ø: '\u0300',
	û: '\u0309',
	õ: '\u0303',
	ï: '\u0323'
};
const CIRCUMFLEX_TONE: Record<string, string> = {
	â: '',
	á: '\u0301',
	à: '\u0300',
	å: '\u0309',
	ã: '\u0303',
	ä: '\u0323'
};
const BREVE_TONE: Record<string, string> = {
	ê: '',
	é: '\u0301',
	è: '\u0300',
	ú: '\u0309',
	ü: '\u0303',
	ë: '\u0323'
};
const VNI_LETTER: Record<string, string> = {
	ô: 'ơ',
	ö: 'ư',
	ñ: 'đ',
	í: 'í',
	ì: 'ì',
	æ: 'ỉ',
	ó: 'ĩ',
	ò: 'ị',
	î: 'ỵ'
};

const lowerOf = (c: string) => c.toLowerCase();
const caseAs = (model: string, c: string) => (model === model.toUpperCase() ? c.toUpperCase() : c);

/** VNI-Windows text (read as Latin-1/Windows-1252 characters) → Unicode NFC. */
export function decodeVni(s: string): string {
	const chars = [...s];
	let out = '';
	for (let i = 0; i < chars.length; i++) {
		const c = chars[i]!;
		const lc = lowerOf(c);
		const next = chars[i + 1];
		const ln = next === undefined ? '' : lowerOf(next);
		if ('aeouy'.includes(lc) && next !== undefined) {
			// a/e/o + circumflex (with tone); a + breve (with tone); any vowel + tone.
			if ('aeo'.includes(lc) && ln in CIRCUMFLEX_TONE) {
				out += c + '\u0302' + CIRCUMFLEX_TONE[ln];
				i++;
				continue;
			}
			if (lc === 'a' && ln in BREVE_TONE) {
				out += c + '\u0306' + BREVE_TONE[ln];
				i++;
				continue;
			}
			if (ln in TONE) {
				out += c + TONE[ln];
				i++;
				continue;
			}
		}
		const letter = VNI_LETTER[lc];
		if (letter) {
			// ơ and ư take a following tone mark like any vowel.
			const tone = (lc === 'ô' || lc === 'ö') && ln in TONE ? TONE[ln] : '';
			out += caseAs(c, letter) + tone;
			if (tone) i++;
			continue;
		}
		out += c;
	}
	return out.normalize('NFC');
}

export function decodeAs(s: string, encoding: TextEncoding): string {
	if (encoding === 'tcvn3') return decodeTcvn3(s);
	if (encoding === 'vni') return decodeVni(s);
	return s;
}

function wordScore(text: string): number {
	let good = 0;
	for (const w of text.split(/[\s,.;:()/-]+/)) {
		if (!w || /^\d+$/.test(w)) continue;
		if (isVietnameseSyllable(w)) good += 1;
		else if (classifyNameToken(w) !== 'invalid') good += 0.5;
		else good -= 1;
	}
	return good;
}

/**
 * Which encoding a column's values are in, from a sample of them: a legacy decoding wins only
 * when the words it gives are clearly better Vietnamese than the text as it is (values no
 * decoding would change are not counted).
 */
export function detectEncoding(values: Iterable<string>, sampleSize = 500): TextEncoding {
	const scores: Record<TextEncoding, number> = { unicode: 0, tcvn3: 0, vni: 0 };
	let seen = 0;
	let signals = 0;
	for (const v of values) {
		if (!v) continue;
		if (++seen > sampleSize) break;
		const tcvn3 = decodeTcvn3(v);
		const vni = decodeVni(v);
		const nfc = v.normalize('NFC');
		// Only values that some decoding would change say anything about the encoding.
		if (tcvn3 === nfc && vni === nfc) continue;
		signals++;
		scores.unicode += wordScore(nfc);
		scores.tcvn3 += wordScore(tcvn3);
		scores.vni += wordScore(vni);
	}
	if (signals === 0) return 'unicode';
	const best = (['tcvn3', 'vni'] as const).reduce((a, b) => (scores[b] > scores[a] ? b : a));
	return scores[best] > scores.unicode + signals * 0.5 ? best : 'unicode';
}
