/**
 * A resident extract in column storage: one typed array per field, strings interned in pools, so
 * 3 million residents are a few hundred megabytes and not millions of objects. Blocking tables
 * (key → residents) are built once, in compressed-row form (offsets + postings).
 */
import {
	nameKey,
	normalizePersonalId,
	parseLooseDate,
	parseName,
	parsePlace,
	parseSex,
	splitNameKey
} from './fields';
import type { ParsedName, PartialDate, PlaceKey, Sex } from './fields';

/** A row of an extract in the `sohoa reconcile` contract's canonical keys. */
export interface ResidentRecord {
	id: string;
	full_name: string;
	birth_date?: string | null;
	sex?: string | null;
	birth_place?: string | null;
	native_place?: string | null;
	father_name?: string | null;
	mother_name?: string | null;
	residence?: string | null;
	personal_id?: string | null;
}

/** Strings stored once, referred to by number. 0 is the empty string. */
export class StringPool {
	readonly #ids = new Map<string, number>([['', 0]]);
	readonly values: string[] = [''];
	readonly counts: number[] = [0];
	intern(s: string | null | undefined, count = false): number {
		if (!s) return 0;
		let id = this.#ids.get(s);
		if (id === undefined) {
			id = this.values.length;
			this.#ids.set(s, id);
			this.values.push(s);
			this.counts.push(0);
		}
		if (count) this.counts[id]!++;
		return id;
	}
	find(s: string): number | undefined {
		return this.#ids.get(s);
	}
	get size(): number {
		return this.values.length;
	}
}

class Column<T extends Int32Array | Uint8Array | Uint16Array | Float64Array> {
	data: T;
	constructor(private readonly make: (n: number) => T) {
		this.data = make(1024);
	}
	set(i: number, v: number) {
		if (i >= this.data.length) {
			const next = this.make(this.data.length * 2);
			next.set(this.data);
			this.data = next;
		}
		this.data[i] = v;
	}
	trim(n: number): T {
		return this.data.subarray(0, n) as T;
	}
}

/** Key → residents, as offsets into one postings array. */
export class BlockTable {
	constructor(
		private readonly slots: Map<number, number>,
		private readonly offsets: Int32Array,
		private readonly postings: Int32Array
	) {}

	static build(keys: Float64Array): BlockTable {
		const slots = new Map<number, number>();
		const counts: number[] = [];
		for (const k of keys) {
			if (Number.isNaN(k)) continue;
			let s = slots.get(k);
			if (s === undefined) {
				s = counts.length;
				slots.set(k, s);
				counts.push(0);
			}
			counts[s]!++;
		}
		const offsets = new Int32Array(counts.length + 1);
		for (let i = 0; i < counts.length; i++) offsets[i + 1] = offsets[i]! + counts[i]!;
		const fill = offsets.slice(0, counts.length);
		const postings = new Int32Array(offsets[counts.length]!);
		for (let r = 0; r < keys.length; r++) {
			const k = keys[r]!;
			if (Number.isNaN(k)) continue;
			const s = slots.get(k)!;
			postings[fill[s]!++] = r;
		}
		return new BlockTable(slots, offsets, postings);
	}

	/** The residents under `key`, or null when none or more than `cap` (too common to block on). */
	get(key: number, cap: number): Int32Array | null {
		const s = this.slots.get(key);
		if (s === undefined) return null;
		const from = this.offsets[s]!;
		const to = this.offsets[s + 1]!;
		return to - from > cap ? null : this.postings.subarray(from, to);
	}
}

// Year in the low 12 bits of a numeric key: (interned id) * 4096 + year.
const YEAR_SPACE = 4096;
export const withYear = (id: number, year: number) => id * YEAR_SPACE + year;

export interface BlockTables {
	personalId: BlockTable;
	givenYear: BlockTable;
	surnameMiddleYear: BlockTable;
	motherYear: BlockTable;
	fatherYear: BlockTable;
	fullName: BlockTable;
	surnameGiven: BlockTable;
}

