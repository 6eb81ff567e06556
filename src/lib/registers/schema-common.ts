/** Building blocks of register schemas: the common header and a person's block of fields. */
import type { CodeListId, FieldDef, FieldGroup, FieldKind, Label } from './field-kinds';

export function field(
	key: string,
	vi: string,
	en: string,
	kind: FieldKind,
	group: FieldGroup,
	opts: { required?: boolean; codeList?: CodeListId; sameDateAs?: string } = {}
): FieldDef {
	const def: FieldDef = { key, label: { vi, en }, kind, required: opts.required ?? false, group };
	if (opts.codeList) def.codeList = opts.codeList;
	if (opts.sameDateAs) def.sameDateAs = opts.sameDateAs;
	return def;
}

/** The header every register type shares (DOMAIN.md §3). */
export function header(loaiDangKy: CodeListId): FieldDef[] {
	const h: FieldGroup = 'header';
	return [
		field('so', 'Số', 'Entry number', 'text', h, { required: true }),
		field('quyenSo', 'Quyển số', 'Book number', 'text', h, { required: true }),
		field('trangSo', 'Trang số', 'Page', 'number', h),
		field('ngayDangKy', 'Ngày đăng ký', 'Registration date', 'date', h, { required: true }),
		field('loaiDangKy', 'Loại đăng ký', 'Registration type', 'code', h, { codeList: loaiDangKy }),
		field('noiDangKy', 'Nơi đăng ký', 'Registering body', 'place', h),
		field('nguoiKy', 'Người ký', 'Signed by', 'name', h),
		field('chucVuNguoiKy', 'Chức vụ người ký', "Signer's title", 'text', h),
		field('nguoiThucHien', 'Người thực hiện', 'Officer who wrote the entry', 'name', h),
		field('ghiChu', 'Ghi chú', 'Notes', 'text', h)
	];
}

/** Field parts a person block can have, in the template's order. */
export type PersonPart =
	| 'soDinhDanh'
	| 'hoTen'
	| 'gioiTinh'
	| 'ngaySinh'
	| 'noiSinh'
	| 'danToc'
	| 'quocTich'
	| 'cuTru'
	| 'giayTo';

const PART_ORDER: PersonPart[] = [
	'soDinhDanh',
	'hoTen',
	'gioiTinh',
	'ngaySinh',
	'noiSinh',
	'danToc',
	'quocTich',
	'cuTru',
	'giayTo'
];

/**
 * A person's fields with the template's suffixes (HoTen, NgaySinh, DanToc, QuocTich, LoaiCuTru,
 * NoiCuTru, LoaiGiayToTuyThan, SoGiayToTuyThan, SoDinhDanhCaNhan) after `prefix`.
 */
export function person(
	prefix: string,
	group: FieldGroup,
	who: Label,
	parts: PersonPart[],
	required: PersonPart[] = []
): FieldDef[] {
	const en = who.en.charAt(0).toUpperCase() + who.en.slice(1);
	const f = (
		part: PersonPart,
		suffix: string,
		vi: string,
		label: string,
		kind: FieldKind,
		codeList?: CodeListId
	) =>
		field(prefix + suffix, `${vi} ${who.vi}`, `${en}: ${label}`, kind, group, {
			required: required.includes(part),
			codeList
		});
	const out: FieldDef[] = [];
	for (const part of PART_ORDER.filter((p) => parts.includes(p))) {
		if (part === 'soDinhDanh')
			out.push(f(part, 'SoDinhDanhCaNhan', 'Số định danh cá nhân', 'personal ID', 'personalId'));
		if (part === 'hoTen') out.push(f(part, 'HoTen', 'Họ, chữ đệm, tên', 'full name', 'name'));
		if (part === 'gioiTinh') out.push(f(part, 'GioiTinh', 'Giới tính', 'sex', 'sex'));
		if (part === 'ngaySinh') out.push(f(part, 'NgaySinh', 'Ngày sinh', 'date of birth', 'date'));
		if (part === 'noiSinh') out.push(f(part, 'NoiSinh', 'Nơi sinh', 'place of birth', 'place'));
		if (part === 'danToc') out.push(f(part, 'DanToc', 'Dân tộc', 'ethnicity', 'ethnicity'));
		if (part === 'quocTich')
			out.push(f(part, 'QuocTich', 'Quốc tịch', 'nationality', 'nationality'));
		if (part === 'cuTru') {
			out.push(f(part, 'LoaiCuTru', 'Loại cư trú', 'residence type', 'code', 'loaiCuTru'));
			out.push(f(part, 'NoiCuTru', 'Nơi cư trú', 'residence', 'place'));
		}
		if (part === 'giayTo') {
			out.push(
				f(
					part,
					'LoaiGiayToTuyThan',
					'Loại giấy tờ tùy thân',
					'ID document type',
					'code',
					'loaiGiayToTuyThan'
				)
			);
			out.push(f(part, 'SoGiayToTuyThan', 'Số giấy tờ tùy thân', 'ID document number', 'text'));
		}
	}
	return out;
}

export const ALL_PARTS: PersonPart[] = [...PART_ORDER];
