/** Vietnamese numbers and dates in words as registers write them ("Ngày Hai Mươi Bảy Tháng Tám
 * Năm Hai Nghìn Không Trăm Linh Tám"). Title case, one word per syllable. */

const DIGITS = ['Không', 'Một', 'Hai', 'Ba', 'Bốn', 'Năm', 'Sáu', 'Bảy', 'Tám', 'Chín'];

/** 0..99. `inside` = preceded by a hundreds word, so 1..9 need "Linh". */
function tens(n: number, inside: boolean): string {
	if (n === 0) return '';
	if (n < 10) return inside ? `Linh ${DIGITS[n]}` : DIGITS[n]!;
	const t = Math.floor(n / 10);
	const u = n % 10;
	const head = t === 1 ? 'Mười' : `${DIGITS[t]} Mươi`;
	if (u === 0) return head;
	if (u === 5) return `${head} Lăm`;
	if (u === 1 && t > 1) return `${head} Mốt`;
	if (u === 4 && t > 1) return `${head} Tư`;
	return `${head} ${DIGITS[u]}`;
}

/** 0..999; `full` spells "Không Trăm" when a higher group precedes. */
function hundreds(n: number, full: boolean): string {
	const h = Math.floor(n / 100);
	const rest = n % 100;
	if (h === 0 && !full) return tens(rest, false);
	const head = `${DIGITS[h]} Trăm`;
	return rest === 0 ? head : `${head} ${tens(rest, true)}`;
}

export interface NumberWordsOptions {
	/** "Hai Nghìn Linh Tám" instead of "Hai Nghìn Không Trăm Linh Tám". */
	short?: boolean;
}

/** Integer 0..999 999 in words. */
export function numberToWords(n: number, opts: NumberWordsOptions = {}): string {
	if (!Number.isInteger(n) || n < 0 || n > 999_999) throw new RangeError(`number ${n}`);
	if (n === 0) return 'Không';
	const thousands = Math.floor(n / 1000);
	const rest = n % 1000;
	if (thousands === 0) return hundreds(rest, false);
	const head = `${hundreds(thousands, false)} Nghìn`;
	if (rest === 0) return head;
	if (opts.short && rest < 100) return `${head} ${tens(rest, true)}`;
	return `${head} ${hundreds(rest, true)}`;
}

const MONTHS = [
	'Một',
	'Hai',
	'Ba',
	'Tư',
	'Năm',
	'Sáu',
	'Bảy',
	'Tám',
	'Chín',
	'Mười',
	'Mười Một',
	'Mười Hai'
];

export function dateToWords(
	d: number,
	m: number,
	y: number,
	opts: NumberWordsOptions = {}
): string {
	return `Ngày ${numberToWords(d)} Tháng ${MONTHS[m - 1]} Năm ${numberToWords(y, opts)}`;
}
