import { describe, expect, it } from 'vitest';
import {
	checkPersonName,
	classifyNameToken,
	collapseSpaces,
	foldDiacritics,
	isVietnameseSyllable,
	matchKey,
	normalizeText,
	normalizeToneMarks,
	stripInvisibles,
	toNfc,
	toTitleCaseName
} from './vietnamese';

const nfd = (s: string) => s.normalize('NFD');

describe('toNfc / stripInvisibles / collapseSpaces', () => {
	it('composes NFD input', () => {
		expect(toNfc(nfd('Nguyễn'))).toBe('Nguyễn');
		expect(toNfc(nfd('Nguyễn')).length).toBe(6);
	});
	it('removes zero-width characters and BOM, turns NBSP into a space, keeps the soft hyphen', () => {
		expect(stripInvisibles('\uFEFFNguy\u200Bễn\u00A0Văn\u200DAn')).toBe('Nguyễn VănAn');
		expect(stripInvisibles('a\u00ADb')).toBe('a\u00ADb');
		expect(stripInvisibles('a\u202Fb\u2060c')).toBe('a bc');
	});
	it('collapses whitespace runs and trims', () => {
		expect(collapseSpaces('  Nguyễn \t Văn\n An  ')).toBe('Nguyễn Văn An');
	});
	it('rewrites any lone whitespace that is not one inner space, and leaves collapsed text as is', () => {
		expect(collapseSpaces('Văn\tAn')).toBe('Văn An');
		expect(collapseSpaces('Văn\u00A0An')).toBe('Văn An');
		expect(collapseSpaces('Văn\u3000An')).toBe('Văn An');
		expect(collapseSpaces(' Văn An')).toBe('Văn An');
		expect(collapseSpaces('Văn An ')).toBe('Văn An');
		expect(collapseSpaces('Văn  An')).toBe('Văn An');
		expect(collapseSpaces('\n')).toBe('');
		expect(collapseSpaces('Nguyễn Văn An')).toBe('Nguyễn Văn An');
	});
});

describe('normalizeToneMarks', () => {
	it.each([
		['hoà', 'hòa'],
		['thuỷ', 'thủy'],
		['Khoẻ', 'Khỏe'],
		['HOÀ BÌNH', 'HÒA BÌNH'],
		['Khánh Hoà', 'Khánh Hòa'],
		['tuỳ thân', 'tùy thân'],
		['huỷ', 'hủy'],
		['khuỷu', 'khuỷu'],
		['hoàng', 'hoàng'],
		['toán', 'toán'],
		['quý', 'quý'],
		['già', 'già'],
		['gìa', 'già'],
		['người', 'người'],
		['nguyễn', 'nguyễn'],
		['ngoài', 'ngoài'],
		['mía', 'mía'],
		['thuở', 'thuở'],
		['cứu', 'cứu'],
		['hòa', 'hòa']
	])('%s → %s', (input, expected) => {
		expect(normalizeToneMarks(input)).toBe(expected);
		expect(normalizeToneMarks(nfd(input))).toBe(expected);
	});
	it('makes both placements equal', () => {
		expect(normalizeToneMarks('hoà')).toBe(normalizeToneMarks('hòa'));
		expect(normalizeToneMarks(nfd('Thuỷ'))).toBe(normalizeToneMarks('Thủy'));
	});
	it('leaves words it cannot parse and non-Vietnamese text alone', () => {
		expect(normalizeToneMarks('Kdăm H’Nhi 123 café')).toBe('Kdăm H’Nhi 123 café');
	});
});

describe('foldDiacritics / matchKey', () => {
	it('folds to ASCII, đ → d', () => {
		expect(foldDiacritics('Đặng Thị Ánh Tuyết')).toBe('Dang Thi Anh Tuyet');
		expect(foldDiacritics(nfd('đường'))).toBe('duong');
	});
	it('matchKey lowercases, folds and collapses', () => {
		expect(matchKey('  NGUYỄN\u00A0 VĂN  AN ')).toBe('nguyen van an');
		expect(matchKey('Khánh Hoà')).toBe(matchKey('khanh hòa'));
	});
});

describe('toTitleCaseName', () => {
	it.each([
		['NGUYỄN VĂN AN', 'Nguyễn Văn An'],
		["H'NHI ÊBAN", "H'Nhi Êban"],
		['H’NHI', "H'Nhi"],
		['KSOR H’ BLƯƠNG', "Ksor H' Blương"],
		['RƠ CHÂM  PIU', 'Rơ Châm Piu'],
		['nguyễn-văn an', 'Nguyễn-Văn An'],
		['Y NGÔNG NIÊ KDĂM', 'Y Ngông Niê Kdăm'],
		[nfd('ĐẶNG THỊ ÁNH'), 'Đặng Thị Ánh']
	])('%s → %s', (input, expected) => {
		expect(toTitleCaseName(input)).toBe(expected);
	});
});

