import {
	EDE,
	ETHNICITY_ALIASES,
	HMONG,
	JRAI,
	KHMER,
	KINH_GIVEN_FEMALE,
	KINH_GIVEN_MALE,
	KINH_MIDDLE_FEMALE,
	KINH_MIDDLE_MALE,
	KINH_SURNAMES,
	THAI,
	type Ethnicity
} from './names-data';
import { pickPlace, type Place } from './places';
import type { Rng } from './rng';

export type { Ethnicity } from './names-data';

/** 1 Nam (male), 2 Nữ (female): the MOJ template's codes. */
export type Sex = 1 | 2;

export interface SimpleDate {
	y: number;
	m: number;
	d: number;
}

export interface Person {
	/** Stable synthetic id, unique within one generator run. */
	pid: string;
	/** As people write it, title case with diacritics (registers upper-case it). */
	fullName: string;
	/** The family or clan part that children inherit (Kinh: surname; Ê Đê/Jrai: mother's clan). */
	family: string;
	sex: Sex;
	birth: SimpleDate;
	ethnicity: Ethnicity;
	/** How a clerk wrote the ethnicity (sometimes an old alias such as "Mông (Mèo)"). */
	ethnicityWritten: string;
	nationality: string;
	birthPlace: Place;
	nativePlace: Place;
	residence: Place;
	/** 12-digit personal ID (PPP G YY NNNNNN), when the person has one. */
	personalId?: string;
	/** Old 9-digit identity card (CMND), for adults documented before CCCD. */
	cmnd?: string;
	fatherName?: string;
	motherName?: string;
}

export const ETHNICITIES: readonly Ethnicity[] = [
	'Kinh',
	'Ê Đê',
	'Gia Rai',
	'Thái',
	'Mông',
	'Khmer'
];

/** Ethnic groups whose children take the mother's clan name. */
const MATRILINEAL: readonly Ethnicity[] = ['Ê Đê', 'Gia Rai'];

export function pad2(n: number): string {
	return String(n).padStart(2, '0');
}

export function formatDate(d: SimpleDate): string {
	return `${pad2(d.d)}/${pad2(d.m)}/${d.y}`;
}

