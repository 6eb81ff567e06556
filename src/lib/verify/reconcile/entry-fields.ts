/**
 * Which fields of a register entry are compared with the resident extract, by register type: the
 * principal person (named by the register type) and, for births, the parents.
 */
import { fieldKeys, isRegisterType, registerTypeInfo } from '../../registers/schemas';
import type { EntryRecord } from './matcher';

export type ReconcileKey = Exclude<keyof EntryRecord, 'id'>;

/** Contract key → the entry's field key, for one register type. */
export function reconcileFieldMap(type: string): Partial<Record<ReconcileKey, string>> {
	if (!isRegisterType(type)) return {};
	const { principal } = registerTypeInfo(type);
	const keys = new Set(fieldKeys(type));
	const prefix = principal.name.replace(/HoTen$/, '');
	const map: Partial<Record<ReconcileKey, string>> = { full_name: principal.name };
	if (principal.birthDate) map.birth_date = principal.birthDate;
	if (principal.sex) map.sex = principal.sex;
	const optional: [ReconcileKey, string][] = [
		['personal_id', `${prefix}SoDinhDanh`],
		['birth_place', `${prefix}NoiSinh`]
	];
	if (type === 'birth') optional.push(['father_name', 'chaHoTen'], ['mother_name', 'meHoTen']);
	for (const [k, field] of optional) if (keys.has(field)) map[k] = field;
	return map;
}

/** The entry's values in the contract's keys. */
export function entryToRecord(type: string, values: Record<string, string>): EntryRecord {
	const out: EntryRecord = {};
	for (const [k, field] of Object.entries(reconcileFieldMap(type)) as [ReconcileKey, string][]) {
		const v = values[field]?.trim();
		if (v) out[k] = v;
	}
	return out;
}
