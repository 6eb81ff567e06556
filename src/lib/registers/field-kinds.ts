/** What a register field holds; decides how it is normalised and checked. */
export const fieldKinds = [
	'name',
	'date',
	'dateWords',
	'time',
	'sex',
	'ethnicity',
	'nationality',
	'place',
	'personalId',
	'cmnd',
	'code',
	'text',
	'number'
] as const;
export type FieldKind = (typeof fieldKinds)[number];

export type CodeListId =
	| 'loaiDangKyKhaiSinh'
	| 'loaiDangKyKetHon'
	| 'loaiDangKyChung'
	| 'gioiTinh'
	| 'loaiGiayToTuyThan'
	| 'tuyenBo'
	| 'loaiKhaiSinh'
	| 'loaiCuTru'
	| 'loaiGiayBaoTu'
	| 'tinhTrangKetHon';

/** Where a field sits on the form: the entry header, or the person/document it describes. */
export type FieldGroup =
	| 'header'
	| 'subject'
	| 'mother'
	| 'father'
	| 'requester'
	| 'foreign'
	| 'status'
	| 'deathNotice'
	| 'husband'
	| 'wife'
	| 'parent'
	| 'child'
	| 'adoptiveFather'
	| 'adoptiveMother'
	| 'giver'
	| 'guardian'
	| 'ward'
	| 'change'
	| 'decision';

export interface Label {
	vi: string;
	en: string;
}

export interface FieldDef {
	/** The national import template's column name (camelCase), or the vendors' name for it. */
	key: string;
	label: Label;
	kind: FieldKind;
	required: boolean;
	codeList?: CodeListId;
	group: FieldGroup;
	/** For a date in words: the key of the same date in figures, which it must agree with. */
	sameDateAs?: string;
}
