/**
 * Vietnam's 54 ethnic groups with the General Statistics Office codes (Danh mục các dân tộc Việt
 * Nam, QĐ 121-TCTK/PPCĐ 1979, names as in the 2019 census), plus "Người nước ngoài" (55), and
 * the old or alternative names that books use. Aliases are matched on a folded key, so case,
 * diacritics, hyphens and spacing do not matter.
 */
import { matchKey } from '../text/normalize';

export interface Ethnicity {
	code: string;
	name: string;
	aliases: readonly string[];
}

const rows: [string, string, string[]][] = [
	['01', 'Kinh', ['Việt']],
	['02', 'Tày', ['Thổ (Tày)']],
	['03', 'Thái', ['Tày Thanh', 'Tày Mười']],
	['04', 'Hoa', ['Hán', 'Tàu']],
	['05', 'Khmer', ['Khơ Me', 'Khơ-me', 'Khơ Me (Thổ)', 'Khơme', 'Khmer Krôm', 'Thổ (Khơ Me)']],
	['06', 'Mường', ['Mol', 'Mual']],
	['07', 'Nùng', []],
	['08', 'Mông', ['H’Mông', "H'Mông", 'Hmông', 'Mông (Mèo)', 'Mèo', 'Mẹo', 'Hmong']],
	['09', 'Dao', ['Dao (Mán)', 'Mán']],
	['10', 'Gia Rai', ['Gia-rai', 'Giarai', 'Jrai', 'Jarai']],
	['11', 'Ngái', ['Xín', 'Ngái Hắc Cá']],
	['12', 'Ê Đê', ['Ê-đê', 'Êđê', 'Rhadé', 'Rađê', 'Ra Đê', 'Edê']],
	['13', 'Ba Na', ['Ba-na', 'Bana', 'Bahnar', 'Bơ Nâm']],
	['14', 'Xơ Đăng', ['Xơ-đăng', 'Sơ Đăng', 'Sedang', 'Xơ Teng']],
	['15', 'Sán Chay', ['Cao Lan - Sán Chỉ', 'Cao Lan', 'Sán Chỉ']],
	['16', 'Cơ Ho', ['Cơ-ho', "K'Ho", 'Kơ Ho', 'Koho']],
	['17', 'Chăm', ['Chàm', 'Chăm Hroi', 'Chàm Hroi', 'Cham']],
	['18', 'Sán Dìu', ['Sán Rì', 'Trại']],
	['19', 'Hrê', ['H’rê', "H're", 'Chăm Rê', 'Mọi Lũy']],
	['20', 'Mnông', ['M’Nông', "M'Nông", 'Mơ Nông']],
	['21', 'Raglai', ['Ra-glai', 'Ra Glai', 'Ra Gia', 'Rắc Lây', 'Oang']],
	['22', 'Xtiêng', ['Xa Điêng', 'Stiêng', 'Stieng', 'X’Tiêng', "X'Tiêng"]],
	['23', 'Bru Vân Kiều', ['Bru-Vân Kiều', 'Vân Kiều', 'Bru', 'Măng Coong', 'Khùa']],
	['24', 'Thổ', ['Kẹo', 'Cuối', 'Đan Lai', 'Ly Hà']],
	['25', 'Giáy', ['Nhắng', 'Dẩng', 'Pầu Thìn Nu Nà', 'Cùi Chu']],
	['26', 'Cơ Tu', ['Cơ-tu', 'Ca Tu', 'Katu', 'Ca Tang']],
	['27', 'Giẻ Triêng', ['Gié-Triêng', 'Gié Triêng', 'Giẻ-Triêng', 'Giẻ', 'Triêng', 'Bnoong']],
	['28', 'Mạ', ['Châu Mạ', 'Mạ Ngăn']],
	['29', 'Khơ Mú', ['Khơ-mú', 'Khơmú', 'Xá Cẩu', 'Mứn Xen', 'Pu Thênh']],
	['30', 'Co', ['Cor', 'Col', 'Cùa', 'Trầu']],
	['31', 'Tà Ôi', ['Tà-ôi', 'Ta Ôi', 'Tôi Ôi', 'Pa Cô', 'Pa Hy']],
	['32', 'Chơ Ro', ['Chơ-ro', 'Châu Ro', 'Dơ Ro']],
	['33', 'Kháng', ['Xá Khao', 'Xá Súa', 'Xá Dón']],
	['34', 'Xinh Mun', ['Xinh-mun', 'Puộc', 'Pụa']],
	['35', 'Hà Nhì', ['U Ni', 'Xá U Ni', 'Hà Nhì Già']],
	['36', 'Chu Ru', ['Chu-ru', 'Churu', 'Chơ Ru']],
	['37', 'Lào', ['Lào Bốc', 'Lào Nọi']],
	['38', 'La Chí', ['Cù Tê', 'La Quả']],
	['39', 'La Ha', ['Khlá Phlạo', 'Xá Cha']],
	['40', 'Phù Lá', ['Bồ Khô Pạ', 'Mu Di', 'Xá Phó']],
	['41', 'La Hủ', ['Pu Đang', 'Khù Xung', 'Cò Xung', 'Khả Quy']],
	['42', 'Lự', ['Lừ', 'Nhuồn', 'Duồn']],
	['43', 'Lô Lô', ['Mun Di']],
	['44', 'Chứt', ['Rục', 'Sách', 'Arem', 'Mã Liềng', 'Mày']],
	['45', 'Mảng', ['Mảng Ư', 'Xá Lá Vàng']],
	['46', 'Pà Thẻn', ['Pà Hưng']],
	['47', 'Cờ Lao', ['Co Lao', 'Cơ Lao']],
	['48', 'Cống', ['Xắm Khống', 'Mấng Nhé', 'Xá Xeng']],
	['49', 'Bố Y', ['Chủng Chá', 'Trọng Gia', 'Tu Di', 'Tu Din']],
	['50', 'Si La', ['Cù Dề Xừ', 'Khả Pẻ']],
	['51', 'Pu Péo', ['Ka Pèo', 'Pen Ti Lô Lô']],
	['52', 'Rơ Măm', ['Rơ-măm', 'Romam']],
	['53', 'Brâu', ['Brao']],
	['54', 'Ơ Đu', ['Ơ-đu', 'Tày Hạt']],
	['55', 'Người nước ngoài', ['Nước ngoài', 'Foreigner']]
];

