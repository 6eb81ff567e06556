/**
 * Double keying: two people key every field of an entry independently; the system compares them
 * field by field with the blind re-keying's reading key (verify/blind-check.ts), accepts what
 * agrees and leaves what differs to an officer, who settles it against the scan through the same
 * settlement as the blind re-keying. Pure: which fields, which values are acceptable, the outcome.
 *
 * In a `BlindDifference` of a double keying, `clerk` is the first keying's value (the one in the
 * entry) and `officer` the second keyer's: the settlement's shape and its `against` stay one.
 */
import { fieldKeys } from '../registers/index';
import { compareBlind, type BlindDifference } from './blind-check';

/** Every field of the register type is keyed twice, in form order. */
export const keyingFields = (type: string): string[] => fieldKeys(type);

/** Keys in a keying that the register type does not have (refused, never silently dropped). */
export function unknownKeyingFields(type: string, values: Record<string, string>): string[] {
	const known = new Set(keyingFields(type));
	return Object.keys(values).filter((k) => !known.has(k));
}

export interface KeyingComparison {
	/** Fields both keyings read the same (accepted as the first keying has them). */
	agreed: string[];
	/** Fields they read differently, for the officer to settle against the scan. */
	differences: BlindDifference[];
}

/**
 * The field-by-field comparison of the first keying (the entry's values) with the second. A field
 * left out of either keying is empty there, so a field only one person filled in is a difference.
 */
export function compareKeyings(
	type: string,
	first: Record<string, string>,
	second: Record<string, string>
): KeyingComparison {
	const keys = keyingFields(type);
	const differences = compareBlind(type, keys, first, second);
	const differing = new Set(differences.map((d) => d.key));
	return { agreed: keys.filter((k) => !differing.has(k)), differences };
}
