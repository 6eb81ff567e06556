/**
 * Is a token one well-formed Kinh (standard Vietnamese) syllable? Onset + vowel cluster + final,
 * with the spelling rules (k/gh/ngh before i e ê y, c/g/ng elsewhere, q only as qu) and the tone
 * rule (a final p, t, c or ch takes only the sắc or nặng tone). Case-insensitive.
 */

const ONSETS = [
	'ngh',
	'ng',
	'gh',
	'gi',
	'kh',
	'nh',
	'ph',
	'th',
	'tr',
	'ch',
	'qu',
	'b',
	'c',
	'd',
	'đ',
	'g',
	'h',
	'k',
	'l',
	'm',
	'n',
	'p',
	'r',
	's',
	't',
	'v',
	'x'
];

// Vowel clusters that may end a syllable (no final consonant).
const OPEN = new Set(
	(
		'a e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iu oa oe oi ôi ơi ua uê ui uơ uy ưa ưi ưu ' +
		'iêu yêu oai oao oay oeo uây uôi ươi ươu uya uyu'
	).split(' ')
);

// Vowel cluster → final consonants it may take.
const CLOSED: Record<string, string[]> = {
	a: ['c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't'],
	ă: ['c', 'm', 'n', 'ng', 'p', 't'],
	â: ['c', 'm', 'n', 'ng', 'p', 't'],
	e: ['c', 'm', 'n', 'ng', 'p', 't'],
	ê: ['ch', 'm', 'n', 'nh', 'p', 't'],
	i: ['ch', 'm', 'n', 'nh', 'p', 't'],
	o: ['c', 'm', 'n', 'ng', 'p', 't'],
	oo: ['c', 'ng'],
	ô: ['c', 'm', 'n', 'ng', 'p', 't'],
	ơ: ['m', 'n', 'p', 't'],
	u: ['c', 'm', 'n', 'ng', 'p', 't'],
	ư: ['c', 'm', 'n', 'ng', 't'],
	iê: ['c', 'm', 'n', 'ng', 'p', 't'],
	yê: ['m', 'n', 'ng', 't'],
	uô: ['c', 'm', 'n', 'ng', 't'],
	ươ: ['c', 'm', 'n', 'ng', 'p', 't'],
	oa: ['c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't'],
	oă: ['c', 'm', 'n', 'ng', 't'],
	oe: ['n', 't'],
	uâ: ['n', 'ng', 't'],
	uê: ['ch', 'nh'],
	uy: ['ch', 'n', 'nh', 't'],
	uyê: ['n', 't']
};

const STOPS = new Set(['p', 't', 'c', 'ch']);
const FRONT = /^[ieêy]/; // k goes before these (gh, ngh before i e ê); c, g, ng do not

function toneOf(nfd: string): { bare: string; tone: string } | null {
	// A mark on a consonant (ñ) or a stray mark is not Vietnamese spelling.
	if (/(^|[^aeiouy\p{M}])\p{M}/u.test(nfd)) return null;
	const tones = nfd.match(/[\u0300\u0301\u0303\u0309\u0323]/g) ?? [];
	if (tones.length > 1) return null;
	return {
		bare: nfd.replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '').normalize('NFC'),
		tone: tones[0] ?? ''
	};
}

function rhymeOk(rhyme: string, tone: string): boolean {
	const m = /^([aăâeêioôơuưy]+)([^aăâeêioôơuưy]*)$/.exec(rhyme);
	if (!m) return false;
	const cluster = m[1] ?? '';
	const coda = m[2] ?? '';
	if (!coda) return OPEN.has(cluster);
	if (!CLOSED[cluster]?.includes(coda)) return false;
	// Stop finals carry only sắc (U+0301) or nặng (U+0323).
	return !STOPS.has(coda) || tone === '\u0301' || tone === '\u0323';
}

function onsetAllows(onset: string, rhyme: string, tone: string): boolean {
	switch (onset) {
		case 'k':
			return FRONT.test(rhyme) && rhymeOk(rhyme, tone);
		case 'gh':
		case 'ngh':
			return /^[ieê]/.test(rhyme) && rhymeOk(rhyme, tone);
		case 'c':
		case 'g':
		case 'ng':
			return !FRONT.test(rhyme) && rhymeOk(rhyme, tone);
		case 'qu':
			// The u of "qu" is also the glide: "quỳnh" spells u-y-nh, "quang" u-a-ng.
			return !/^[uưo]/.test(rhyme) && (rhymeOk(rhyme, tone) || rhymeOk('u' + rhyme, tone));
		default:
			return rhymeOk(rhyme, tone);
	}
}

export function isVietnameseSyllable(token: string): boolean {
	const t = toneOf(token.normalize('NFC').toLowerCase().normalize('NFD'));
	if (!t || !/^[a-zđăâêôơư]+$/.test(t.bare)) return false;
	const { bare, tone } = t;
	for (const onset of [...ONSETS, '']) {
		if (!bare.startsWith(onset)) continue;
		const rhyme = bare.slice(onset.length);
		// "gi" shares its i with the rhyme when no other vowel follows ("gì", "gìn", "giếng").
		if (onset === 'gi' && (rhymeOk('i' + rhyme, tone) || rhymeOk(rhyme, tone))) return true;
		if (onset === 'gi') continue;
		if (rhyme && onsetAllows(onset, rhyme, tone)) return true;
	}
	return false;
}
