/**
 * Vietnamese text: the public entry point of src/lib/text. Stored text is NFC with invisible
 * characters removed and tone marks in one canonical place; comparisons use `matchKey`.
 */
export {
	toNfc,
	stripInvisibles,
	collapseSpaces,
	normalizeToneMarks,
	normalizeText,
	foldDiacritics,
	matchKey,
	toTitleCaseName
} from './normalize';
export { isVietnameseSyllable } from './syllable';
export { classifyNameToken, checkPersonName } from './person-name';
export type { NameTokenClass, NameIssue } from './person-name';
export { COMMON_SURNAMES, restoreSurname } from './surnames';
