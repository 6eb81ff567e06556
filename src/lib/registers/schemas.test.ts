import { describe, expect, it } from 'vitest';
import { codeLists } from './code-lists';
import { ethnicities, findEthnicity } from './ethnicities';
import { findNationality } from './nationalities';
import {
	fieldKeys,
	getRegisterSchema,
	isRegisterType,
	principalBirthDateKey,
	principalNameKey,
	principalSexKey,
	registerTypes
} from './schemas';

const HEADER = [
	'so',
	'quyenSo',
	'trangSo',
	'ngayDangKy',
	'loaiDangKy',
	'noiDangKy',
	'nguoiKy',
	'chucVuNguoiKy',
	'nguoiThucHien',
	'ghiChu'
];

describe('register schemas', () => {
	it('has nine types with unique export codes', () => {
		expect(registerTypes.map((t) => t.id)).toEqual([
			'birth',
			'death',
			'marriage',
			'recognition',
			'maritalStatus',
			'adoption',
			'guardianship',
			'change',
			'divorce'
		]);
		expect(registerTypes.map((t) => t.exportCode)).toEqual([
			'KS',
			'KT',
			'KH',
			'CMC',
			'HN',
			'NCN',
			'GH',
			'TD',
			'LH'
		]);
	});
	for (const t of registerTypes) {
		it(`${t.id}: header first, unique keys, principal fields present, code lists known`, () => {
			const schema = getRegisterSchema(t.id);
			const keys = schema.map((f) => f.key);
			expect(keys.slice(0, HEADER.length)).toEqual(HEADER);
			expect(new Set(keys).size).toBe(keys.length);
			expect(keys).toContain(principalNameKey(t.id));
			const birth = principalBirthDateKey(t.id);
			if (birth) expect(keys).toContain(birth);
			const sex = principalSexKey(t.id);
			if (sex) expect(keys).toContain(sex);
			for (const f of schema) {
				expect(f.label.vi && f.label.en, f.key).toBeTruthy();
				if (f.kind === 'code') expect(codeLists[f.codeList!], f.key).toBeDefined();
				if (f.sameDateAs) expect(keys).toContain(f.sameDateAs);
			}
		});
	}
	it('has the death and marriage fields of DOMAIN.md', () => {
		expect(fieldKeys('death')).toEqual(
			expect.arrayContaining([
				'nktHoTen',
				'nktNgayChet',
				'nktGioPhutChet',
				'nktNoiChet',
				'nktNguyenNhanChet',
				'gbtLoai',
				'gbtSo',
				'gbtNgay',
				'gbtCoQuanCap'
			])
		);
		expect(fieldKeys('marriage')).toEqual(
			expect.arrayContaining([
				'chongHoTen',
				'chongNgaySinh',
				'voHoTen',
				'voSoDinhDanhCaNhan',
				'tinhTrangKetHon'
			])
		);
	});
	it('knows its type ids', () => {
		expect(isRegisterType('birth')).toBe(true);
		expect(isRegisterType('KS')).toBe(false);
		expect(fieldKeys('nope')).toEqual([]);
	});
});

describe('code lists', () => {
	it('has the sizes DOMAIN.md gives', () => {
		const sizes = Object.fromEntries(
			Object.entries(codeLists).map(([k, v]) => [k, v.map((e) => e.code).join('')])
		);
		expect(sizes).toMatchObject({
			loaiDangKyKhaiSinh: '123456',
			loaiDangKyKetHon: '12',
			gioiTinh: '123',
			loaiGiayToTuyThan: '12345678',
			tuyenBo: '12',
			loaiKhaiSinh: '12345',
			loaiCuTru: '012',
			loaiGiayBaoTu: '01234567'
		});
	});
});

describe('ethnicities', () => {
	it('lists 54 groups with GSO codes, plus foreigners', () => {
		expect(ethnicities).toHaveLength(55);
		expect(ethnicities.map((e) => e.code)).toEqual(
			Array.from({ length: 55 }, (_, i) => String(i + 1).padStart(2, '0'))
		);
		expect(ethnicities[0]!.name).toBe('Kinh');
		expect(ethnicities[53]!.name).toBe('Ơ Đu');
		expect(new Set(ethnicities.map((e) => e.name)).size).toBe(55);
	});
	it.each([
		['Kinh', 'Kinh'],
		['KINH', 'Kinh'],
		['kinh ', 'Kinh'],
		['dân tộc Kinh', 'Kinh'],
		['Mông (Mèo)', 'Mông'],
		['Mèo', 'Mông'],
		["H'Mông", 'Mông'],
		['Dao (Mán)', 'Dao'],
		['Khơ Me (Thổ)', 'Khmer'],
		['Khơ-me', 'Khmer'],
		['Thổ', 'Thổ'],
		['Ê Đê', 'Ê Đê'],
		['Ê-đê', 'Ê Đê'],
		['Êđê', 'Ê Đê'],
		['Ba Na', 'Ba Na'],
		['Bahnar', 'Ba Na'],
		['Gia Rai', 'Gia Rai'],
		['Jrai', 'Gia Rai'],
		['Xơ-đăng', 'Xơ Đăng'],
		['Bru-Vân Kiều', 'Bru Vân Kiều'],
		['M’Nông', 'Mnông'],
		['Ơ-đu', 'Ơ Đu'],
		['01', 'Kinh'],
		['Người nước ngoài', 'Người nước ngoài']
	])('%s → %s', (text, name) => expect(findEthnicity(text)?.name).toBe(name));
	it('returns null for what it does not know', () => {
		expect(findEthnicity('Martian')).toBeNull();
		expect(findEthnicity('')).toBeNull();
	});
});

describe('nationalities', () => {
	it.each([
		['Việt Nam', 'Việt Nam'],
		['VIỆT NAM', 'Việt Nam'],
		['Viet Nam', 'Việt Nam'],
		['Nhật Bản ', 'Nhật Bản'],
		['Mỹ', 'Hoa Kỳ']
	])('%s → %s', (t, n) => expect(findNationality(t)).toBe(n));
	it('does not guess', () => expect(findNationality('Atlantis')).toBeNull());
});