/** Everything the matcher reads about resident `i`. */
export interface ResidentView {
	id: string;
	full_name: string;
	birth_date: string | null;
	sex: string | null;
	birth_place: string | null;
	native_place: string | null;
	father_name: string | null;
	mother_name: string | null;
	residence: string | null;
	personal_id: string | null;
}

export class ResidentIndex {
	constructor(
		readonly size: number,
		readonly ids: readonly string[],
		/** Display strings (as the extract wrote them, NFC). */
		readonly text: StringPool,
		/** Folded name parts and keys; counts are frequencies among residents. */
		readonly tokens: StringPool,
		readonly cols: {
			name: Int32Array;
			key: Int32Array;
			surname: Int32Array;
			middle: Int32Array;
			given: Int32Array;
			year: Uint16Array;
			month: Uint8Array;
			day: Uint8Array;
			sex: Uint8Array;
			pid: Float64Array;
			pidText: Int32Array;
			father: Int32Array;
			mother: Int32Array;
			birthPlace: Int32Array;
			nativePlace: Int32Array;
			residence: Int32Array;
			birthDateText: Int32Array;
			sexText: Int32Array;
		},
		readonly blocks: BlockTables
	) {}

	private parsedCache = new Map<number, ParsedName | null>();
	private placeCache = new Map<number, PlaceKey | null>();

	/** A parent's or the resident's name, parsed once per distinct string. */
	parsedName(textId: number): ParsedName | null {
		if (!textId) return null;
		let p = this.parsedCache.get(textId);
		if (p === undefined) {
			p = parseName(this.text.values[textId]);
			if (this.parsedCache.size > 200_000) this.parsedCache.clear();
			this.parsedCache.set(textId, p);
		}
		return p;
	}

	place(textId: number): PlaceKey | null {
		if (!textId) return null;
		let p = this.placeCache.get(textId);
		if (p === undefined) {
			p = parsePlace(this.text.values[textId]);
			this.placeCache.set(textId, p);
		}
		return p;
	}

	birthDate(i: number): PartialDate | null {
		const year = this.cols.year[i]!;
		if (!year) return null;
		const d: PartialDate = { year };
		if (this.cols.month[i]) d.month = this.cols.month[i];
		if (this.cols.day[i]) d.day = this.cols.day[i];
		return d;
	}

	sex(i: number): Sex {
		return this.cols.sex[i] as Sex;
	}

	personalId(i: number): string | null {
		return this.text.values[this.cols.pidText[i]!] || null;
	}

	/** Resident `i` as the extract wrote it. */
	view(i: number): ResidentView {
		const t = (col: Int32Array) => this.text.values[col[i]!] || null;
		const c = this.cols;
		return {
			id: this.ids[i]!,
			full_name: this.text.values[c.name[i]!]!,
			birth_date: t(c.birthDateText),
			sex: t(c.sexText),
			birth_place: t(c.birthPlace),
			native_place: t(c.nativePlace),
			father_name: t(c.father),
			mother_name: t(c.mother),
			residence: t(c.residence),
			personal_id: t(c.pidText)
		};
	}
}

