/**
 * Register types, their export codes and field lists. Export codes follow the practice of local
 * software (DOMAIN.md §2): KS, KT, KH, CMC, HN, TD, GH. Adoption and divorce have no code there;
 * we use "NCN" (nhận con nuôi) and "LH" (ly hôn).
 */
import type { FieldDef, Label } from './field-kinds';
import { birthFields } from './schema-birth';
import { deathFields } from './schema-death';
import { marriageFields } from './schema-marriage';
import {
	adoptionFields,
	changeFields,
	divorceFields,
	guardianshipFields,
	maritalStatusFields,
	recognitionFields
} from './schema-others';

export const registerTypeIds = [
	'birth',
	'death',
	'marriage',
	'recognition',
	'maritalStatus',
	'adoption',
	'guardianship',
	'change',
	'divorce'
] as const;
export type RegisterType = (typeof registerTypeIds)[number];

export interface RegisterTypeInfo {
	id: RegisterType;
	/** Prefix of exported file names (KS.2008.02.01.NGUYEN-VAN-AN.NAM.pdf). */
	exportCode: string;
	name: Label;
	/** The person the entry is about: named in file names, used for duplicate detection. */
	principal: { name: string; birthDate: string | null; sex: string | null };
}

const info = (
	id: RegisterType,
	exportCode: string,
	vi: string,
	en: string,
	name: string,
	birthDate: string | null,
	sex: string | null
): RegisterTypeInfo => ({ id, exportCode, name: { vi, en }, principal: { name, birthDate, sex } });

export const registerTypes: readonly RegisterTypeInfo[] = [
	info('birth', 'KS', 'Khai sinh', 'Birth', 'nksHoTen', 'nksNgaySinh', 'nksGioiTinh'),
	info('death', 'KT', 'Khai tử', 'Death', 'nktHoTen', 'nktNgaySinh', 'nktGioiTinh'),
	// The marriage register lists the husband first; he names the file.
	info('marriage', 'KH', 'Kết hôn', 'Marriage', 'chongHoTen', 'chongNgaySinh', null),
	info(
		'recognition',
		'CMC',
		'Nhận cha, mẹ, con',
		'Parent/child recognition',
		'ncHoTen',
		'ncNgaySinh',
		'ncGioiTinh'
	),
	info(
		'maritalStatus',
		'HN',
		'Xác nhận tình trạng hôn nhân',
		'Marital-status certificate',
		'nxnHoTen',
		'nxnNgaySinh',
		'nxnGioiTinh'
	),
	info('adoption', 'NCN', 'Nuôi con nuôi', 'Adoption', 'cnHoTen', 'cnNgaySinh', 'cnGioiTinh'),
	info(
		'guardianship',
		'GH',
		'Giám hộ',
		'Guardianship',
		'ndghHoTen',
		'ndghNgaySinh',
		'ndghGioiTinh'
	),
	info(
		'change',
		'TD',
		'Thay đổi, cải chính hộ tịch',
		'Change or correction',
		'ntdHoTen',
		'ntdNgaySinh',
		'ntdGioiTinh'
	),
	info('divorce', 'LH', 'Ly hôn', 'Divorce', 'chongHoTen', 'chongNgaySinh', null)
];

const schemas: Record<RegisterType, readonly FieldDef[]> = {
	birth: birthFields,
	death: deathFields,
	marriage: marriageFields,
	recognition: recognitionFields,
	maritalStatus: maritalStatusFields,
	adoption: adoptionFields,
	guardianship: guardianshipFields,
	change: changeFields,
	divorce: divorceFields
};

export function isRegisterType(s: string): s is RegisterType {
	return (registerTypeIds as readonly string[]).includes(s);
}

export function registerTypeInfo(type: RegisterType): RegisterTypeInfo {
	return registerTypes.find((t) => t.id === type)!;
}

export function getRegisterSchema(type: RegisterType): readonly FieldDef[] {
	return schemas[type];
}

/** Field keys of a type; none for an unknown type (so nothing unknown can be saved). */
export function fieldKeys(type: string): string[] {
	return isRegisterType(type) ? schemas[type].map((f) => f.key) : [];
}

export function getFieldDef(type: RegisterType, key: string): FieldDef | undefined {
	return schemas[type].find((f) => f.key === key);
}

export const principalNameKey = (type: RegisterType): string =>
	registerTypeInfo(type).principal.name;
export const principalBirthDateKey = (type: RegisterType): string | null =>
	registerTypeInfo(type).principal.birthDate;
export const principalSexKey = (type: RegisterType): string | null =>
	registerTypeInfo(type).principal.sex;