describe('isVietnameseSyllable', () => {
	it.each([
		'nguyễn',
		'NGUYỄN',
		'khuỷu',
		'gì',
		'quốc',
		'quỳnh',
		'quyết',
		'giếng',
		'gìn',
		'người',
		'nghiêng',
		'trường',
		'việt',
		'xoong',
		'kỹ',
		'ký',
		'ca',
		'ghế',
		'anh',
		'yêu',
		'khỏe',
		'khoẻ',
		'hoà',
		'thuở',
		'huỳnh',
		'đặng',
		'y',
		'ánh',
		'uống',
		'ngoằng',
		'khuya',
		'oách',
		'ên',
		'bách'
	])('accepts %s', (t) => expect(isVietnameseSyllable(t)).toBe(true));
	it.each([
		'nguyen5',
		'tbe',
		'ăa',
		'ka',
		'ci',
		'ghu',
		'ngi',
		'quu',
		'bac',
		'bàc',
		'bach',
		'hoàà',
		'x',
		'',
		'ñu',
		'ơng',
		'Kdăm',
		'Niê',
		'john'
	])('rejects %s', (t) => expect(isVietnameseSyllable(t)).toBe(false));
});

describe('classifyNameToken / checkPersonName', () => {
	it.each([
		['Nguyễn', 'kinh'],
		['Y', 'kinh'],
		["H'Nhi", 'minority'],
		['Niê', 'minority'],
		['Kdăm', 'minority'],
		['Êban', 'minority'],
		['Mlô', 'minority'],
		['Byă', 'minority'],
		['Ksor', 'minority'],
		['Rahlan', 'minority'],
		['Kpă', 'minority'],
		['Bŭt', 'minority'],
		['Ñu', 'minority'],
		['Nguyẽn', 'invalid'],
		['nguyen5', 'invalid'],
		['tbe', 'invalid']
	] as const)('%s is %s', (token, cls) => expect(classifyNameToken(token)).toBe(cls));
	it('accepts Kinh and minority names', () => {
		for (const n of [
			'Nguyễn Văn An',
			"H'Nhi Êban",
			'Y Ngông Niê Kdăm',
			'Ksor H’Blương',
			'Rơ Châm Piu',
			'Siu Đen',
			'Rahlan Nay',
			'Thạch Thị Sa Quênh',
			'Vàng A Sùng'
		])
			expect(checkPersonName(n), n).toEqual([]);
	});
	it('lists the tokens that fit neither, with codes', () => {
		expect(checkPersonName('Nguyễn Văn5 Tbe')).toEqual([
			{ code: 'name.tokenHasDigit', token: 'Văn5', index: 1 },
			{ code: 'name.tokenInvalid', token: 'Tbe', index: 2 }
		]);
	});
});

// Property-style: random strings drawn from Vietnamese letters, marks and odd spaces.
const ALPHABET = [
	...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐEÊOÔƠƯY',
	...'àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ',
	'\u0300',
	'\u0301',
	'\u0303',
	'\u0309',
	'\u0323',
	' ',
	'  ',
	'\u00A0',
	'\u200B',
	'\uFEFF',
	'-',
	"'"
];
function randomText(seed: number): string {
	let x = seed * 2654435761 + 1;
	const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
	const n = Math.floor(next() * 24);
	let s = '';
	for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(next() * ALPHABET.length)];
	return s;
}
const samples = [
	...Array.from({ length: 400 }, (_, i) => randomText(i + 1)),
	'hoà thuỷ Khoẻ',
	nfd('Nguyễn Thị Hoà'),
	"H'NHI ÊBAN"
];

describe('normalisation is idempotent (property)', () => {
	const fns = {
		normalizeToneMarks,
		normalizeText,
		matchKey,
		foldDiacritics,
		toTitleCaseName,
		stripInvisibles,
		collapseSpaces,
		toNfc
	};
	for (const [name, fn] of Object.entries(fns)) {
		it(`${name}(${name}(s)) === ${name}(s)`, () => {
			for (const s of samples) expect(fn(fn(s)), JSON.stringify(s)).toBe(fn(s));
		});
	}
	it('NFC and NFD input give the same normalised text and key', () => {
		for (const s of samples) {
			expect(normalizeText(nfd(s))).toBe(normalizeText(s));
			expect(matchKey(nfd(s))).toBe(matchKey(s));
		}
	});
	it('matchKey is ASCII-only for Vietnamese letters and is not changed by tone placement', () => {
		for (const s of samples) {
			expect(matchKey(s)).toMatch(/^[\x20-\x7E]*$/);
			expect(matchKey(normalizeToneMarks(s))).toBe(matchKey(s));
		}
	});
});
