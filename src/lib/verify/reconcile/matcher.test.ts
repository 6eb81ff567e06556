import { describe, expect, it } from 'vitest';
import { ResidentIndexBuilder, type ResidentRecord } from './resident-index';
import { Matcher, defaultWeights, mergeCandidates } from './matcher';
import { parseName } from './fields';

const residents: ResidentRecord[] = [
	{
		id: 'R1',
		full_name: 'Nguyễn Thị Hương',
		birth_date: '12/03/1990',
		sex: 'Nữ',
		father_name: 'Nguyễn Văn Bình',
		mother_name: 'Trần Thị Lan',
		birth_place: 'Phường Tân Lập, Tỉnh Đắk Lắk',
		personal_id: '066190000111'
	},
	// A homonym: same name, same year, other parents.
	{
		id: 'R2',
		full_name: 'Nguyễn Thị Hương',
		birth_date: '30/11/1990',
		sex: 'Nữ',
		father_name: 'Nguyễn Văn Tâm',
		mother_name: 'Lê Thị Hoa',
		birth_place: 'Phường Buôn Ma Thuột, Tỉnh Đắk Lắk',
		personal_id: '066190000222'
	},
	{
		id: 'R3',
		full_name: 'Y Ngông Niê Kdăm',
		birth_date: '1985',
		sex: 'Nam',
		mother_name: "H'Nhi Niê Kdăm",
		personal_id: '066085000333'
	},
	{
		id: 'R4',
		full_name: 'Quách Văn Khải',
		birth_date: '05/06/1975',
		sex: 'Nam',
		mother_name: 'Đỗ Thị Nụ'
	}
];
// Many unrelated people so term frequencies mean something.
const given = ['An', 'Bình', 'Cường', 'Dũng', 'Hải', 'Hùng', 'Lan', 'Mai', 'Nam', 'Tuấn'];
for (let i = 0; i < 400; i++) {
	residents.push({
		id: `F${i}`,
		full_name: `${i % 3 ? 'Nguyễn' : 'Trần'} Văn ${given[i % given.length]}`,
		birth_date: `01/01/${1950 + (i % 60)}`,
		sex: 'Nam',
		mother_name: `Lê Thị ${given[(i * 7) % given.length]}`
	});
}

function matcher() {
	const b = new ResidentIndexBuilder();
	for (const r of residents) b.add(r);
	expect(b.add({ id: 'X', full_name: '   ' })).toBe(false);
	return new Matcher(b.build());
}
const m = matcher();

