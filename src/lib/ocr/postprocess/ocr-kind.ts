import type { FieldKind as RegisterFieldKind } from '../../registers/field-kinds';
import type { FieldKind } from './fields';

/** How OCR cleans and checks a register field, from what the register schema says it holds. */
const OCR_KIND: Record<RegisterFieldKind, FieldKind> = {
	name: 'name',
	date: 'date',
	dateWords: 'dateWords',
	time: 'text',
	sex: 'sex',
	ethnicity: 'ethnicity',
	nationality: 'nationality',
	place: 'place',
	personalId: 'id',
	cmnd: 'id',
	code: 'text',
	text: 'text',
	number: 'number'
};

/** The OCR kind of a register field kind (own file: the browser's region OCR uses it too). */
export function ocrKindOf(kind: RegisterFieldKind): FieldKind {
	return OCR_KIND[kind];
}
