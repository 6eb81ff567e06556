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
import {
	canonicalName,
	normalizePersonalId,
	parseLooseDate,
	parseName,
	parseNameKey,
	parsePlace,
	parseSex
} from './fields';
import type { ParsedName, PartialDate, PlaceKey, Sex } from './fields';
import {
	keyHash,
	pidNumber,
	withYear,
	type ResidentIndex,
	type ResidentView
} from './resident-index';
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

export interface PreparedEntry {
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
const PSEUDO_COUNT = 1000;

interface RoughPart {
	field: 'surname' | 'middle' | 'given';
	value: string;
	id: number;
	agree: number;
	close: number;
	differ: number;
	missing: number;
	cache: Map<number, number>;
}

interface RoughContext {
	parts: RoughPart[];
	year: number;
	month: number;
	day: number;
	date: Record<'exact' | 'partial' | 'swapped' | 'sameYear' | 'yearOff1' | 'differ', number>;
	sexAgree: number;
	sexDiffer: number;
	father: number;
	mother: number;
	fatherAgree: number;
	motherAgree: number;
	pid: number;
	pidAgree: number;
	pidOther: number;
}

/** How many candidates, ranked on the cheap comparisons, get the full (string) comparisons. */
const SHORTLIST = 40;

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

	/**
	 * Agreement weight of a name part, adjusted by how common the value is among residents. The
	 * frequency is smoothed towards the weights file's `u` with a pseudo-count, so a small extract
	 * (a few hundred people) does not make every name look common or rare.
	 */
	#tfWeight(field: 'surname' | 'given' | 'middle', value: string): number {
		const agree = this.#w.fields[field]!.levels.agree!;
		const tok = this.index.tokens;
		const id = tok.find(value);
		const count = id === undefined ? 0 : tok.counts[id]!;
		const freq = (count + PSEUDO_COUNT * agree.u) / (this.index.size + PSEUDO_COUNT);
		return log2(agree.m / Math.max(freq, MIN_FREQ));
	}

	/** Residents sharing at least one blocking key with the entry. */
	candidates(e: PreparedEntry): number[] {
		const { blocks, tokens } = this.index;
		const cap = this.options.blockCap ?? 2000;
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
		if (e.pid) take(blocks.personalId.get(pidNumber(e.pid), cap));
		const name = e.name;
		const year = e.date?.year;
		if (name && year) {
			const given = tokens.find(name.given);
			for (const y of [year, year - 1, year + 1])
				if (given) take(blocks.givenYear.get(withYear(given, y), cap));
			if (name.middle)
				take(blocks.surnameMiddleYear.get(withYear(keyHash(name.surname, name.middle), year), cap));
		}
		if (year) {
			for (const [parent, table] of [
				[e.mother, blocks.motherYear],
				[e.father, blocks.fatherYear]
			] as const) {
				if (parent)
					for (const y of [year, year - 1, year + 1])
						take(table.get(withYear(keyHash(parent.key), y), cap));
			}
		}
		if (name) {
			// Any year: the same full name (a wrong year does not lose the person).
			take(blocks.fullName.get(keyHash(name.key), cap));
			// No date at all: surname + given name, whatever the middle names.
			if (!year) take(blocks.surnameGiven.get(keyHash(name.surname, name.given), cap));
		}
		return out;
	}

	/**
	 * Field levels and weight of resident `i` against the entry. `full` = false compares what
	 * needs no string work (parents only by key); the shortlist is then compared in full.
	 */
	score(e: PreparedEntry, i: number, full = true): { weight: number; agreements: Agreements } {
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
			if (full) agreements.full_name = compareNames(name, this.#resolve(name, c.name.get(i)));
		}
		const date = compareDates(e.date, idx.birthDate(i));
		agreements.birth_date = date;
		if (date !== 'missing') w += this.#lw('birth_date', date);
		const sex = compareSex(e.sex, idx.sex(i));
		agreements.sex = sex;
		if (sex !== 'missing') w += this.#lw('sex', sex);
		const pid = e.pid ? compareIds(e.pid, idx.personalId(i)) : 'missing';
		agreements.personal_id = pid;
		if (pid !== 'missing') w += this.#lw('personal_id', pid);
		for (const [field, parent, keys, names] of [
			['father_name', e.father, c.fatherKey, c.father],
			['mother_name', e.mother, c.motherKey, c.mother]
		] as const) {
			const k = keys[i]!;
			let level: string;
			if (!parent || Number.isNaN(k)) level = 'missing';
			else if (!full) level = k === keyHash(parent.key) ? 'folded' : 'unknown';
			else level = compareParent(parent, this.#resolve(parent, names.get(i)));
			agreements[field] = level;
			if (level !== 'missing' && level !== 'unknown') w += this.#lw(field, level);
		}
		const place = comparePlaces(e.place, idx.place(c.birthPlace[i]!));
		agreements.birth_place = place;
		if (place !== 'missing') w += this.#lw('birth_place', place);
		return { weight: w, agreements };
	}

	/** A resident's name parsed just enough: the canonical spelling only when the keys agree. */
	#resolve(against: ParsedName, raw: string): ParsedName | null {
		const p = parseNameKey(raw);
		if (p && p.key === against.key) p.canon = canonicalName(raw);
		return p;
	}

	/** What the first pass needs about the entry, worked out once. */
	#context(e: PreparedEntry): RoughContext {
		const tok = this.index.tokens;
		const part = (field: RoughPart['field'], value: string | undefined): RoughPart => ({
			field,
			value: value ?? '',
			id: value ? (tok.find(value) ?? -1) : 0,
			agree: value ? this.#tfWeight(field, value) : 0,
			close: this.#lw(field, 'close'),
			differ: this.#lw(field, 'differ'),
			missing: this.#lw(field, 'missing'),
			cache: new Map<number, number>()
		});
		const d = e.date;
		const dw = (level: string) => this.#lw('birth_date', level);
		return {
			parts: e.name
				? [
						part('surname', e.name.surname),
						part('middle', e.name.middle),
						part('given', e.name.given)
					]
				: [],
			year: d?.year ?? 0,
			month: d?.month ?? 0,
			day: d?.day ?? 0,
			date: {
				exact: dw('exact'),
				partial: dw('partial'),
				swapped: dw('swapped'),
				sameYear: dw('sameYear'),
				yearOff1: dw('yearOff1'),
				differ: dw('differ')
			},
			sexAgree: this.#lw('sex', 'agree'),
			sexDiffer: this.#lw('sex', 'differ'),
			father: e.father ? keyHash(e.father.key) : NaN,
			mother: e.mother ? keyHash(e.mother.key) : NaN,
			fatherAgree: this.#lw('father_name', 'folded'),
			motherAgree: this.#lw('mother_name', 'folded'),
			pid: e.pid ? pidNumber(e.pid) : NaN,
			pidAgree: this.#lw('personal_id', 'agree'),
			pidOther: this.#lw('personal_id', 'differ')
		};
	}

	/**
	 * The first pass: numbers only (token ids, dates, key hashes), no string work but Jaro–Winkler
	 * on name parts (memoised per pair). Parents that differ by key count nothing yet.
	 */
	#rough(ctx: RoughContext, i: number): number {
		const c = this.index.cols;
		const tokens = this.index.tokens.values;
		let w = 0;
		for (const p of ctx.parts) {
			const col = p.field === 'surname' ? c.surname : p.field === 'middle' ? c.middle : c.given;
			const id = col[i]!;
			if (id === p.id) w += p.value ? p.agree : 0;
			else if (!p.value || !id) w += p.field === 'middle' ? p.missing : 0;
			else {
				let v = p.cache.get(id);
				if (v === undefined) {
					v = comparePart(p.value, tokens[id]!) === 'close' ? p.close : p.differ;
					p.cache.set(id, v);
				}
				w += v;
			}
		}
		const y = c.year[i]!;
		if (ctx.year && y) {
			const d = ctx.date;
			if (y === ctx.year) {
				const m = c.month[i]!;
				const day = c.day[i]!;
				if (!ctx.month || !m) w += d.partial;
				else if (m === ctx.month)
					w += !ctx.day || !day ? d.partial : day === ctx.day ? d.exact : d.sameYear;
				else w += ctx.day && ctx.day === m && ctx.month === day ? d.swapped : d.sameYear;
			} else w += Math.abs(y - ctx.year) === 1 ? d.yearOff1 : d.differ;
		}
		return w;
	}

	/** The best `top` candidates, best first; `match` on the first only when it is safe to link. */
	match(entry: EntryRecord, top = this.options.top ?? 5): Candidate[] {
		const e = prepareEntry(entry);
		const ctx = this.#context(e);
		const c = this.index.cols;
		const rough = this.candidates(e).map((i) => {
			let weight = this.#rough(ctx, i);
			const sex = c.sex[i]!;
			if (e.sex && sex) weight += sex === e.sex ? ctx.sexAgree : ctx.sexDiffer;
			const pid = c.pid[i]!;
			if (!Number.isNaN(ctx.pid) && !Number.isNaN(pid))
				weight += pid === ctx.pid ? ctx.pidAgree : ctx.pidOther;
			if (c.fatherKey[i] === ctx.father) weight += ctx.fatherAgree;
			if (c.motherKey[i] === ctx.mother) weight += ctx.motherAgree;
			return { i, weight };
		});
		rough.sort((a, b) => b.weight - a.weight);
		const scored = rough.slice(0, SHORTLIST).map(({ i }) => ({ i, ...this.score(e, i) }));
		scored.sort((a, b) => b.weight - a.weight);
		const best = scored.slice(0, Math.max(1, top));
		const rule = this.#w.match;
		return best.map((s, rank) => ({
			index: s.i,
			residentId: this.index.id(s.i),
			score: this.#probability(s.weight),
			weight: Math.round(s.weight * 100) / 100,
			match:
				rank === 0 &&
				s.weight >= rule.minWeight &&
				s.weight - (scored[1]?.weight ?? -Infinity) >= rule.minMargin &&
				distinguishes(s.agreements, rule.distinguishing),
			agreements: s.agreements
		}));
	}

	/** The score of resident `i` against a prepared entry (a clerk's choice outside the top). */
	scoreOf(e: PreparedEntry, i: number): number {
		return this.#probability(this.score(e, i).weight);
	}

	#probability(weight: number): number {
		return Math.round(1e4 / (1 + 2 ** -(weight + this.#w.priorLog2))) / 1e4;
	}

	view(i: number): ResidentView {
		return this.index.view(i);
	}
}

/**
 * Candidates found in several indexes (a commune's extract and its province's), best first, with
 * the auto-link rule applied again to the merged list: the lead is over the best of all others.
 */
export function mergeCandidates(
	lists: readonly Candidate[][],
	top: number,
	weights: Weights = defaultWeights
): Candidate[] {
	const all = lists.flat().sort((a, b) => b.weight - a.weight);
	const rule = weights.match;
	return all.slice(0, Math.max(1, top)).map((c, rank) => ({
		...c,
		match:
			rank === 0 &&
			c.weight >= rule.minWeight &&
			c.weight - (all[1]?.weight ?? -Infinity) >= rule.minMargin &&
			distinguishes(c.agreements, rule.distinguishing)
	}));
}

const STRONG = new Set(['agree', 'exact', 'folded', 'swapped']);

/**
 * Name and year alone never link (homonyms share them, and so does a namesake of someone absent
 * from the extract): at least one other field must agree.
 */
export function distinguishes(a: Agreements, fields: readonly string[]): boolean {
	return fields.some((f) => STRONG.has(a[f] ?? ''));
}
