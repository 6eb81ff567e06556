/**
 * Code lists. From the MOJ birth import template, sheet "Ghi chu": loaiDangKy 1–6, giới tính 1–3,
 * loại giấy tờ tùy thân 1–8, nksMatTich/nksHanCheNangLucHanhVi 1–2. From DOMAIN.md §3:
 * LoaiKhaiSinh 1–5, LoaiCuTru 0–2, marriage loaiDangKy 1–2, death-notice Loai 0–7 and
 * tinhTrangKetHon. Where DOMAIN.md names the values but not their codes, the codes below are our
 * reading and are marked [inferred]: confirm against the national system before an export.
 */
import { matchKey } from '../text/normalize';
import type { CodeListId, Label } from './field-kinds';

export interface CodeEntry extends Label {
	code: string;
}

const list = (...rows: [string, string, string][]): CodeEntry[] =>
	rows.map(([code, vi, en]) => ({ code, vi, en }));

export const codeLists: Readonly<Record<CodeListId, readonly CodeEntry[]>> = {
	loaiDangKyKhaiSinh: list(
		['1', 'Đăng kí đúng hạn', 'Registered on time'],
		['2', 'Đăng kí lại', 'Re-registration'],
		[
			'3',
			'Ghi vào sổ việc khai sinh đã đăng ký ở CQ có thẩm quyền nước ngoài',
			'Recorded from a registration abroad'
		],
		['4', 'Đăng kí quá hạn', 'Late registration'],
		['5', 'Cấp bản chính giấy khai sinh', 'Original birth certificate issued'],
		['6', 'Không xác định', 'Unknown']
	),
	loaiDangKyKetHon: list(
		['1', 'Đăng ký kết hôn', 'First registration'],
		['2', 'Đăng ký lại kết hôn', 'Re-registration']
	),
	// [inferred] other books: the marriage codes, read as new registration / re-registration.
	loaiDangKyChung: list(
		['1', 'Đăng ký mới', 'New registration'],
		['2', 'Đăng ký lại', 'Re-registration']
	),
	gioiTinh: list(
		['1', 'Nam', 'Male'],
		['2', 'Nữ', 'Female'],
		['3', 'Không xác định', 'Undetermined']
	),
	loaiGiayToTuyThan: list(
		['1', 'Giấy CMND', 'Identity card (CMND)'],
		['2', 'Hộ chiếu', 'Passport'],
		['3', 'Thẻ thường trú', 'Permanent residence card'],
		['4', 'Thẻ căn cước công dân', 'Citizen identity card (CCCD)'],
		['5', 'Giấy chứng minh quân đội nhân dân', "People's Army ID"],
		['6', 'Giấy chứng minh sĩ quan quân đội', 'Army officer ID'],
		['7', 'Giấy chứng minh công an nhân dân', "People's Police ID"],
		['8', 'Giấy tờ khác', 'Other document']
	),
	tuyenBo: list(['1', 'Tuyên bố', 'Declared'], ['2', 'Hủy tuyên bố', 'Declaration annulled']),
	loaiKhaiSinh: list(
		['1', 'Xác định được cha, mẹ', 'Both parents known'],
		['2', 'Chưa xác định được mẹ', 'Mother unknown'],
		['3', 'Chưa xác định được cha', 'Father unknown'],
		['4', 'Chưa xác định được cha và mẹ', 'Neither parent known'],
		['5', 'Trẻ bị bỏ rơi', 'Abandoned child']
	),
	loaiCuTru: list(
		['0', 'Không có', 'None'],
		['1', 'Thường trú', 'Permanent'],
		['2', 'Tạm trú', 'Temporary']
	),
	// Codes 0–4 follow DOMAIN.md's order; 5–7 are [inferred] from NĐ 123/2015 Đ.4(2).
	loaiGiayBaoTu: list(
		['0', 'Giấy báo tử', 'Death notice'],
		['1', 'Bản án, quyết định của Tòa án tuyên bố đã chết', 'Court declaration of death'],
		[
			'2',
			'Văn bản xác nhận của cơ quan công an hoặc kết quả giám định pháp y',
			'Police confirmation or forensic report'
		],
		['3', 'Biên bản xác nhận việc chết', 'Record confirming the death'],
		['4', 'Văn bản của người làm chứng', 'Witness statement'],
		['5', 'Giấy xác nhận thi hành án tử hình', 'Confirmation of execution'],
		['6', 'Giấy tờ khác', 'Other document'],
		['7', 'Không có giấy tờ', 'No document']
	),
	// [inferred] codes; DOMAIN.md lists the values only.
	tinhTrangKetHon: list(
		['1', 'Đã ly hôn', 'Divorced'],
		['2', 'Hủy việc kết hôn trái pháp luật', 'Annulled'],
		['3', 'Công nhận việc kết hôn', 'Recognised'],
		['4', 'Không có thông tin', 'No information']
	)
};

/** The code for what was written: the code itself ("01" → "1") or its label in either language. */
export function findCode(id: CodeListId, written: string): CodeEntry | null {
	const entries = codeLists[id];
	const t = written.trim();
	if (/^\d+$/.test(t)) return entries.find((e) => Number(e.code) === Number(t)) ?? null;
	const key = matchKey(t);
	if (!key) return null;
	return entries.find((e) => matchKey(e.vi) === key || matchKey(e.en) === key) ?? null;
}
