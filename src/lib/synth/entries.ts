import { dateToWords } from './number-words';
import {
	ETHNICITIES,
	addDays,
	compareDates,
	formatDate,
	makeFamily,
	makePerson,
	pad2,
	randomDateInYear,
	upper,
	type Ethnicity,
	type Person,
	type SimpleDate
} from './people';
import {
	formatBirthPlace,
	formatPlace,
	formatProvince,
	formatRegistrar,
	pickPlace,
	placesForYear,
	type Place
} from './places';
import { Rng } from './rng';

export type RegisterType = 'birth' | 'death' | 'marriage';

/** Keys every entry carries (MOJ "DL Import" names). */
export const COMMON_KEYS = [
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
] as const;

const PARENT_SUFFIXES = [
	'HoTen',
	'NgaySinh',
	'DanToc',
	'QuocTich',
	'LoaiCuTru',
	'NoiCuTru',
	'LoaiGiayToTuyThan',
	'SoGiayToTuyThan',
	'SoDinhDanhCaNhan'
] as const;

export const FIELD_KEYS: Record<RegisterType, readonly string[]> = {
	birth: [
		...COMMON_KEYS,
		'nksSoDinhDanh',
		'nksHoTen',
		'nksGioiTinh',
		'nksNgaySinh',
		'nksNgaySinhBangChu',
		'nksNoiSinh',
		'nksQueQuan',
		'nksDanToc',
		'nksQuocTich',
		'nksLoaiKhaiSinh',
		...PARENT_SUFFIXES.map((s) => `me${s}`),
		...PARENT_SUFFIXES.map((s) => `cha${s}`),
		'nycHoTen',
		'nycQuanHe',
		'nycLoaiGiayToTuyThan',
		'nycSoGiayToTuyThan'
	],
	death: [
		...COMMON_KEYS,
		'nktHoTen',
		'nktGioiTinh',
		'nktNgaySinh',
		'nktDanToc',
		'nktQuocTich',
		'nktSoDinhDanh',
		'nktNoiCuTru',
		'nktLoaiGiayToTuyThan',
		'nktSoGiayToTuyThan',
		'nktNgayChet',
		'nktGioPhutChet',
		'nktNoiChet',
		'nktNguyenNhanChet',
		'gbtLoai',
		'gbtSo',
		'gbtNgay',
		'gbtCoQuanCap',
		'nycHoTen',
		'nycQuanHe'
	],
	marriage: [
		...COMMON_KEYS,
		...[
			'HoTen',
			'NgaySinh',
			'DanToc',
			'QuocTich',
			'NoiCuTru',
			'LoaiGiayToTuyThan',
			'SoGiayToTuyThan',
			'SoDinhDanh'
		].flatMap((s) => [`chong${s}`, `vo${s}`]),
		'tinhTrangKetHon'
	]
};

export type PersonRole =
	'child' | 'mother' | 'father' | 'requester' | 'deceased' | 'husband' | 'wife';

export interface SynthEntry {
	type: RegisterType;
	/** 0-based position in the generated run. */
	index: number;
	/** Every key of FIELD_KEYS[type], written as the register writes it ('' when blank). */
	fields: Record<string, string>;
	/** The people behind the entry, for resident extracts and matching ground truth. */
	persons: Partial<Record<PersonRole, Person>>;
	/** The registering commune. */
	place: Place;
}

export interface GenerateEntriesOptions {
	type: RegisterType;
	count: number;
	/** Registration year; `so` restarts at 01 each year. */
	year: number;
	bookNumber: number;
	seed: number | string;
	/** Share of entries for ethnic-minority people (default 0.1). */
	minorityShare?: number;
	/** Registering commune; chosen from the period's places by the seed when absent. */
	place?: Place;
	/** Entries per page, to fill `trangSo` (default 5, the table templates' row count). */
	entriesPerPage?: number;
	firstPage?: number;
	/** First `so` (default 1). */
	firstNumber?: number;
	/** Child IDs for births before 2016 too. */
	withIds?: boolean;
}

const GENDER = { 1: 'Nam', 2: 'Nữ' } as const;

/** "07/1985" style year-only or full date, as books write parents' and the deceased's births. */
function writtenBirth(rng: Rng, p: Person, yearOnlyShare: number): string {
	return rng.chance(yearOnlyShare) ? String(p.birth.y) : formatDate(p.birth);
}

interface IdDoc {
	kind: string;
	number: string;
}

/** CCCD (4) where the person has a personal ID and the registration is from 2016, else CMND (1). */
function idDocument(p: Person | undefined, year: number): IdDoc {
	if (!p) return { kind: '', number: '' };
	if (p.personalId && year >= 2016) return { kind: '4', number: p.personalId };
	if (p.cmnd) return { kind: '1', number: p.cmnd };
	return { kind: '', number: '' };
}