export const ethnicities: readonly Ethnicity[] = rows.map(([code, name, aliases]) => ({
	code,
	name,
	aliases
}));

// Folded, and without spaces, hyphens, apostrophes and the words "dân tộc"/"người".
function key(s: string): string {
	return matchKey(s)
		.replace(/^(dan toc|dt\.?|nguoi)\s+/, '')
		.replace(/[^a-z0-9]/g, '');
}

const byKey = new Map<string, Ethnicity>();
for (const e of ethnicities) {
	// Official names first so an alias shared by two groups (Xá Khao) never hides a name.
	byKey.set(key(e.name), e);
	byKey.set(key(e.code), e);
}
for (const e of ethnicities)
	for (const a of e.aliases) {
		const k = key(a);
		if (!byKey.has(k)) byKey.set(k, e);
		// "Mông (Mèo)" is also found as "Mông" and as "Mèo".
		const outside = key(a.replace(/\(.*?\)/g, ''));
		if (outside && !byKey.has(outside)) byKey.set(outside, e);
	}

/** The group a written value names, by official name, code ("01") or alias; null if none. */
export function findEthnicity(text: string): Ethnicity | null {
	const k = key(text);
	if (!k) return null;
	return byKey.get(k) ?? byKey.get(key(text.replace(/\(.*?\)/g, ''))) ?? null;
}
