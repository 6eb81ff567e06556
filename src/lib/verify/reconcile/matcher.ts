/**
 * Candidates for one entry among the residents of an index: blocking on several keys OR-ed
 * together (one wrong field does not lose the person; no key is the surname alone), then
 * Fellegi–Sunter scoring with term-frequency adjustment, then the calibrated auto-link rule.
 */
import {
	comparePart,
	compareDates,
	compareIds,
	compareNames,
	compareParent,
	comparePlaces,
	compareSex
} from './compare';
import { normalizePersonalId, parseLooseDate, parseName, parsePlace, parseSex } from './fields';
import type { ParsedName, PartialDate, PlaceKey, Sex } from './fields';
import { withYear, type ResidentIndex, type ResidentView } from './resident-index';
import weightsV1 from './weights.v1.json';

/** An entry to reconcile, in the `sohoa reconcile` contract's keys (all but id optional). */
export interface EntryRecord {
	id?: string;
	full_name?: string | null;
	birth_date?: string | null;
	sex?: string | null;
	birth_place?: string | null;
	father_name?: string | null;
	mother_name?: string | null;
	personal_id?: string | null;
}

/** Per-field agreement levels of one candidate (what the clerk's panel shows). */
export type Agreements = Record<string, string>;

export interface Candidate {
	index: number;
	residentId: string;
	/** Posterior probability that this is the person, in [0, 1]. */
	score: number;
	/** Sum of the field weights (log2 likelihood ratio). */
	weight: number;
	match: boolean;
	agreements: Agreements;
}

interface Level {
	m: number;
	u: number;
}
export interface Weights {
	version: number;
	priorLog2: number;
	fields: Record<string, { tf?: boolean; levels: Record<string, Level> }>;
	match: { minWeight: number; minMargin: number; distinguishing: string[] };
}

export const defaultWeights = weightsV1 as Weights;

export interface MatchOptions {
	top?: number;
	/** Largest block read; a bigger one is too common a key to say anything. */
	blockCap?: number;
	weights?: Weights;
}

interface PreparedEntry {
	name: ParsedName | null;
	date: PartialDate | null;
	sex: Sex;
	pid: string | null;
	father: ParsedName | null;
	mother: ParsedName | null;
	place: PlaceKey | null;
}

export function prepareEntry(e: EntryRecord): PreparedEntry {
	return {
		name: parseName(e.full_name),
		date: parseLooseDate(e.birth_date),
		sex: parseSex(e.sex),
		pid: normalizePersonalId(e.personal_id),
		father: parseName(e.father_name),
		mother: parseName(e.mother_name),
		place: parsePlace(e.birth_place)
	};
}

const log2 = Math.log2;
// Frequencies below this are noise of a small extract, not rarity.
const MIN_FREQ = 0.0005;

export class Matcher {
	readonly #seen: Uint32Array;
	#epoch = 0;
	readonly #w: Weights;
	readonly #levelWeight = new Map<string, number>();

	constructor(
		readonly index: ResidentIndex,
		readonly options: MatchOptions = {}
	) {
		this.#seen = new Uint32Array(index.size);
		this.#w = options.weights ?? defaultWeights;
		for (const [field, def] of Object.entries(this.#w.fields))
			for (const [level, { m, u }] of Object.entries(def.levels))
				this.#levelWeight.set(`${field}:${level}`, log2(m / u));
	}

	get weightsVersion(): number {
		return this.#w.version;
	}

	#lw(field: string, level: string): number {
		return this.#levelWeight.get(`${field}:${level}`) ?? 0;
	}

	/** Agreement weight of a name part, adjusted by how common the value is among residents. */
	#tfWeight(field: 'surname' | 'given' | 'middle', value: string): number {
		const def = this.#w.fields[field]!;
		const m = def.levels.agree!.m;
		const tok = this.index.tokens;
		const id = tok.find(value);
		const freq = id === undefined ? 0 : tok.counts[id]! / Math.max(1, this.index.size);
		return log2(m / Math.max(freq, MIN_FREQ));
	}