function pickEthnicity(rng: Rng, place: Place, minorityShare: number): Ethnicity {
	if (!rng.chance(minorityShare)) return 'Kinh';
	const local = (place.ethnicities ?? []).filter((e) => e !== 'Kinh');
	return local.length > 0 ? rng.pick(local) : rng.pick(ETHNICITIES.filter((e) => e !== 'Kinh'));
}

function pickBookPlace(rng: Rng, year: number, minorityShare: number): Place {
	const all = placesForYear(year);
	if (minorityShare >= 0.3) {
		const minority = all.filter((p) => p.ethnicities?.some((e) => e !== 'Kinh'));
		if (minority.length > 0) return rng.pick(minority);
	}
	return rng.pick(all);
}

function officerName(rng: Rng, year: number): string {
	return makePerson(rng, { birthYear: year - rng.int(25, 50), asOfYear: year }).fullName;
}

/** Sorted registration dates spread over the year (later entries, later dates). */
function registrationDates(rng: Rng, year: number, count: number): SimpleDate[] {
	const dates = Array.from({ length: count }, () => randomDateInYear(rng, year));
	return dates.sort(compareDates);
}

function numberWithYear(n: number, year: number): string {
	return `${pad2(n)}/${year}`;
}

const NOTES_BIRTH = [
	'Đăng ký lại',
	'Đã cấp bản sao',
	'Cải chính họ, chữ đệm, tên theo Quyết định số 12/QĐ-UBND',
	'Bổ sung ngày, tháng sinh',
	'Ghi chú việc nhận cha'
];
const NOTES_DEATH = ['Đăng ký lại', 'Đã cấp trích lục', 'Khai tử quá hạn'];
const NOTES_MARRIAGE = [
	'Đăng ký lại',
	'Đã cấp bản sao',
	'Đã ly hôn theo Bản án số 25/2019/HNGĐ-ST'
];

const CAUSES = [
	'Bệnh già',
	'Tai nạn giao thông',
	'Ung thư phổi',
	'Đột quỵ',
	'Suy tim',
	'Xơ gan',
	'Tai biến mạch máu não',
	'Ung thư gan',
	'Đuối nước'
];

export function generateEntries(o: GenerateEntriesOptions): SynthEntry[] {
	const root = new Rng(`${o.seed}:${o.type}:${o.year}:${o.bookNumber}`);
	const bookRng = root.fork('book');
	const minorityShare = o.minorityShare ?? 0.1;
	const place = o.place ?? pickBookPlace(bookRng, o.year, minorityShare);
	const officers = [officerName(bookRng, o.year), officerName(bookRng, o.year)];
	const signer = officerName(bookRng, o.year);
	const signerTitle = bookRng.pick(['Chủ tịch UBND', 'Phó Chủ tịch UBND']);
	const longRegistrar = bookRng.chance(0.2);
	const dates = registrationDates(root.fork('dates'), o.year, o.count);
	const perPage = o.entriesPerPage ?? 5;
	const firstNumber = o.firstNumber ?? 1;

	return dates.map((regDate, i) => {
		const rng = root.fork(`entry:${i}`);
		const fields: Record<string, string> = Object.fromEntries(
			FIELD_KEYS[o.type].map((k) => [k, ''])
		);
		Object.assign(fields, {
			so: numberWithYear(firstNumber + i, o.year),
			quyenSo: numberWithYear(o.bookNumber, o.year),
			trangSo: String((o.firstPage ?? 1) + Math.floor(i / perPage)),
			ngayDangKy: formatDate(regDate),
			loaiDangKy: '1',
			noiDangKy: formatRegistrar(place, longRegistrar),
			nguoiKy: signer,
			chucVuNguoiKy: signerTitle,
			nguoiThucHien: officers[i % 7 === 6 ? 1 : 0]!
		});
		const ethnicity = pickEthnicity(rng, place, minorityShare);
		const common = { o, rng, fields, place, regDate, ethnicity, index: i };
		const persons =
			o.type === 'birth'
				? fillBirth(common)
				: o.type === 'death'
					? fillDeath(common)
					: fillMarriage(common);
		return { type: o.type, index: i, fields, persons, place };
	});
}

interface FillContext {
	o: GenerateEntriesOptions;
	rng: Rng;
	fields: Record<string, string>;
	place: Place;
	regDate: SimpleDate;
	ethnicity: Ethnicity;
	index: number;
}

function residenceOf(rng: Rng, local: Place, year: number, ethnicity: Ethnicity): Place {
	return rng.chance(0.85) ? local : pickPlace(rng, year, ethnicity);
}

