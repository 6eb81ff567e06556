import { describe, expect, it } from 'vitest';
import { FIELD_KEYS, generateEntries, type RegisterType } from './entries';
import { checkPersonalId, compareDates, type SimpleDate } from './people';
import { generateResidents } from './residents';

function parseDate(s: string): SimpleDate {
	const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s);
	if (!m) throw new Error(`not dd/MM/yyyy: ${s}`);
	const d = { d: Number(m[1]), m: Number(m[2]), y: Number(m[3]) };
	const t = new Date(Date.UTC(d.y, d.m - 1, d.d));
	expect(t.getUTCDate(), s).toBe(d.d);
	expect(t.getUTCMonth() + 1, s).toBe(d.m);
	return d;
}

const types: RegisterType[] = ['birth', 'death', 'marriage'];

describe('generateEntries', () => {
	it.each(types)('%s: same seed → same values; other seed → other values', (type) => {
		const a = generateEntries({ type, count: 8, year: 2012, bookNumber: 2, seed: 42 });
		const b = generateEntries({ type, count: 8, year: 2012, bookNumber: 2, seed: 42 });
		const c = generateEntries({ type, count: 8, year: 2012, bookNumber: 2, seed: 43 });
		expect(b).toEqual(a);
		expect(c.map((e) => e.fields)).not.toEqual(a.map((e) => e.fields));
	});

	it.each(types)('%s: every field key present, numbering and dates valid', (type) => {
		for (const year of [2005, 2019, 2026]) {
			const es = generateEntries({
				type,
				count: 40,
				year,
				bookNumber: 3,
				seed: year,
				minorityShare: 0.3
			});
			let prev: SimpleDate | undefined;
			es.forEach((e, i) => {
				expect(Object.keys(e.fields).sort()).toEqual([...FIELD_KEYS[type]].sort());
				expect(e.fields.so).toBe(`${String(i + 1).padStart(2, '0')}/${year}`);
				expect(e.fields.quyenSo).toBe(`03/${year}`);
				expect(e.fields.trangSo).toBe(String(1 + Math.floor(i / 5)));
				const reg = parseDate(e.fields.ngayDangKy!);
				expect(reg.y).toBe(year);
				if (prev) expect(compareDates(prev, reg)).toBeLessThanOrEqual(0);
				prev = reg;
				for (const [k, v] of Object.entries(e.fields)) {
					expect(v, k).toBe(v.normalize('NFC'));
					if (/HoTen$/.test(k) && k !== 'nguoiThucHien')
						expect(v, k).toBe(v.toLocaleUpperCase('vi'));
				}
				if (type === 'birth') {
					const birth = parseDate(e.fields.nksNgaySinh!);
					expect(compareDates(birth, reg)).toBeLessThanOrEqual(0);
					expect(e.fields.nksNgaySinhBangChu).toMatch(/^Ngày .+ Tháng .+ Năm .+$/);
				}
				if (type === 'death') {
					expect(compareDates(parseDate(e.fields.nktNgayChet!), reg)).toBeLessThanOrEqual(0);
				}
			});
		}
	});

	it('personal IDs agree with sex, birth year and registering province', () => {
		const es = generateEntries({
			type: 'birth',
			count: 60,
			year: 2020,
			bookNumber: 1,
			seed: 9,
			minorityShare: 0.4
		});
		for (const e of es) {
			const child = e.persons.child!;
			expect(e.fields.nksSoDinhDanh).toBe(child.personalId);
			expect(
				checkPersonalId(e.fields.nksSoDinhDanh!, child.sex, child.birth.y, e.place.provinceCode)
			).toEqual([]);
			expect(e.fields.nksGioiTinh).toBe(child.sex === 1 ? 'Nam' : 'Nữ');
		}
		// Before 2016 births carry no ID unless asked.
		const old = generateEntries({ type: 'birth', count: 10, year: 2008, bookNumber: 1, seed: 9 });
		expect(
			old.filter((e) => e.persons.child!.birth.y < 2016).every((e) => e.fields.nksSoDinhDanh === '')
		).toBe(true);
		const asked = generateEntries({
			type: 'birth',
			count: 10,
			year: 2008,
			bookNumber: 1,
			seed: 9,
			withIds: true
		});
		for (const e of asked) {
			const c = e.persons.child!;
			expect(checkPersonalId(e.fields.nksSoDinhDanh!, c.sex, c.birth.y)).toEqual([]);
		}
	});

	it("families are consistent: parents older, Kinh child takes the father's surname, mother differs", () => {
		const es = generateEntries({
			type: 'birth',
			count: 200,
			year: 2015,
			bookNumber: 1,
			seed: 5,
			minorityShare: 0.2
		});
		let kinh = 0;
		for (const e of es) {
			const { child, mother, father } = e.persons;
			expect(mother!.birth.y).toBeLessThan(child!.birth.y - 15);
			if (!father) continue;
			expect(father.birth.y).toBeLessThan(child!.birth.y - 17);
			expect(mother!.family).not.toBe(father.family);
			if (child!.ethnicity === 'Kinh') {
				kinh++;
				expect(child!.fullName.split(' ')[0]).toBe(father.fullName.split(' ')[0]);
			}
		}
		expect(kinh).toBeGreaterThan(100);
	});

	it('surname frequencies look Vietnamese and minorities follow the share', () => {
		const es = generateEntries({
			type: 'marriage',
			count: 1500,
			year: 2018,
			bookNumber: 1,
			seed: 11,
			minorityShare: 0.1
		});
		const kinh = es
			.flatMap((e) => [e.persons.husband!, e.persons.wife!])
			.filter((p) => p.ethnicity === 'Kinh');
		const nguyen = kinh.filter((p) => p.family === 'Nguyễn').length / kinh.length;
		expect(nguyen).toBeGreaterThan(0.32);
		expect(nguyen).toBeLessThan(0.44);
		const minority = es.filter((e) => e.persons.husband!.ethnicity !== 'Kinh').length / es.length;
		expect(minority).toBeGreaterThan(0.06);
		expect(minority).toBeLessThan(0.14);
	});

	it('uses historical three-level names before 2025 and two-level names after', () => {
		const old = generateEntries({ type: 'death', count: 3, year: 2005, bookNumber: 1, seed: 1 });
		expect(old[0]!.fields.noiDangKy).toMatch(
			/^(UBND|Ủy ban nhân dân) .+, .+, (tỉnh|thành phố) .+$/
		);
		const now = generateEntries({ type: 'death', count: 3, year: 2026, bookNumber: 1, seed: 1 });
		expect(now[0]!.fields.noiDangKy!.split(', ')).toHaveLength(2);
	});
});

describe('generateResidents', () => {
	it('contains the entry people with IDs and parents, plus homonyms; deterministic', () => {
		const entries = generateEntries({
			type: 'birth',
			count: 30,
			year: 2010,
			bookNumber: 1,
			seed: 3
		});
		const rs = generateResidents({ entries, seed: 3, missingShare: 0 });
		expect(generateResidents({ entries, seed: 3, missingShare: 0 })).toEqual(rs);
		const children = rs.filter((r) => r.truth?.role === 'child');
		expect(children).toHaveLength(30);
		for (const r of children) {
			const e = entries[r.truth!.entryIndex]!;
			expect(r.full_name.toLocaleUpperCase('vi')).toBe(e.fields.nksHoTen);
			expect(r.birth_date).toBe(e.fields.nksNgaySinh);
			expect(r.mother_name.toLocaleUpperCase('vi')).toBe(e.fields.meHoTen);
			expect(r.personal_id).toMatch(/^\d{12}$/);
		}
		expect(new Set(rs.map((r) => r.id)).size).toBe(rs.length);
		expect(rs.length).toBeGreaterThan(30 + 60);
	});
});
