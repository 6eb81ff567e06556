/**
 * Marriage register (Sổ đăng ký kết hôn), DOMAIN.md §3: husband `chong…`, wife `vo…`, later
 * status `tinhTrangKetHon`. Divorce notes use the same people (schema-others.ts).
 */
import type { FieldDef } from './field-kinds';
import { field, header, person, type PersonPart } from './schema-common';

export const spouseParts: PersonPart[] = [
	'soDinhDanh',
	'hoTen',
	'ngaySinh',
	'danToc',
	'quocTich',
	'cuTru',
	'giayTo'
];

export const husband = (required: PersonPart[] = ['hoTen']) =>
	person('chong', 'husband', { vi: 'chồng', en: 'husband' }, spouseParts, required);
export const wife = (required: PersonPart[] = ['hoTen']) =>
	person('vo', 'wife', { vi: 'vợ', en: 'wife' }, spouseParts, required);

export const marriageFields: FieldDef[] = [
	...header('loaiDangKyKetHon'),
	...husband(),
	...wife(),
	field('tinhTrangKetHon', 'Tình trạng kết hôn', 'Marriage status', 'code', 'status', {
		codeList: 'tinhTrangKetHon'
	})
];
