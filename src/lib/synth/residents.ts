import type { SynthEntry } from './entries';
import { formatDate, makePerson, makePersonalId, type Person } from './people';
import { formatPlace, pickPlace } from './places';
import { Rng } from './rng';

/** One row of a synthetic resident extract (population-database style), with the canonical keys
 * of the `sohoa reconcile` contract. Names are title case as the population database stores them. */
export interface Resident {
	id: string;
	full_name: string;
	birth_date: string;
	sex: 'Nam' | 'Nữ';
	birth_place: string;
	father_name: string;
	mother_name: string;
	personal_id: string;
	ethnicity: string;
	residence: string;
	/** Ground truth: which entry and role this resident is, if any. */
	truth?: { entryIndex: number; role: string; pid: string };
}

export interface GenerateResidentsOptions {
	entries: readonly SynthEntry[];
	seed: number | string;
	/** Unrelated residents added around the entry people (default 2 per entry). */
	extraPerEntry?: number;
	/** Share of entry people left out of the extract (moved away, not yet recorded). Default 0.05. */
	missingShare?: number;
	/** Share of extra residents that are homonyms of an entry person (same name, same birth year,
	 * often the same commune). Default 0.1. */
	homonymShare?: number;
}

const ROLES_IN_EXTRACT = ['child', 'husband', 'wife', 'mother', 'father'] as const;

function toResident(rng: Rng, p: Person, id: string): Resident {
	// Everyone alive in the population database has a personal ID by now.
	const personalId =
		p.personalId ?? makePersonalId(rng, p.birthPlace.provinceCode, p.sex, p.birth.y);
	return {
		id,
		full_name: p.fullName,
		birth_date: formatDate(p.birth),
		sex: p.sex === 1 ? 'Nam' : 'Nữ',
		birth_place: formatPlace(p.birthPlace),
		father_name: p.fatherName ?? '',
		mother_name: p.motherName ?? '',
		personal_id: personalId,
		ethnicity: p.ethnicity,
		residence: formatPlace(p.residence)
	};
}

/** A resident extract containing the living people of `entries` (children, spouses, parents) with
 * their personal IDs and parents' names, plus unrelated residents and homonyms, shuffled. */
export function generateResidents(o: GenerateResidentsOptions): Resident[] {
	const rng = new Rng(`${o.seed}:residents`);
	const out: Resident[] = [];
	let n = 0;
	const nextId = () => `CD${String(++n).padStart(7, '0')}`;
	for (const e of o.entries) {
		for (const role of ROLES_IN_EXTRACT) {
			const p = e.persons[role];
			if (!p || rng.chance(o.missingShare ?? 0.05)) continue;
			out.push({
				...toResident(rng, p, nextId()),
				truth: { entryIndex: e.index, role, pid: p.pid }
			});
		}
	}
	const extra = Math.round(o.entries.length * (o.extraPerEntry ?? 2));
	const principals = o.entries.flatMap((e) =>
		(['child', 'husband', 'wife'] as const).flatMap((r) => (e.persons[r] ? [e.persons[r]!] : []))
	);
	for (let i = 0; i < extra; i++) {
		const twin =
			principals.length > 0 && rng.chance(o.homonymShare ?? 0.1) ? rng.pick(principals) : undefined;
		const year = twin?.birth.y ?? rng.int(1940, 2024);
		const p = makePerson(rng, {
			sex: twin?.sex,
			birthYear: year,
			ethnicity: twin?.ethnicity ?? (rng.chance(0.9) ? 'Kinh' : undefined),
			residence: twin && rng.chance(0.6) ? twin.residence : pickPlace(rng, 2025),
			asOfYear: 2025,
			withId: true
		});
		if (twin) p.fullName = twin.fullName;
		p.fatherName = makePerson(rng, { sex: 1, birthYear: year - 28, family: p.family }).fullName;
		p.motherName = makePerson(rng, { sex: 2, birthYear: year - 25 }).fullName;
		out.push(toResident(rng, p, nextId()));
	}
	// Shuffle so extract order says nothing about entry order.
	for (let i = out.length - 1; i > 0; i--) {
		const j = rng.int(0, i);
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return out;
}
