import { describe, expect, it } from 'vitest';
import { differences, fillable, SHOWN_FIELDS, type CandidateShown } from './reconcile-client';
import { hasMessage } from '../../i18n/index';

const fieldMap = {
	full_name: 'nksHoTen',
	birth_date: 'nksNgaySinh',
	personal_id: 'nksSoDinhDanh',
	father_name: 'chaHoTen',
	mother_name: 'meHoTen',
	birth_place: 'nksNoiSinh'
};
const resident = {
	full_name: 'Nguyễn Thị Hương',
	birth_date: '12/03/2008',
	sex: 'Nữ',
	birth_place: 'Phường Tân Lập, tỉnh Đắk Lắk',
	native_place: null,
	father_name: 'Nguyễn Văn Bình',
	mother_name: 'Trần Thị Lan',
	residence: null,
	personal_id: '066308000111'
};
const candidate: CandidateShown = {
	residentId: 'r1',
	score: 0.99,
	match: true,
	agreements: {
		full_name: 'folded',
		birth_date: 'swapped',
		sex: 'agree',
		personal_id: 'missing',
		father_name: 'missing',
		mother_name: 'exact',
		birth_place: 'missing'
	},
	resident
};

describe('differences', () => {
	it('lists the fields where book and extract differ, with both values', () => {
		const fields = {
			nksHoTen: 'NGUYEN THI HUONG',
			nksNgaySinh: '03/12/2008',
			meHoTen: 'TRẦN THỊ LAN'
		};
		expect(differences(candidate, fieldMap, fields)).toEqual([
			{ key: 'full_name', book: 'NGUYEN THI HUONG', extract: 'Nguyễn Thị Hương' },
			{ key: 'birth_date', book: '03/12/2008', extract: '12/03/2008' }
		]);
	});
});

describe('fillable', () => {
	it('offers only the empty ID, parent and place fields', () => {
		expect(
			fillable(resident, fieldMap, { nksHoTen: 'X', meHoTen: 'TRẦN THỊ LAN', chaHoTen: ' ' })
		).toEqual({
			nksSoDinhDanh: '066308000111',
			chaHoTen: 'Nguyễn Văn Bình',
			nksNoiSinh: 'Phường Tân Lập, tỉnh Đắk Lắk'
		});
	});
});

describe('labels', () => {
	it('has a message for every field and every agreement level', () => {
		const levels = [
			'exact',
			'agree',
			'folded',
			'noMiddle',
			'close',
			'givenOnly',
			'partial',
			'swapped',
			'sameYear',
			'yearOff1',
			'sameUnit',
			'sameProvince',
			'differ',
			'missing'
		];
		for (const f of SHOWN_FIELDS) expect(hasMessage(`reconcile.field.${f}`), f).toBe(true);
		for (const l of levels) expect(hasMessage(`reconcile.level.${l}`), l).toBe(true);
		for (const d of ['linked', 'absent', 'undecided'])
			expect(hasMessage(`reconcile.decision.${d}`)).toBe(true);
	});
});
