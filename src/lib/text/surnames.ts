import { matchKey } from './normalize';

/**
 * The common Kinh surnames (together about 95% of the population), spelled with their marks.
 * Each folds to a key no other one shares, so a surname read without its marks, or with a wrong
 * one (OCR often drops the tilde of NGUYỄN or reads TRẦN as TRẤN), has exactly one restoration.
 */
// prettier-ignore
export const COMMON_SURNAMES: readonly string[] = [
	'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Phan', 'Hoàng', 'Huỳnh', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ',
	'Ngô', 'Dương', 'Lý', 'Trương', 'Đinh', 'Đoàn', 'Đào', 'Trịnh', 'Lâm', 'Mai', 'Cao', 'Hà',
	'Lương', 'Lưu', 'Tạ', 'Tô', 'Châu', 'Quách', 'Kiều', 'Vương', 'Thái', 'La', 'Từ'
];

/**
 * Rarer surnames, several of which fold like a common one (Lã/La, Lam/Lâm, Đường/Dương, Lai/Lại…):
 * a word already spelled as any known surname is never respelled.
 */
// prettier-ignore
const OTHER_SURNAMES = [
	'Lã', 'Lam', 'Đường', 'Lại', 'Lò', 'Hứa', 'Vi', 'Tống', 'Khổng', 'Doãn', 'Diệp', 'Mạc', 'Tăng',
	'Ông', 'Âu', 'Giang', 'Hầu', 'Lạc', 'Đàm', 'Đồng', 'Khúc', 'Lục', 'Mã', 'Nông', 'Ninh', 'Phí',
	'Phùng', 'Quan', 'Tôn', 'Triệu', 'Văn', 'Viên', 'Hàn', 'Thân', 'Chu', 'Cù', 'Kim', 'Nghiêm',
	'Bạch', 'Hoa', 'Bế', 'Tiêu', 'Lữ', 'Thạch', 'Danh', 'Sơn'
];

const BY_KEY = new Map(COMMON_SURNAMES.map((s) => [matchKey(s), s]));
const KNOWN = new Set([...COMMON_SURNAMES, ...OTHER_SURNAMES].map((s) => s.toLowerCase()));

/**
 * The name with its first word spelled as the common surname it folds to, in the word's own case
 * ("NGUYEN VAN AN" → "NGUYỄN VAN AN"); other words, and names not starting with a common surname
 * (minority names: "Y Bih Niê", "H'Hen"), are returned unchanged.
 */
export function restoreSurname(name: string): string {
	const m = /^(\S+)(.*)$/su.exec(name);
	if (!m) return name;
	const [, first = '', rest = ''] = m;
	if (KNOWN.has(first.toLowerCase())) return name;
	const surname = BY_KEY.get(matchKey(first));
	if (!surname) return name;
	const upper = first === first.toUpperCase() && first !== first.toLowerCase();
	return (upper ? surname.toUpperCase() : surname) + rest;
}