export function daysInMonth(y: number, m: number): number {
	return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function addDays(d: SimpleDate, days: number): SimpleDate {
	const t = new Date(Date.UTC(d.y, d.m - 1, d.d) + days * 86_400_000);
	return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function compareDates(a: SimpleDate, b: SimpleDate): number {
	return a.y - b.y || a.m - b.m || a.d - b.d;
}

export function randomDateInYear(rng: Rng, y: number): SimpleDate {
	const m = rng.int(1, 12);
	return { y, m, d: rng.int(1, daysInMonth(y, m)) };
}

/** Century-and-sex digit of the personal ID: 0/1 for 1900–1999, 2/3 for 2000–2099, … */
export function centurySexDigit(year: number, sex: Sex): number {
	return Math.floor((year - 1900) / 100) * 2 + (sex === 2 ? 1 : 0);
}

/** 12-digit personal ID: "0" + province statistics code, century/sex digit, YY, six random digits. */
export function makePersonalId(rng: Rng, provinceCode: string, sex: Sex, year: number): string {
	return `0${provinceCode.padStart(2, '0')}${centurySexDigit(year, sex)}${pad2(year % 100)}${rng.digits(6)}`;
}

/** Checks an ID against sex, year and (optionally) province; returns the mismatching parts. */
export function checkPersonalId(
	id: string,
	sex: Sex,
	year: number,
	provinceCode?: string
): string[] {
	const problems: string[] = [];
	if (!/^\d{12}$/.test(id)) return ['format'];
	if (provinceCode && id.slice(0, 3) !== `0${provinceCode.padStart(2, '0')}`)
		problems.push('province');
	if (Number(id[3]) !== centurySexDigit(year, sex)) problems.push('centurySex');
	if (id.slice(4, 6) !== pad2(year % 100)) problems.push('year');
	return problems;
}

function weightedByEra(
	rng: Rng,
	rows: readonly (readonly [string, number, number])[],
	year: number
): string {
	const modern = year >= 1990;
	return rng.weighted(rows.map(([v, old, young]) => [v, modern ? young : old] as const));
}

export interface NameParts {
	fullName: string;
	family: string;
}

/** A name for one person of `ethnicity`. `family` forces the inherited part (surname or clan). */
export function makeName(
	rng: Rng,
	ethnicity: Ethnicity,
	sex: Sex,
	birthYear: number,
	family?: string
): NameParts {
	const male = sex === 1;
	switch (ethnicity) {
		case 'Ê Đê': {
			const clan = family ?? rng.pick(EDE.clans);
			const given = rng.pick(male ? EDE.givenMale : EDE.givenFemale);
			return { fullName: male ? `Y ${given} ${clan}` : `H'${given} ${clan}`, family: clan };
		}
		case 'Gia Rai': {
			const clan = family ?? rng.pick(JRAI.clans);
			return {
				fullName: `${clan} ${rng.pick(male ? JRAI.givenMale : JRAI.givenFemale)}`,
				family: clan
			};
		}
		case 'Thái': {
			const s = family ?? rng.pick(THAI.surnames);
			const mid = male ? 'Văn' : 'Thị';
			return {
				fullName: `${s} ${mid} ${rng.pick(male ? THAI.givenMale : THAI.givenFemale)}`,
				family: s
			};
		}
		case 'Mông': {
			const s = family ?? rng.pick(HMONG.surnames);
			const mid = male ? (rng.chance(0.75) ? 'A' : 'Văn') : rng.chance(0.85) ? 'Thị' : 'Mí';
			return {
				fullName: `${s} ${mid} ${rng.pick(male ? HMONG.givenMale : HMONG.givenFemale)}`,
				family: s
			};
		}
		case 'Khmer': {
			const s =
				family ?? rng.pick(male ? KHMER.surnames : KHMER.surnames.filter((x) => x !== 'Chau'));
			return {
				fullName: `${s} ${rng.pick(male ? KHMER.givenMale : KHMER.givenFemale)}`,
				family: s
			};
		}
		default: {
			const s = family ?? rng.weighted(KINH_SURNAMES);
			const middles = male ? KINH_MIDDLE_MALE : KINH_MIDDLE_FEMALE;
			let middle = weightedByEra(rng, middles, birthYear);
			// Some people carry two middle names ("Nguyễn Thị Thanh Hương", "Lê Hoàng Gia Bảo").
			if (rng.chance(birthYear >= 1990 ? 0.15 : 0.06)) {
				const second = weightedByEra(rng, middles, 2000);
				if (second !== middle && second !== 'Thị' && second !== 'Văn')
					middle = `${middle} ${second}`;
			}
			const given = rng.pick(male ? KINH_GIVEN_MALE : KINH_GIVEN_FEMALE);
			return { fullName: `${s} ${middle} ${given}`, family: s };
		}
	}
}

export function writtenEthnicity(rng: Rng, ethnicity: Ethnicity, year: number): string {
	const aliases = ETHNICITY_ALIASES[ethnicity];
	// Old books more often keep the old names.
	if (aliases && rng.chance(year < 2005 ? 0.3 : 0.08)) return rng.pick(aliases);
	return ethnicity;
}

export interface PersonOptions {
	sex?: Sex;
	birth?: SimpleDate;
	birthYear?: number;
	ethnicity?: Ethnicity;
	family?: string;
	/** Surname the person must NOT have (a Kinh mother differs from the father). */
	avoidFamily?: string;
	residence?: Place;
	birthPlace?: Place;
	nativePlace?: Place;
	/** Give a personal ID even when born before 2016 (adults documented with a CCCD). */
	withId?: boolean;
	/** Year the person is written down; picks period place names. */
	asOfYear?: number;
	/** Prefix of `pid`, so several runs do not collide. */
	pidPrefix?: string;
}

export function makePerson(rng: Rng, opts: PersonOptions = {}): Person {
	const sex: Sex = opts.sex ?? (rng.chance(0.51) ? 1 : 2);
	const birth = opts.birth ?? randomDateInYear(rng, opts.birthYear ?? rng.int(1950, 2005));
	const ethnicity = opts.ethnicity ?? 'Kinh';
	const asOf = opts.asOfYear ?? Math.max(birth.y, 2000);
	let name = makeName(rng, ethnicity, sex, birth.y, opts.family);
	for (let i = 0; opts.avoidFamily && name.family === opts.avoidFamily && i < 20; i++)
		name = makeName(rng, ethnicity, sex, birth.y);
	const residence = opts.residence ?? pickPlace(rng, asOf, ethnicity);
	const birthPlace =
		opts.birthPlace ??
		(rng.chance(0.7) ? residence : pickPlace(rng, Math.min(asOf, 2024), ethnicity));
	const nativePlace =
		opts.nativePlace ??
		(rng.chance(0.6) ? birthPlace : pickPlace(rng, Math.min(asOf, 2024), ethnicity));
	const person: Person = {
		pid: `${opts.pidPrefix ?? 'P'}${rng.digits(10)}`,
		fullName: name.fullName,
		family: name.family,
		sex,
		birth,
		ethnicity,
		ethnicityWritten: writtenEthnicity(rng, ethnicity, asOf),
		nationality: 'Việt Nam',
		birthPlace,
		nativePlace,
		residence
	};
	if (birth.y >= 2016 || opts.withId)
		person.personalId = makePersonalId(rng, birthPlace.provinceCode, sex, birth.y);
	if (birth.y < asOf - 14 && rng.chance(0.8))
		person.cmnd = rng.digits(9).replace(/^./, String(rng.int(0, 3)));
	return person;
}

export interface Family {
	child: Person;
	mother: Person;
	father?: Person;
}

export interface FamilyOptions {
	childBirth: SimpleDate;
	ethnicity: Ethnicity;
	residence: Place;
	/** Where the birth is registered (the ID's province). */
	registrationPlace?: Place;
	/** Year of registration (for period place names and ID rules). */
	asOfYear: number;
	withFather?: boolean;
	childId?: boolean;
	pidPrefix?: string;
}

/** Parents older than the child, mother's surname different from the father's, child named after
 * the father (Kinh, Thái, Mông, Khmer) or the mother's clan (Ê Đê, Jrai: matrilineal). */
export function makeFamily(rng: Rng, o: FamilyOptions): Family {
	const y = o.childBirth.y;
	const motherAge = Math.round(Math.min(44, Math.max(17, rng.gauss(27, 5))));
	const fatherAge = Math.min(60, Math.max(19, motherAge + Math.round(rng.gauss(3, 3))));
	const adultId = o.asOfYear >= 2016;
	const common = {
		residence: o.residence,
		asOfYear: o.asOfYear,
		withId: adultId,
		pidPrefix: o.pidPrefix
	};
	const father =
		o.withFather === false
			? undefined
			: makePerson(rng, { ...common, sex: 1, birthYear: y - fatherAge, ethnicity: o.ethnicity });
	const mother = makePerson(rng, {
		...common,
		sex: 2,
		birthYear: y - motherAge,
		ethnicity: rng.chance(0.9) ? o.ethnicity : 'Kinh',
		avoidFamily: father?.family
	});
	const matrilineal = MATRILINEAL.includes(o.ethnicity);
	const family = matrilineal ? mother.family : (father?.family ?? mother.family);
	const sex: Sex = rng.chance(0.512) ? 1 : 2;
	const name = makeName(
		rng,
		o.ethnicity,
		sex,
		y,
		mother.ethnicity === o.ethnicity || !matrilineal ? family : undefined
	);
	const birthPlace = o.registrationPlace ?? o.residence;
	const child: Person = {
		pid: `${o.pidPrefix ?? 'P'}${rng.digits(10)}`,
		fullName: name.fullName,
		family: name.family,
		sex,
		birth: o.childBirth,
		ethnicity: o.ethnicity,
		ethnicityWritten: writtenEthnicity(rng, o.ethnicity, o.asOfYear),
		nationality: 'Việt Nam',
		birthPlace,
		nativePlace: father?.nativePlace ?? mother.nativePlace,
		residence: o.residence,
		fatherName: father?.fullName,
		motherName: mother.fullName
	};
	// Every birth registered from 2016 gets an ID, late registrations of older children too.
	if (y >= 2016 || o.asOfYear >= 2016 || o.childId)
		child.personalId = makePersonalId(rng, birthPlace.provinceCode, sex, y);
	return { child, mother, father };
}

/** Register style: upper case with diacritics (NFC). */
export function upper(name: string): string {
	return name.toLocaleUpperCase('vi').normalize('NFC');
}
