/**
 * Checks the tokens of a person's name: each must be a Kinh syllable or fit the spelling of a
 * minority name (Ê Đê "Y"/"H'" prefixes, Jrai/Ê Đê clan names, consonant clusters such as kd, ks,
 * ml, letters ŭ ŏ ñ, apostrophes). Returns codes only; the UI translates.
 */
import { isVietnameseSyllable } from './syllable';

export type NameTokenClass = 'kinh' | 'minority' | 'invalid';

export interface NameIssue {
	code: 'name.tokenHasDigit' | 'name.tokenInvalid';
	token: string;
	/** 0-based position of the token in the name. */
	index: number;
}

/**
 * Clan and given-name syllables of Central Highlands and other minority names that are neither
 * Kinh syllables nor caught by the pattern below, or that are common enough to list (keys folded).
 */
const MINORITY_SYLLABLES = new Set(
	(
		'nie kdam eban mlo bya ksor siu rahlan rcom nay kpa hdok ayun buon krong bkrong ' +
		'adrong enuol knul hwing mdrak dhieng ktla kbuor rlan rmah hmok bdap kso jrai ' +
		'rchom rcam rcom kpor kpuih rahlan kbrong hlong ktul nie buonya mjam rde'
	).split(' ')
);

// Onset clusters of Austroasiatic/Austronesian names written in Vietnamese letters.
const CLUSTER =
	'(?:kd|kp|ks|kr|kl|kn|km|kt|kb|bl|br|by|dr|dh|gl|gr|hd|hđ|hm|hn|hl|hr|hw|jr|ml|mn|mr|md|mj|pl|pr|rl|rc|rm|sr|sl|tl)';
const ONSET = `(?:${CLUSTER}|ngh|ng|nh|ch|tr|th|kh|ph|gh|gi|qu|[bcdđghjklmnprstvwxyz])`;
const VOWEL = '[aăâeêioôơuưyŭŏ]';
const CODA = '(?:ng|nh|ch|[chklmnprst])';
const MINORITY_WORD = new RegExp(`^(?:${ONSET}?${VOWEL}{1,3}${CODA}?)+$`);

function bareLower(token: string): string {
	return token.normalize('NFC').toLowerCase();
}

// Tones off, shapes kept; ñ → n (it is an onset letter like n).
function untoned(token: string): string {
	return bareLower(token)
		.normalize('NFD')
		.replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '')
		.normalize('NFC')
		.replace(/ñ/g, 'n');
}

function folded(token: string): string {
	return untoned(token).normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');
}

// Something Kinh spelling never has: a cluster, a letter outside Kinh, a final h/k/l/r/s, or two
// vowel groups in one token (Rahlan, Êban). Without one, a token like "Nguyẽn" is a misspelling.
const SIGNAL = new RegExp(`^${CLUSTER}|[ŭŏñjwfz]|(?<![cn])h$|[klrs]$`);

function fitsMinority(part: string): boolean {
	if (!part) return false;
	if (MINORITY_SYLLABLES.has(folded(part))) return true;
	const u = untoned(part);
	const groups = u.match(new RegExp(`${VOWEL}+`, 'g'))?.length ?? 0;
	const signal = groups >= 2 || SIGNAL.test(bareLower(part));
	return signal && MINORITY_WORD.test(u);
}

export function classifyNameToken(token: string): NameTokenClass {
	const t = token.normalize('NFC').replace(/[\u2019\u02BC]/g, "'");
	if (!t || /\d/.test(t)) return 'invalid';
	if (isVietnameseSyllable(t)) return 'kinh';
	// H'Nhi, M'Nông, K'Ho: a one- or two-letter prefix, an apostrophe, then a name syllable.
	const apos = /^(\p{L}{1,2})'(\p{L}+)$/u.exec(t);
	if (apos) {
		const rest = apos[2] ?? '';
		return isVietnameseSyllable(rest) || fitsMinority(rest) ? 'minority' : 'invalid';
	}
	return fitsMinority(t) ? 'minority' : 'invalid';
}

/** Tokens of a name (split on spaces and hyphens) that fit neither Kinh nor minority spelling. */
export function checkPersonName(name: string): NameIssue[] {
	const tokens = name
		.normalize('NFC')
		.split(/[\s-]+/)
		.filter(Boolean);
	const issues: NameIssue[] = [];
	tokens.forEach((token, index) => {
		if (/\d/.test(token)) issues.push({ code: 'name.tokenHasDigit', token, index });
		else if (classifyNameToken(token) === 'invalid')
			issues.push({ code: 'name.tokenInvalid', token, index });
	});
	return issues;
}
