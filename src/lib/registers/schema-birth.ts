/**
 * Birth register (Sổ đăng ký khai sinh). Keys are exactly the trimmed column names of the MOJ
 * import template's sheet "DL Import" (tests/fixtures/moj/moj-import-template-khaisinh.xlsx), in its
 * order, without the row counter "STT".
 */
import type { FieldDef } from './field-kinds';
import { field, header, person } from './schema-common';

const s = 'subject' as const;
const st = 'status' as const;
const rq = 'requester' as const;
const fo = 'foreign' as const;

// A parent's block; the template adds text and second-nationality columns after QuocTich.
const parent = (prefix: 'me' | 'cha', group: 'mother' | 'father', vi: string, en: string) => {
	const who = { vi, en };
	const fields = person(prefix, group, who, [
		'soDinhDanh',
		'hoTen',
		'ngaySinh',
		'danToc',
		'quocTich',
		'cuTru',
		'giayTo'
	]);
	const nationality = fields.findIndex((f) => f.key === `${prefix}QuocTich`);
	fields.splice(
		nationality + 1,
		0,
		field(
			`${prefix}QuocTichStr`,
			`Quốc tịch ${vi} (chữ)`,
			`${en}: nationality (text)`,
			'text',
			group
		),
		field(
			`${prefix}QuocTichKhac`,
			`Quốc tịch khác ${vi}`,
			`${en}: other nationality`,
			'nationality',
			group
		),
		field(
			`${prefix}QuocTichKhacStr`,
			`Quốc tịch khác ${vi} (chữ)`,
			`${en}: other nationality (text)`,
			'text',
			group
		)
	);
	return fields;
};

export const birthFields: FieldDef[] = [
	...header('loaiDangKyKhaiSinh'),
	field('nksSoDinhDanh', 'Số định danh cá nhân', 'Personal ID', 'personalId', s),
	field('nksHoTen', 'Họ, chữ đệm, tên', 'Full name', 'name', s, { required: true }),
	field('nksGioiTinh', 'Giới tính', 'Sex', 'sex', s, { required: true }),
	field('nksNgaySinh', 'Ngày, tháng, năm sinh', 'Date of birth', 'date', s, { required: true }),
	field('nksNgaySinhBangChu', 'Ngày sinh bằng chữ', 'Date of birth in words', 'dateWords', s, {
		sameDateAs: 'nksNgaySinh'
	}),
	field('nksNoiSinh', 'Nơi sinh', 'Place of birth', 'place', s),
	field(
		'nksNoiSinhDVHC',
		'Nơi sinh (đơn vị hành chính)',
		'Place of birth (administrative unit)',
		'place',
		s
	),
	field('nksQueQuan', 'Quê quán', 'Native place', 'place', s),
	field('nksDanToc', 'Dân tộc', 'Ethnicity', 'ethnicity', s),
	field('nksQuocTich', 'Quốc tịch', 'Nationality', 'nationality', s),
	field('nksQuocTichStr', 'Quốc tịch (chữ)', 'Nationality (text)', 'text', s),
	field('nksQuocTichKhac', 'Quốc tịch khác', 'Other nationality', 'nationality', s),
	field('nksQuocTichKhacStr', 'Quốc tịch khác (chữ)', 'Other nationality (text)', 'text', s),
	field('nksLoaiKhaiSinh', 'Loại khai sinh', 'Kind of birth registration', 'code', s, {
		codeList: 'loaiKhaiSinh'
	}),
	field('nksMatTich', 'Mất tích', 'Missing-person declaration', 'code', st, {
		codeList: 'tuyenBo'
	}),
	field(
		'nksMatTichNgayGhiChuTuyenBo',
		'Ngày ghi chú tuyên bố mất tích',
		'Declared missing on',
		'date',
		st
	),
	field(
		'nksMatTichCanCuTuyenBo',
		'Căn cứ tuyên bố mất tích',
		'Basis of the missing declaration',
		'text',
		st
	),
	field(
		'nksMatTichNgayGhiChuHuyTuyenBo',
		'Ngày ghi chú hủy tuyên bố mất tích',
		'Missing declaration annulled on',
		'date',
		st
	),
	field(
		'nksMatTichCanCuHuyTuyenBo',
		'Căn cứ hủy tuyên bố mất tích',
		'Basis of the annulment',
		'text',
		st
	),
	field(
		'nksHanCheNangLucHanhVi',
		'Hạn chế năng lực hành vi',
		'Restricted legal capacity',
		'code',
		st,
		{
			codeList: 'tuyenBo'
		}
	),
	field(
		'nksHanCheNangLucHanhViNgayGhiChuTuyenBo',
		'Ngày ghi chú tuyên bố hạn chế NLHV',
		'Restriction declared on',
		'date',
		st
	),
	field(
		'nksHanCheNangLucHanhViCanCuTuyenBo',
		'Căn cứ tuyên bố hạn chế NLHV',
		'Basis of the restriction',
		'text',
		st
	),
	field(
		'nksHanCheNangLucHanhViNgayGhiChuHuyTuyenBo',
		'Ngày ghi chú hủy tuyên bố hạn chế NLHV',
		'Restriction annulled on',
		'date',
		st
	),
	// The template's own name (sic: "NgayCanCu"); the importer reads it as written.
	field(
		'nksHanCheNangLucHanhViNgayCanCuHuyTuyenBo',
		'Căn cứ hủy tuyên bố hạn chế NLHV',
		'Basis of the restriction annulment',
		'text',
		st
	),
	...parent('me', 'mother', 'mẹ', 'mother'),
	...parent('cha', 'father', 'cha', 'father'),
	field('nycHoTen', 'Họ tên người yêu cầu', 'Requester: full name', 'name', rq),
	field('nycQuanHe', 'Quan hệ với người được khai sinh', 'Requester: relationship', 'text', rq),
	field(
		'nycLoaiGiayToTuyThan',
		'Loại giấy tờ tùy thân người yêu cầu',
		'Requester: ID document type',
		'code',
		rq,
		{
			codeList: 'loaiGiayToTuyThan'
		}
	),
	field('nycGiayToKhac', 'Giấy tờ khác', 'Requester: other document', 'text', rq),
	field(
		'nycSoGiayToTuyThan',
		'Số giấy tờ tùy thân người yêu cầu',
		'Requester: ID document number',
		'text',
		rq
	),
	field('nycNgayCapGiayToTuyThan', 'Ngày cấp giấy tờ', 'Requester: ID issued on', 'date', rq),
	field('nycNoiCapGiayToTuyThan', 'Nơi cấp giấy tờ', 'Requester: ID issued by', 'place', rq),
	field('soDangKyNuocNgoai', 'Số đăng ký ở nước ngoài', 'Registration number abroad', 'text', fo),
	field('ngayDangKyNuocNgoai', 'Ngày đăng ký ở nước ngoài', 'Registration date abroad', 'date', fo),
	field(
		'cqNuocNgoaiDaDangKy',
		'Cơ quan nước ngoài đã đăng ký',
		'Foreign registering authority',
		'text',
		fo
	),
	field('qgNuocNgoaiDaDangKy', 'Quốc gia đã đăng ký', 'Country of registration', 'nationality', fo)
];
