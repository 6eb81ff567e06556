import unitsNow from '../units/units-2025.json';
import unitsBefore from '../units/old-to-new-2025.json';
import { matchKey, normalizeToneMarks } from './normalize';

/**
 * Place names as registers write them, spelled back from an OCR read that lost or changed tone
 * marks ("tỉnh Lâm Đông" → "tỉnh Lâm Đồng", "thành phổ" → "thành phố"). A place is comma-separated
 * parts; each part may open with an institution ("Bệnh viện Đa khoa", "Trạm Y tế"), then a level
 * word ("xã", "huyện", "tỉnh"…), then a name. Those words come from fixed lists, and names from
 * the official unit lists (communes and provinces, before and after 2025): a run of words that
 * folds to exactly one known spelling takes that spelling. Anything else is left as read.
 */

// Longest first, so "thành phố" wins over a shorter phrase sharing its start.
const INSTITUTIONS = [
	'Bệnh viện Đa khoa khu vực',
	'Bệnh viện Đa khoa',
	'Bệnh viện Phụ sản',
	'Bệnh viện',
	'Trung tâm Y tế',
	'Trạm Y tế',
	'Nhà hộ sinh',
	'Phòng khám Đa khoa khu vực',
	'Phòng khám Đa khoa'
];
const LEVELS = [
	'thành phố',
	'thị xã',
	'thị trấn',
	'đặc khu',
	'tỉnh',
	'huyện',
	'quận',
	'xã',
	'phường'
];

const LEVEL_PREFIX = /^(Thành phố|Tỉnh|Xã|Phường|Thị trấn|Đặc khu)\s+/u;

/** Folded name → the spellings official lists give it (one, nearly always). */
const NAMES = new Map<string, Set<string>>();
for (const u of [...unitsNow, ...unitsBefore]) {
	const name = normalizeToneMarks(u.name.replace(LEVEL_PREFIX, ''));
	const k = matchKey(name);
	const spellings = NAMES.get(k) ?? new Set<string>();
	spellings.add(name);
	NAMES.set(k, spellings);
}

interface Phrase {
	words: string[];
	keys: string[];
}
const phrase = (p: string): Phrase => {
	const words = p.split(' ');
	return { words, keys: words.map(matchKey) };
};
const INSTITUTION_PHRASES = INSTITUTIONS.map(phrase);
const LEVEL_PHRASES = LEVELS.map(phrase);

/** How many leading words of `keys` are `p`, or 0. */
function leading(p: Phrase, keys: string[]): number {
	return p.keys.every((k, i) => keys[i] === k) ? p.keys.length : 0;
}

/** The written word's capitalisation on the canonical word (a part may open with "Xã" or "xã"). */
function caseLike(canonical: string, written: string): string {
	const first = written.charAt(0);
	return first !== first.toLowerCase()
		? canonical.charAt(0).toUpperCase() + canonical.slice(1)
		: canonical;
}

function restorePart(part: string): string {
	const words = part.split(' ').filter(Boolean);
	const keys = words.map(matchKey);
	const out: string[] = [];
	let i = 0;
	for (const table of [INSTITUTION_PHRASES, LEVEL_PHRASES]) {
		for (const p of table) {
			const n = leading(p, keys.slice(i));
			if (n) {
				out.push(...p.words.map((w, j) => (j === 0 ? caseLike(w, words[i] ?? w) : w)));
				i += n;
				break;
			}
		}
	}
	const rest = words.slice(i).join(' ');
	const spellings = rest ? NAMES.get(matchKey(rest)) : undefined;
	if (spellings?.size === 1) out.push(...[...spellings]);
	else if (rest) out.push(rest);
	return out.join(' ');
}

export function restorePlace(place: string): string {
	return place
		.split(',')
		.map((p) => restorePart(p.trim()))
		.join(', ');
}
