import { describe, expect, it } from 'vitest';
import { entryToRecord, reconcileFieldMap } from './entry-fields';

describe('reconcileFieldMap', () => {
	it('maps a birth entry: the child, the ID, the place and both parents', () => {
		expect(reconcileFieldMap('birth')).toEqual({
			full_name: 'nksHoTen',
			birth_date: 'nksNgaySinh',
			sex: 'nksGioiTinh',
			personal_id: 'nksSoDinhDanh',
			birth_place: 'nksNoiSinh',
			father_name: 'chaHoTen',
			mother_name: 'meHoTen'
		});
	});
	it('maps the principal of other types and nothing for an unknown type', () => {
		expect(reconcileFieldMap('death').full_name).toBe('nktHoTen');
		expect(reconcileFieldMap('nope')).toEqual({});
	});
	it('keeps only non-empty values', () => {
		expect(entryToRecord('birth', { nksHoTen: ' An ', meHoTen: '', chaHoTen: 'Bình' })).toEqual({
			full_name: 'An',
			father_name: 'Bình'
		});
	});
});
