/**
 * Blind re-keying: for the fields that matter most, the reviewing officer types the value from
 * the scan without seeing the clerk's, and every difference is settled against the image before
 * the entry can be approved. Pure: which fields, how two readings compare, and what a settlement
 * records (the `entry.settle` audit row's `fields`).
 */
import {
	getFieldDef,
	getRegisterSchema,
	isRegisterType,
	normalizeFieldValue,
	principalBirthDateKey,
	principalNameKey,
	type RegisterType
} from '../registers/index';
import { normalizeText } from '../text/normalize';

/**
 * The critical fields per register type: the entry number, the person's full name and date of
 * birth, and for births the parents' names; marriages and divorces name both spouses. Types not
 * listed use the entry number and their principal person's name and date of birth.
 */
export const blindFieldConfig: Partial<Record<RegisterType, readonly string[]>> = {
	birth: ['so', 'nksHoTen', 'nksNgaySinh', 'meHoTen', 'chaHoTen'],
	death: ['so', 'nktHoTen', 'nktNgaySinh'],
	marriage: ['so', 'chongHoTen', 'chongNgaySinh', 'voHoTen', 'voNgaySinh'],
	divorce: ['so', 'chongHoTen', 'chongNgaySinh', 'voHoTen', 'voNgaySinh']
};

/** The blind fields of a register type, in form order; none for an unknown type. */
export function blindFields(type: string): string[] {
	if (!isRegisterType(type)) return [];
	const birthDate = principalBirthDateKey(type);
	const wanted = new Set(
		blindFieldConfig[type] ?? ['so', principalNameKey(type), ...(birthDate ? [birthDate] : [])]
	);
	return getRegisterSchema(type)
		.map((d) => d.key)
		.filter((k) => wanted.has(k));
}

/**
 * The key two readings are compared on: the field's normalised value (names title-cased with
 * canonical tone marks, dates in one format), else the text with collapsed spaces, any case.
 * "NGUYỄN VĂN HOÀ" and "Nguyễn Văn Hòa" read the same; "Hoa" and "Hòa" do not.
 */
export function readingKey(type: string, key: string, value: string): string {
	const def = isRegisterType(type) ? getFieldDef(type, key) : undefined;
	const normalized = def ? normalizeFieldValue(def, value).normalized : null;
	return (normalized ?? normalizeText(value)).toLocaleLowerCase('vi');
}

export const sameReading = (type: string, key: string, a: string, b: string): boolean =>
	readingKey(type, key, a) === readingKey(type, key, b);

export interface BlindDifference {
	key: string;
	clerk: string;
	officer: string;
}

/** The blind fields where the officer's reading differs from the clerk's. */
export function compareBlind(
	type: string,
	keys: readonly string[],
	clerk: Record<string, string>,
	officer: Record<string, string>
): BlindDifference[] {
	return keys
		.map((key) => ({ key, clerk: clerk[key] ?? '', officer: (officer[key] ?? '').trim() }))
		.filter((d) => !sameReading(type, d.key, d.clerk, d.officer));
}

/** Who turned out wrong: `clerk` means the clerk's value was found wrong. */
export type Against = 'clerk' | 'officer' | 'none';

export interface SettledField {
	clerk: string;
	officer: string;
	chosen: string;
	against: Against;
}

/**
 * Whose reading the chosen value contradicts. When the officer keeps neither reading, the clerk's
 * value is still the one replaced, so it counts against the clerk; choosing a value both readings
 * agree with (only possible when they differ in form, not in reading) counts against nobody.
 */
export function against(type: string, d: BlindDifference, chosen: string): Against {
	const clerkOk = sameReading(type, d.key, d.clerk, chosen);
	const officerOk = sameReading(type, d.key, d.officer, chosen);
	if (clerkOk && officerOk) return 'none';
	if (clerkOk) return 'officer';
	return 'clerk';
}

export type SettleRefusal = 'settle.missingChoice' | 'settle.unknownField';

/**
 * The settlement of a set of differences: every difference needs a chosen value, and nothing
 * else may be settled. The result is the audit row's `fields`.
 */
export function settle(
	type: string,
	differences: readonly BlindDifference[],
	chosen: Record<string, string>
):
	| { ok: true; fields: Record<string, SettledField> }
	| { ok: false; code: SettleRefusal; params: { fields: string } } {
	const known = new Set(differences.map((d) => d.key));
	const extra = Object.keys(chosen).filter((k) => !known.has(k));
	if (extra.length)
		return { ok: false, code: 'settle.unknownField', params: { fields: extra.join(', ') } };
	const missing = differences.filter((d) => chosen[d.key] === undefined).map((d) => d.key);
	if (missing.length)
		return { ok: false, code: 'settle.missingChoice', params: { fields: missing.join(', ') } };
	const fields: Record<string, SettledField> = {};
	for (const d of differences) {
		const value = chosen[d.key]!.normalize('NFC').trim();
		fields[d.key] = {
			clerk: d.clerk,
			officer: d.officer,
			chosen: value,
			against: against(type, d, value)
		};
	}
	return { ok: true, fields };
}

export interface FieldReading {
	value: string;
	ocrValue: string | null;
}

export interface OcrChange {
	key: string;
	ocr: string;
	value: string;
}

/** What the transcription changed since OCR, field by field, in form order (the review screen's diff). */
export function changesSinceOcr(
	order: readonly string[],
	fields: Record<string, FieldReading | undefined>
): OcrChange[] {
	const out: OcrChange[] = [];
	for (const key of order) {
		const f = fields[key];
		if (!f) continue;
		const ocr = f.ocrValue ?? '';
		if (ocr !== f.value) out.push({ key, ocr, value: f.value });
	}
	return out;
}
