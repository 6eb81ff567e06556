/**
 * Death register (Sổ đăng ký khai tử), DOMAIN.md §3: the deceased `nkt…`, the death notice
 * `gbt…`, the requester `nyc…`. Keys follow the vendors' naming of the birth template.
 */
import type { FieldDef } from './field-kinds';
import { field, header, person } from './schema-common';

const s = 'subject' as const;
const n = 'deathNotice' as const;
const rq = 'requester' as const;

export const deathFields: FieldDef[] = [
	...header('loaiDangKyChung'),
	...person(
		'nkt',
		s,
		{ vi: 'người chết', en: 'deceased' },
		['soDinhDanh', 'hoTen', 'gioiTinh', 'ngaySinh', 'danToc', 'quocTich', 'cuTru', 'giayTo'],
		['hoTen']
	),
	field('nktNgayChet', 'Ngày chết', 'Date of death', 'date', s, { required: true }),
	// Dates of death are Gregorian; a lunar date in an old book is kept here as written.
	field(
		'nktNgayChetAmLich',
		'Ngày chết (âm lịch, như ghi trong sổ)',
		'Date of death (lunar, as written)',
		'text',
		s
	),
	field('nktGioPhutChet', 'Giờ, phút chết', 'Time of death', 'time', s),
	field('nktNoiChet', 'Nơi chết', 'Place of death', 'place', s),
	field('nktNguyenNhanChet', 'Nguyên nhân chết', 'Cause of death', 'text', s),
	field('gbtLoai', 'Loại giấy báo tử', 'Death notice type', 'code', n, {
		codeList: 'loaiGiayBaoTu'
	}),
	field('gbtSo', 'Số giấy báo tử', 'Death notice number', 'text', n),
	field('gbtNgay', 'Ngày cấp giấy báo tử', 'Death notice date', 'date', n),
	field('gbtCoQuanCap', 'Cơ quan cấp giấy báo tử', 'Issued by', 'text', n),
	field('nycHoTen', 'Họ tên người yêu cầu', 'Requester: full name', 'name', rq),
	field('nycQuanHe', 'Quan hệ với người chết', 'Requester: relationship', 'text', rq),
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
	field(
		'nycSoGiayToTuyThan',
		'Số giấy tờ tùy thân người yêu cầu',
		'Requester: ID document number',
		'text',
		rq
	)
];
