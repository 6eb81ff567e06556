/**
 * The other books (DOMAIN.md §3 "Others"): the header and the principal people. Prefixes `cm…`,
 * `nc…` and `nxn…` are the vendors'; the adoption (`cn…`, `chaNuoi…`, `meNuoi…`), guardianship
 * (`ngh…` guardian, `ndgh…` ward) and change (`ntd…`) prefixes are ours, on the same pattern.
 */
import type { FieldDef } from './field-kinds';
import { ALL_PARTS, field, header, person } from './schema-common';
import { husband, wife } from './schema-marriage';

const decision = (vi: string, en: string): FieldDef[] => [
	field('quyetDinhSo', `Số ${vi}`, `${en} number`, 'text', 'decision'),
	field('quyetDinhNgay', `Ngày ${vi}`, `${en} date`, 'date', 'decision'),
	field('quyetDinhCoQuan', `Cơ quan ra ${vi}`, `${en} issued by`, 'text', 'decision')
];

export const recognitionFields: FieldDef[] = [
	...header('loaiDangKyChung'),
	field('loaiXacNhan', 'Loại xác nhận (1–4)', 'Kind of recognition (1–4)', 'number', 'header'),
	...person('cm', 'parent', { vi: 'cha/mẹ', en: 'parent' }, ALL_PARTS, ['hoTen']),
	...person('nc', 'child', { vi: 'con', en: 'child' }, ALL_PARTS, ['hoTen']),
	...decision('quyết định', 'Decision')
];

export const maritalStatusFields: FieldDef[] = [
	...header('loaiDangKyChung'),
	...person('nxn', 'subject', { vi: 'người được xác nhận', en: 'person' }, ALL_PARTS, ['hoTen']),
	// Fixed wording of TT 04/2020 Đ.33; kept verbatim.
	field('nxnTinhTrangHonNhan', 'Tình trạng hôn nhân', 'Marital status', 'text', 'subject', {
		required: true
	}),
	field('nxnMucDichSuDung', 'Mục đích sử dụng (1–5)', 'Purpose (1–5)', 'number', 'subject')
];

export const adoptionFields: FieldDef[] = [
	...header('loaiDangKyChung'),
	...person('cn', 'child', { vi: 'con nuôi', en: 'adopted child' }, ALL_PARTS, ['hoTen']),
	...person('chaNuoi', 'adoptiveFather', { vi: 'cha nuôi', en: 'adoptive father' }, ALL_PARTS),
	...person('meNuoi', 'adoptiveMother', { vi: 'mẹ nuôi', en: 'adoptive mother' }, ALL_PARTS),
	field(
		'ngiHoTen',
		'Người giao con nuôi / cơ sở nuôi dưỡng',
		'Giving parents or institution',
		'text',
		'giver'
	),
	field('ngiDiaChi', 'Địa chỉ người giao / cơ sở nuôi dưỡng', 'Their address', 'place', 'giver'),
	...decision('quyết định công nhận nuôi con nuôi', 'Adoption decision')
];

export const guardianshipFields: FieldDef[] = [
	...header('loaiDangKyChung'),
	...person('ndgh', 'ward', { vi: 'người được giám hộ', en: 'ward' }, ALL_PARTS, ['hoTen']),
	...person('ngh', 'guardian', { vi: 'người giám hộ', en: 'guardian' }, ALL_PARTS, ['hoTen']),
	field('canCuGiamHo', 'Căn cứ giám hộ', 'Legal basis', 'text', 'decision'),
	field('ngayChamDutGiamHo', 'Ngày chấm dứt giám hộ', 'Guardianship ended on', 'date', 'decision'),
	field('lyDoChamDutGiamHo', 'Lý do chấm dứt giám hộ', 'Reason it ended', 'text', 'decision')
];

export const changeFields: FieldDef[] = [
	...header('loaiDangKyChung'),
	...person('ntd', 'subject', { vi: 'người được thay đổi, cải chính', en: 'person' }, ALL_PARTS, [
		'hoTen'
	]),
	field('noiDungThayDoi', 'Nội dung thay đổi, cải chính', 'Field changed', 'text', 'change', {
		required: true
	}),
	field('giaTriCu', 'Nội dung cũ', 'Old value', 'text', 'change'),
	field('giaTriMoi', 'Nội dung mới', 'New value', 'text', 'change'),
	field('lyDo', 'Lý do', 'Reason', 'text', 'change'),
	field('canCuPhapLy', 'Căn cứ pháp lý', 'Legal basis', 'text', 'change')
];

export const divorceFields: FieldDef[] = [
	...header('loaiDangKyChung'),
	...husband(),
	...wife(),
	...decision('bản án/quyết định ly hôn', 'Divorce judgment')
];