	/** Residents sharing at least one blocking key with the entry. */
	candidates(e: PreparedEntry): number[] {
		const { blocks, tokens } = this.index;
		const cap = this.options.blockCap ?? 3000;
		const out: number[] = [];
		const epoch = ++this.#epoch;
		const seen = this.#seen;
		const take = (ids: Int32Array | null) => {
			if (!ids) return;
			for (const i of ids) {
				if (seen[i] !== epoch) {
					seen[i] = epoch;
					out.push(i);
				}
			}
		};
		if (e.pid) take(blocks.personalId.get(Number(e.pid) + (e.pid.length === 9 ? 1e13 : 0), cap));
		const name = e.name;
		const year = e.date?.year;
		if (name && year) {
			const given = tokens.find(name.given);
			const sm = tokens.find(`${name.surname}|${name.middle}`);
			for (const y of [year, year - 1, year + 1]) {
				if (given) take(blocks.givenYear.get(withYear(given, y), cap));
				if (sm && name.middle) take(blocks.surnameMiddleYear.get(withYear(sm, y), cap));
			}
		}
		if (year) {
			for (const parent of [e.mother, e.father]) {
				const id = parent && tokens.find(parent.key);
				const table = parent === e.mother ? blocks.motherYear : blocks.fatherYear;
				if (id) for (const y of [year, year - 1, year + 1]) take(table.get(withYear(id, y), cap));
			}
		}
		if (name) {
			// Any year: the same full name (a wrong year does not lose the person).
			const key = tokens.find(name.key);
			if (key) take(blocks.fullName.get(key, cap));
			// No date at all: surname + given name, whatever the middle names.
			if (!year) {
				const sg = tokens.find(`${name.surname}|${name.given}`);
				if (sg) take(blocks.surnameGiven.get(sg, cap));
			}
		}
		return out;
	}

	/** Field levels and weight of resident `i` against the entry. */
	score(e: PreparedEntry, i: number): { weight: number; agreements: Agreements } {
		const idx = this.index;
		const c = idx.cols;
		const agreements: Agreements = {};
		let w = 0;
		const name = e.name;
		if (name) {
			const tokens = idx.tokens.values;
			const parts = [
				['surname', name.surname, tokens[c.surname[i]!]!],
				['middle', name.middle, tokens[c.middle[i]!]!],
				['given', name.given, tokens[c.given[i]!]!]
			] as const;
			for (const [field, a, b] of parts) {
				const level = field === 'middle' && !a !== !b ? 'missing' : comparePart(a, b);
				if (level === 'missing' && field !== 'middle') continue;
				w += level === 'agree' && a ? this.#tfWeight(field, a) : this.#lw(field, level);
			}
			const key = tokens[c.key[i]!]!;
			const level =
				key === name.key
					? idx.parsedName(c.name[i]!)?.canon === name.canon
						? 'exact'
						: 'folded'
					: compareNames(name, idx.parsedName(c.name[i]!));
			agreements.full_name = level;
		}
		const date = compareDates(e.date, idx.birthDate(i));
		agreements.birth_date = date;
		if (date !== 'missing') w += this.#lw('birth_date', date);
		const sex = compareSex(e.sex, idx.sex(i));
		agreements.sex = sex;
		if (sex !== 'missing') w += this.#lw('sex', sex);
		const pid = compareIds(e.pid, idx.personalId(i));
		agreements.personal_id = pid;
		if (pid !== 'missing') w += this.#lw('personal_id', pid);
		for (const [field, parent, col] of [
			['father_name', e.father, c.father],
			['mother_name', e.mother, c.mother]
		] as const) {
			const level = compareParent(parent, idx.parsedName(col[i]!));
			agreements[field] = level;
			if (level !== 'missing') w += this.#lw(field, level);
		}
		const place = comparePlaces(e.place, idx.place(c.birthPlace[i]!));
		agreements.birth_place = place;
		if (place !== 'missing') w += this.#lw('birth_place', place);
		return { weight: w, agreements };
	}

	/** The best `top` candidates, best first; `match` on the first only when it is safe to link. */
	match(entry: EntryRecord, top = this.options.top ?? 5): Candidate[] {
		const e = prepareEntry(entry);
		const scored = this.candidates(e).map((i) => ({ i, ...this.score(e, i) }));
		scored.sort((a, b) => b.weight - a.weight);
		const best = scored.slice(0, Math.max(1, top));
		const rule = this.#w.match;
		return best.map((s, rank) => ({
			index: s.i,
			residentId: this.index.ids[s.i]!,
			score: Math.round(1e4 / (1 + 2 ** -(s.weight + this.#w.priorLog2))) / 1e4,
			weight: Math.round(s.weight * 100) / 100,
			match:
				rank === 0 &&
				s.weight >= rule.minWeight &&
				s.weight - (scored[1]?.weight ?? -Infinity) >= rule.minMargin &&
				distinguishes(s.agreements, rule.distinguishing),
			agreements: s.agreements
		}));
	}

	view(i: number): ResidentView {
		return this.index.view(i);
	}
}

const STRONG = new Set(['agree', 'exact', 'folded', 'swapped']);

/**
 * Name and year alone never link (homonyms share them, and so does a namesake of someone absent
 * from the extract): at least one other field must agree.
 */
function distinguishes(a: Agreements, fields: readonly string[]): boolean {
	return fields.some((f) => STRONG.has(a[f] ?? ''));
}