function fillBirth(c: FillContext): Partial<Record<PersonRole, Person>> {
	const { rng, fields, regDate, o } = c;
	const kind = rng.weighted([
		['onTime', 92],
		['late', 5],
		['again', 3]
	] as const);
	let birth = addDays(regDate, -rng.int(1, 58));
	if (kind === 'late') birth = addDays(regDate, -rng.int(70, 3000));
	if (kind === 'again') birth = addDays(regDate, -rng.int(3000, 15000));
	const withFather = rng.chance(0.95);
	const residence = residenceOf(rng, c.place, o.year, c.ethnicity);
	const { child, mother, father } = makeFamily(rng, {
		childBirth: birth,
		ethnicity: c.ethnicity,
		residence,
		registrationPlace: c.place,
		asOfYear: o.year,
		withFather,
		childId: o.withIds
	});
	fields.loaiDangKy = kind === 'late' ? '4' : kind === 'again' ? '2' : '1';
	const birthPlaceText = formatBirthPlace(rng, residence);
	Object.assign(fields, {
		nksSoDinhDanh: child.personalId ?? '',
		nksHoTen: upper(child.fullName),
		nksGioiTinh: GENDER[child.sex],
		nksNgaySinh: formatDate(birth),
		nksNgaySinhBangChu: dateToWords(birth.d, birth.m, birth.y, { short: rng.chance(0.15) }),
		nksNoiSinh: birthPlaceText,
		nksQueQuan: rng.chance(0.5)
			? formatProvince(child.nativePlace)
			: formatPlace(child.nativePlace),
		nksDanToc: child.ethnicityWritten,
		nksQuocTich: 'Việt Nam',
		nksLoaiKhaiSinh: withFather ? '1' : '3'
	});
	const yearOnly = o.year < 2010 ? 0.35 : 0.1;
	for (const [prefix, p] of [
		['me', mother],
		['cha', father]
	] as const) {
		if (!p) continue;
		const doc = idDocument(p, o.year);
		Object.assign(fields, {
			[`${prefix}HoTen`]: upper(p.fullName),
			[`${prefix}NgaySinh`]: writtenBirth(rng, p, yearOnly),
			[`${prefix}DanToc`]: p.ethnicityWritten,
			[`${prefix}QuocTich`]: 'Việt Nam',
			[`${prefix}LoaiCuTru`]: '1',
			[`${prefix}NoiCuTru`]: formatPlace(p.residence),
			[`${prefix}LoaiGiayToTuyThan`]: doc.kind,
			[`${prefix}SoGiayToTuyThan`]: doc.number,
			[`${prefix}SoDinhDanhCaNhan`]: o.year >= 2016 ? (p.personalId ?? '') : ''
		});
	}
	const who = rng.weighted([
		['father', father ? 6 : 0],
		['mother', 3],
		['grand', 1]
	] as const);
	let requester: Person;
	let relation: string;
	if (who === 'father' && father) {
		requester = father;
		relation = 'Cha';
	} else if (who === 'mother') {
		requester = mother;
		relation = 'Mẹ';
	} else {
		const paternal = !!father && rng.chance(0.6);
		const sex = rng.chance(0.5) ? 1 : 2;
		requester = makePerson(rng, {
			sex,
			birthYear: birth.y - rng.int(45, 65),
			ethnicity: c.ethnicity,
			family: paternal && sex === 1 && c.ethnicity === 'Kinh' ? father!.family : undefined,
			residence,
			asOfYear: o.year
		});
		relation = `${sex === 1 ? 'Ông' : 'Bà'} ${paternal ? 'nội' : 'ngoại'}`;
	}
	const doc = idDocument(requester, o.year);
	Object.assign(fields, {
		nycHoTen: upper(requester.fullName),
		nycQuanHe: relation,
		nycLoaiGiayToTuyThan: doc.kind,
		nycSoGiayToTuyThan: doc.number
	});
	if (kind === 'again') fields.ghiChu = 'Đăng ký lại';
	else if (rng.chance(0.1)) fields.ghiChu = rng.pick(NOTES_BIRTH.slice(1));
	return father ? { child, mother, father, requester } : { child, mother, requester };
}