/** Adds residents one at a time (a streaming reader feeds it), then builds the blocking tables. */
export class ResidentIndexBuilder {
	#n = 0;
	readonly #ids: string[] = [];
	readonly #text = new StringPool();
	readonly #tokens = new StringPool();
	readonly #i32 = () => new Column((n) => new Int32Array(n));
	readonly #c = {
		name: this.#i32(),
		key: this.#i32(),
		surname: this.#i32(),
		middle: this.#i32(),
		given: this.#i32(),
		year: new Column((n) => new Uint16Array(n)),
		month: new Column((n) => new Uint8Array(n)),
		day: new Column((n) => new Uint8Array(n)),
		sex: new Column((n) => new Uint8Array(n)),
		pid: new Column((n) => new Float64Array(n)),
		pidText: this.#i32(),
		father: this.#i32(),
		mother: this.#i32(),
		fatherKey: this.#i32(),
		motherKey: this.#i32(),
		surnameMiddle: this.#i32(),
		surnameGiven: this.#i32(),
		birthPlace: this.#i32(),
		nativePlace: this.#i32(),
		residence: this.#i32(),
		birthDateText: this.#i32(),
		sexText: this.#i32()
	};

	get size(): number {
		return this.#n;
	}

	/** Adds one resident; false (and nothing stored) when the row has no usable name. */
	add(r: ResidentRecord): boolean {
		const key = nameKey(r.full_name);
		if (!key) return false;
		const name = splitNameKey(key);
		const i = this.#n++;
		const c = this.#c;
		const text = (s: string | null | undefined) => this.#text.intern(s?.trim().normalize('NFC'));
		const tok = this.#tokens;
		this.#ids.push(r.id);
		c.name.set(i, text(r.full_name));
		c.key.set(i, tok.intern(key));
		c.surname.set(i, tok.intern(name.surname, true));
		c.middle.set(i, tok.intern(name.middle, true));
		c.given.set(i, tok.intern(name.given, true));
		c.surnameMiddle.set(i, tok.intern(`${name.surname}|${name.middle}`));
		c.surnameGiven.set(i, tok.intern(`${name.surname}|${name.given}`));
		const date = parseLooseDate(r.birth_date);
		c.year.set(i, date?.year ?? 0);
		c.month.set(i, date?.month ?? 0);
		c.day.set(i, date?.day ?? 0);
		c.birthDateText.set(i, text(r.birth_date));
		c.sex.set(i, parseSex(r.sex));
		c.sexText.set(i, text(r.sex));
		const pid = normalizePersonalId(r.personal_id);
		c.pid.set(i, pid ? Number(pid) + (pid.length === 9 ? 1e13 : 0) : NaN);
		c.pidText.set(i, text(pid));
		c.father.set(i, text(r.father_name));
		c.mother.set(i, text(r.mother_name));
		c.fatherKey.set(i, tok.intern(nameKey(r.father_name)));
		c.motherKey.set(i, tok.intern(nameKey(r.mother_name)));
		c.birthPlace.set(i, text(r.birth_place));
		c.nativePlace.set(i, text(r.native_place));
		c.residence.set(i, text(r.residence));
		return true;
	}

	build(): ResidentIndex {
		const n = this.#n;
		const c = this.#c;
		const year = c.year.trim(n);
		const keys = (f: (i: number) => number) => {
			const k = new Float64Array(n);
			for (let i = 0; i < n; i++) k[i] = f(i);
			return k;
		};
		const yearKey = (col: Int32Array) => {
			const ids = col;
			return keys((i) => (ids[i] && year[i] ? withYear(ids[i]!, year[i]!) : NaN));
		};
		const pid = c.pid.trim(n);
		const blocks: BlockTables = {
			personalId: BlockTable.build(keys((i) => pid[i]!)),
			givenYear: BlockTable.build(yearKey(c.given.trim(n))),
			surnameMiddleYear: BlockTable.build(yearKey(c.surnameMiddle.trim(n))),
			motherYear: BlockTable.build(yearKey(c.motherKey.trim(n))),
			fatherYear: BlockTable.build(yearKey(c.fatherKey.trim(n))),
			fullName: BlockTable.build(keys((i) => c.key.data[i]!)),
			surnameGiven: BlockTable.build(keys((i) => c.surnameGiven.data[i]!))
		};
		return new ResidentIndex(
			n,
			this.#ids,
			this.#text,
			this.#tokens,
			{
				name: c.name.trim(n),
				key: c.key.trim(n),
				surname: c.surname.trim(n),
				middle: c.middle.trim(n),
				given: c.given.trim(n),
				year,
				month: c.month.trim(n),
				day: c.day.trim(n),
				sex: c.sex.trim(n),
				pid,
				pidText: c.pidText.trim(n),
				father: c.father.trim(n),
				mother: c.mother.trim(n),
				birthPlace: c.birthPlace.trim(n),
				nativePlace: c.nativePlace.trim(n),
				residence: c.residence.trim(n),
				birthDateText: c.birthDateText.trim(n),
				sexText: c.sexText.trim(n)
			},
			blocks
		);
	}
}