describe('Matcher', () => {
	it('links the person despite slips: NFD, upper case, tones off, no middle name, swapped date', () => {
		const variants = [
			{ full_name: 'NGUYỄN THỊ HƯƠNG'.normalize('NFD'), birth_date: '12/03/1990' },
			{ full_name: 'Nguyen Thi Huong', birth_date: '03/12/1990' },
			{ full_name: 'Nguyễn Hương', birth_date: '12/03/1990' }
		];
		for (const v of variants) {
			const [top] = m.match({ ...v, mother_name: 'Trần Thị Lan', sex: 'Nữ' });
			expect(top?.residentId).toBe('R1');
			expect(top?.match).toBe(true);
		}
	});

	it('finds the person by personal ID when the name is wrong', () => {
		const [top] = m.match({ full_name: 'Nguyễn Thị Hường', personal_id: '066 190 000 111' });
		expect(top?.residentId).toBe('R1');
		expect(top?.agreements.personal_id).toBe('agree');
	});

	it('never links homonyms on name and year alone', () => {
		const c = m.match({ full_name: 'Nguyễn Thị Hương', birth_date: '1990', sex: 'Nữ' });
		expect(c.map((x) => x.residentId).sort()).toEqual(['R1', 'R2']);
		expect(c.some((x) => x.match)).toBe(false);
	});

	it('distinguishing fields (the parents) link the right homonym', () => {
		const [top, second] = m.match({
			full_name: 'Nguyễn Thị Hương',
			birth_date: '1990',
			mother_name: 'Lê Thị Hoa',
			father_name: 'Nguyễn Văn Tâm'
		});
		expect(top?.residentId).toBe('R2');
		expect(top?.match).toBe(true);
		expect(second?.match).toBe(false);
		expect(top?.agreements).toMatchObject({
			full_name: 'exact',
			birth_date: 'partial',
			mother_name: 'exact'
		});
	});

	it('matches Ê Đê names with the clan last, the year off by one', () => {
		const [top] = m.match({
			full_name: 'Y NGÔNG NIÊ KDĂM',
			birth_date: '1986',
			mother_name: "H'Nhi Niê Kdăm"
		});
		expect(top?.residentId).toBe('R3');
		expect(top?.agreements.birth_date).toBe('yearOff1');
	});

	it('does not link someone absent from the extract to a namesake', () => {
		const c = m.match({
			full_name: 'Nguyễn Văn An',
			birth_date: '01/01/1950',
			mother_name: 'Phạm Thị Xuân',
			father_name: 'Nguyễn Văn Sáu'
		});
		expect(c.some((x) => x.match)).toBe(false);
	});

	it('rare surnames weigh more than Nguyễn', () => {
		const rare = m.match({ full_name: 'Quách Văn Khải', birth_date: '1975' })[0]!;
		const common = m.match({ full_name: 'Nguyễn Văn Bình', birth_date: '1951' })[0]!;
		expect(rare.residentId).toBe('R4');
		expect(rare.weight).toBeGreaterThan(common.weight);
	});

	it('scores are in [0, 1], best first, at most `top`', () => {
		const c = m.match({ full_name: 'Nguyễn Văn An' }, 3);
		expect(c.length).toBeLessThanOrEqual(3);
		for (const x of c) expect(x.score).toBeGreaterThanOrEqual(0);
		for (const x of c) expect(x.score).toBeLessThanOrEqual(1);
		for (let i = 1; i < c.length; i++) expect(c[i]!.weight).toBeLessThanOrEqual(c[i - 1]!.weight);
	});

	it('never blocks on the surname alone, and caps blocks', () => {
		const capped = new Matcher(m.index, { blockCap: 10 });
		// 'Nguyễn Văn An' with no year: surname+given is a block of ~27, over the cap of 10.
		expect(
			capped.candidates({
				...emptyEntry,
				name: parseName('Nguyễn Văn An')
			})
		).toEqual([]);
	});

	it('weights are versioned data', () => {
		expect(defaultWeights.version).toBe(1);
		expect(m.weightsVersion).toBe(1);
	});
});

const emptyEntry = {
	name: null,
	date: null,
	sex: 0 as const,
	pid: null,
	father: null,
	mother: null,
	place: null
};

describe('mergeCandidates', () => {
	it('ranks candidates of several extracts together and links only with a lead over all', () => {
		const province = new ResidentIndexBuilder();
		province.add({
			id: 'P1',
			full_name: 'Nguyễn Thị Hương',
			birth_date: '12/03/1990',
			sex: 'Nữ',
			mother_name: 'Trần Thị Lan'
		});
		const pm = new Matcher(province.build());
		const entry = {
			full_name: 'Nguyễn Thị Hương',
			birth_date: '12/03/1990',
			mother_name: 'Trần Thị Lan',
			sex: 'Nữ'
		};
		const alone = m.match(entry);
		expect(alone[0]).toMatchObject({ residentId: 'R1', match: true });
		// The same person in the province's extract too: two equal candidates, no safe link.
		const merged = mergeCandidates([m.match(entry), pm.match(entry)], 5);
		expect(
			merged
				.map((c) => c.residentId)
				.slice(0, 2)
				.sort()
		).toEqual(['P1', 'R1']);
		expect(merged.some((c) => c.match)).toBe(false);
		expect(mergeCandidates([m.match(entry), []], 5)[0]).toMatchObject({
			residentId: 'R1',
			match: true
		});
	});
});