function fillDeath(c: FillContext): Partial<Record<PersonRole, Person>> {
	const { rng, fields, regDate, o } = c;
	const deathDate = addDays(regDate, -rng.int(0, 14));
	const age = Math.round(Math.min(101, Math.max(0, rng.gauss(71, 15))));
	const residence = residenceOf(rng, c.place, o.year, c.ethnicity);
	const deceased = makePerson(rng, {
		birthYear: deathDate.y - age,
		ethnicity: c.ethnicity,
		residence,
		asOfYear: o.year,
		withId: o.year >= 2016 && rng.chance(0.8)
	});
	if (compareDates(deceased.birth, deathDate) > 0)
		deceased.birth = addDays(deathDate, -rng.int(1, 200));
	const doc = idDocument(deceased, o.year);
	const atHome = rng.chance(0.55);
	const place = formatPlace(residence);
	Object.assign(fields, {
		nktHoTen: upper(deceased.fullName),
		nktGioiTinh: GENDER[deceased.sex],
		nktNgaySinh: writtenBirth(rng, deceased, deceased.birth.y < 1960 ? 0.5 : 0.15),
		nktDanToc: deceased.ethnicityWritten,
		nktQuocTich: 'Việt Nam',
		nktSoDinhDanh: o.year >= 2016 ? (deceased.personalId ?? '') : '',
		nktNoiCuTru: place,
		nktLoaiGiayToTuyThan: doc.kind,
		nktSoGiayToTuyThan: doc.number,
		nktNgayChet: formatDate(deathDate),
		nktGioPhutChet: rng.chance(0.65)
			? `${pad2(rng.int(0, 23))} giờ ${pad2(rng.int(0, 59))} phút`
			: '',
		nktNoiChet: atHome ? `Tại nhà, ${place}` : `Bệnh viện Đa khoa ${residence.province}`,
		nktNguyenNhanChet: rng.chance(0.6) ? rng.pick(CAUSES) : '',
		gbtLoai: '0',
		gbtSo: `${rng.int(1, 250)}/GBT`,
		gbtNgay: formatDate(
			addDays(deathDate, rng.int(0, compareDates(regDate, deathDate) === 0 ? 0 : 1))
		),
		gbtCoQuanCap: atHome ? formatRegistrar(c.place) : `Bệnh viện Đa khoa ${residence.province}`
	});
	const kin = rng.weighted([
		['Con', 6],
		[deceased.sex === 1 ? 'Vợ' : 'Chồng', 3],
		['Cháu', 1]
	] as const);
	const requester = makePerson(rng, {
		sex: kin === 'Vợ' ? 2 : kin === 'Chồng' ? 1 : rng.chance(0.6) ? 1 : 2,
		birthYear:
			kin === 'Con'
				? deceased.birth.y + rng.int(20, 35)
				: kin === 'Cháu'
					? deceased.birth.y + rng.int(40, 60)
					: deceased.birth.y + rng.int(-5, 5),
		ethnicity: c.ethnicity,
		family:
			kin !== 'Vợ' && kin !== 'Chồng' && c.ethnicity === 'Kinh' && deceased.sex === 1
				? deceased.family
				: undefined,
		residence,
		asOfYear: o.year
	});
	fields.nycHoTen = upper(requester.fullName);
	fields.nycQuanHe = kin;
	if (rng.chance(0.08)) fields.ghiChu = rng.pick(NOTES_DEATH);
	return { deceased, requester };
}

function fillMarriage(c: FillContext): Partial<Record<PersonRole, Person>> {
	const { rng, fields, regDate, o } = c;
	const husbandAge = Math.round(Math.min(55, Math.max(20, rng.gauss(27, 4))));
	const wifeAge = Math.round(Math.min(50, Math.max(18, husbandAge - rng.gauss(3, 3))));
	const common = { ethnicity: c.ethnicity, asOfYear: o.year, withId: o.year >= 2016 };
	const husband = makePerson(rng, {
		...common,
		sex: 1,
		birthYear: regDate.y - husbandAge,
		residence: residenceOf(rng, c.place, o.year, c.ethnicity)
	});
	const wife = makePerson(rng, {
		...common,
		sex: 2,
		birthYear: regDate.y - wifeAge,
		avoidFamily: husband.family,
		ethnicity: rng.chance(0.9) ? c.ethnicity : 'Kinh',
		residence: residenceOf(rng, c.place, o.year, c.ethnicity)
	});
	for (const [prefix, p] of [
		['chong', husband],
		['vo', wife]
	] as const) {
		const doc = idDocument(p, o.year);
		Object.assign(fields, {
			[`${prefix}HoTen`]: upper(p.fullName),
			[`${prefix}NgaySinh`]: formatDate(p.birth),
			[`${prefix}DanToc`]: p.ethnicityWritten,
			[`${prefix}QuocTich`]: 'Việt Nam',
			[`${prefix}NoiCuTru`]: formatPlace(p.residence),
			[`${prefix}LoaiGiayToTuyThan`]: doc.kind,
			[`${prefix}SoGiayToTuyThan`]: doc.number,
			[`${prefix}SoDinhDanh`]: o.year >= 2016 ? (p.personalId ?? '') : ''
		});
	}
	if (rng.chance(0.08)) fields.ghiChu = rng.pick(NOTES_MARRIAGE);
	return { husband, wife };
}
