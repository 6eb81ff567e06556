/**
 * A resident extract in column storage: one typed array per field, strings interned in pools, so
 * 3 million residents are a few hundred megabytes and not millions of objects. Blocking tables
 * (key → residents) are built once, in compressed-row form (offsets + postings).
 */
import {
	nameKey,
	normalizePersonalId,
	parseLooseDate,
	parsePlace,
	parseSex,
	splitNameKey
} from './fields';
import type { PartialDate, PlaceKey, Sex } from './fields';

const nfc = (s: string | null | undefined) => (s ? s.trim().normalize('NFC') : '');

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

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Strings packed as UTF-8 in one growing buffer with offsets: no object per value. */
export class StringColumn {
	#bytes = new Uint8Array(1 << 16);
	#offsets = new Float64Array(1024);
	#length = 0;
	#used = 0;

	push(s: string): void {
		const need = this.#used + s.length * 3;
		if (need > this.#bytes.length) {
			const next = new Uint8Array(Math.max(need, this.#bytes.length * 2));
			next.set(this.#bytes.subarray(0, this.#used));
			this.#bytes = next;
		}
		if (this.#length + 1 >= this.#offsets.length) {
			const next = new Float64Array(this.#offsets.length * 2);
			next.set(this.#offsets);
			this.#offsets = next;
		}
		this.#used += encoder.encodeInto(s, this.#bytes.subarray(this.#used)).written;
		this.#offsets[++this.#length] = this.#used;
	}

	get(i: number): string {
		const from = this.#offsets[i]!;
		const to = this.#offsets[i + 1]!;
		return from === to ? '' : decoder.decode(this.#bytes.subarray(from, to));
	}

	/** Gives back the spare capacity once every value is in. */
	trim(): this {
		this.#bytes = this.#bytes.slice(0, this.#used);
		this.#offsets = this.#offsets.slice(0, this.#length + 1);
		return this;
	}

	get bytes(): number {
		return this.#bytes.byteLength + this.#offsets.byteLength;
	}
}

/**
 * A 40-bit hash of a key (two multiplicative lanes): blocking keys without interning millions of
 * strings. Small enough that (hash × 4096 + year) stays an exact double.
 */
export function keyHash(s: string, second?: string): number {
	if (!s) return NaN;
	let a = 0x811c9dc5;
	let b = 0x01000193 ^ s.length;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		a = Math.imul(a ^ c, 0x01000193);
		b = Math.imul(b ^ c, 0x5bd1e995);
	}
	// A pair hashes like "first|second" would, without building that string.
	if (second !== undefined) {
		a = Math.imul(a ^ 0x7c, 0x01000193);
		b = Math.imul(b ^ 0x7c, 0x5bd1e995);
		for (let i = 0; i < second.length; i++) {
			const c = second.charCodeAt(i);
			a = Math.imul(a ^ c, 0x01000193);
			b = Math.imul(b ^ c, 0x5bd1e995);
		}
	}
	return (a >>> 0) * 0x100 + ((b >>> 0) & 0xff);
}

function fmix32(h: number): number {
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Number → slot, open addressing over typed arrays: millions of keys without a Map entry (and a
 * boxed number) each.
 */
class NumberSlots {
	readonly #keys: Float64Array;
	readonly #slots: Int32Array;
	readonly #mask: number;
	readonly #bits = new Float64Array(1);
	readonly #words = new Uint32Array(this.#bits.buffer);
	size = 0;

	constructor(expected: number) {
		let cap = 16;
		while (cap < expected * 1.5) cap *= 2;
		this.#keys = new Float64Array(cap).fill(NaN);
		this.#slots = new Int32Array(cap);
		this.#mask = cap - 1;
	}

	#home(key: number): number {
		// Keys are integers held in doubles: their low word is often all zeros, so both words are
		// mixed (murmur3's finaliser) before the mask.
		this.#bits[0] = key;
		return fmix32(this.#words[0]! ^ fmix32(this.#words[1]!)) & this.#mask;
	}

	/** The key's slot, adding it (with the next slot number) when new. */
	slot(key: number): number {
		let h = this.#home(key);
		for (;;) {
			const k = this.#keys[h]!;
			if (k === key) return this.#slots[h]!;
			if (Number.isNaN(k)) {
				this.#keys[h] = key;
				this.#slots[h] = this.size;
				return this.size++;
			}
			h = (h + 1) & this.#mask;
		}
	}

	/** The same keys and slots in a table sized for them (after building with a rough bound). */
	compact(): NumberSlots {
		const out = new NumberSlots(this.size);
		for (let h = 0; h < this.#keys.length; h++) {
			const k = this.#keys[h]!;
			if (!Number.isNaN(k)) out.#put(k, this.#slots[h]!);
		}
		out.size = this.size;
		return out;
	}

	#put(key: number, slot: number): void {
		let h = this.#home(key);
		while (!Number.isNaN(this.#keys[h]!)) h = (h + 1) & this.#mask;
		this.#keys[h] = key;
		this.#slots[h] = slot;
	}

	get(key: number): number {
		let h = this.#home(key);
		for (;;) {
			const k = this.#keys[h]!;
			if (k === key) return this.#slots[h]!;
			if (Number.isNaN(k)) return -1;
			h = (h + 1) & this.#mask;
		}
	}
}

/** Key → residents, as offsets into one postings array. */
export class BlockTable {
	constructor(
		private readonly slots: NumberSlots,
		private readonly offsets: Int32Array,
		private readonly postings: Int32Array
	) {}

	static build(keys: Float64Array): BlockTable {
		let present = 0;
		for (const k of keys) if (!Number.isNaN(k)) present++;
		const slots = new NumberSlots(present);
		const slotOf = new Int32Array(keys.length);
		const counts = new Int32Array(present + 1);
		for (let r = 0; r < keys.length; r++) {
			const k = keys[r]!;
			if (Number.isNaN(k)) {
				slotOf[r] = -1;
				continue;
			}
			const s = slots.slot(k);
			slotOf[r] = s;
			counts[s]!++;
		}
		const n = slots.size;
		const offsets = new Int32Array(n + 1);
		for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + counts[i]!;
		const fill = offsets.slice(0, n);
		const postings = new Int32Array(offsets[n]!);
		for (let r = 0; r < keys.length; r++) {
			const s = slotOf[r]!;
			if (s >= 0) postings[fill[s]!++] = r;
		}
		return new BlockTable(slots.compact(), offsets, postings);
	}

	/** The residents under `key`, or null when none or more than `cap` (too common to block on). */
	get(key: number, cap: number): Int32Array | null {
		const s = this.slots.get(key);
		if (s < 0) return null;
		const from = this.offsets[s]!;
		const to = this.offsets[s + 1]!;
		return to - from > cap ? null : this.postings.subarray(from, to);
	}
}

// Year in the low 12 bits of a numeric key: (id or 40-bit hash) * 4096 + year.
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

export interface ResidentColumns {
	ids: StringColumn;
	name: StringColumn;
	father: StringColumn;
	mother: StringColumn;
	/** Folded name parts (ids in `tokens`). */
	surname: Int32Array;
	middle: Int32Array;
	given: Int32Array;
	/** keyHash of the folded full name and of each parent's. */
	key: Float64Array;
	fatherKey: Float64Array;
	motherKey: Float64Array;
	year: Uint16Array;
	month: Uint8Array;
	day: Uint8Array;
	sex: Uint8Array;
	/** The personal ID as a number (9-digit CMND offset by 1e13); NaN when none. */
	pid: Float64Array;
	/** Repeating texts, ids in `text`. */
	birthPlace: Int32Array;
	nativePlace: Int32Array;
	residence: Int32Array;
	birthDateText: Int32Array;
	sexText: Int32Array;
}

const CMND_OFFSET = 1e13;
export const pidNumber = (pid: string) => Number(pid) + (pid.length === 9 ? CMND_OFFSET : 0);
const pidText = (n: number) =>
	Number.isNaN(n)
		? null
		: n >= CMND_OFFSET
			? String(n - CMND_OFFSET).padStart(9, '0')
			: String(n).padStart(12, '0');

export class ResidentIndex {
	constructor(
		readonly size: number,
		/** Repeating display strings (places, dates as written). */
		readonly text: StringPool,
		/** Folded name parts; counts are frequencies among residents. */
		readonly tokens: StringPool,
		readonly cols: ResidentColumns,
		readonly blocks: BlockTables
	) {}

	readonly #placeCache = new Map<number, PlaceKey | null>();

	id(i: number): string {
		return this.cols.ids.get(i);
	}

	/** Linear search, for a clerk's choice of a resident outside the candidates. */
	find(id: string): number {
		for (let i = 0; i < this.size; i++) if (this.cols.ids.get(i) === id) return i;
		return -1;
	}

	place(textId: number): PlaceKey | null {
		if (!textId) return null;
		let p = this.#placeCache.get(textId);
		if (p === undefined) {
			p = parsePlace(this.text.values[textId]);
			this.#placeCache.set(textId, p);
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
		return pidText(this.cols.pid[i]!);
	}

	/** Resident `i` as the extract wrote it. */
	view(i: number): ResidentView {
		const c = this.cols;
		const t = (col: Int32Array) => this.text.values[col[i]!] || null;
		return {
			id: c.ids.get(i),
			full_name: c.name.get(i),
			birth_date: t(c.birthDateText),
			sex: t(c.sexText),
			birth_place: t(c.birthPlace),
			native_place: t(c.nativePlace),
			father_name: c.father.get(i) || null,
			mother_name: c.mother.get(i) || null,
			residence: t(c.residence),
			personal_id: this.personalId(i)
		};
	}

	/** Bytes held by the columns and blocking tables (strings in pools not counted). */
	get columnBytes(): number {
		const c = this.cols;
		let n = c.ids.bytes + c.name.bytes + c.father.bytes + c.mother.bytes;
		for (const v of Object.values(c)) if (ArrayBuffer.isView(v)) n += v.byteLength;
		return n;
	}
}

/** Adds residents one at a time (a streaming reader feeds it), then builds the blocking tables. */
export class ResidentIndexBuilder {
	#n = 0;
	readonly #text = new StringPool();
	readonly #tokens = new StringPool();
	readonly #strings = {
		ids: new StringColumn(),
		name: new StringColumn(),
		father: new StringColumn(),
		mother: new StringColumn()
	};
	readonly #i32 = () => new Column((n) => new Int32Array(n));
	readonly #f64 = () => new Column((n) => new Float64Array(n));
	readonly #c = {
		surname: this.#i32(),
		middle: this.#i32(),
		given: this.#i32(),
		key: this.#f64(),
		fatherKey: this.#f64(),
		motherKey: this.#f64(),
		surnameMiddle: this.#f64(),
		surnameGiven: this.#f64(),
		year: new Column((n) => new Uint16Array(n)),
		month: new Column((n) => new Uint8Array(n)),
		day: new Column((n) => new Uint8Array(n)),
		sex: new Column((n) => new Uint8Array(n)),
		pid: this.#f64(),
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
		const str = this.#strings;
		const pool = this.#text;
		const tok = this.#tokens;
		str.ids.push(r.id);
		str.name.push(nfc(r.full_name));
		str.father.push(nfc(r.father_name));
		str.mother.push(nfc(r.mother_name));
		c.surname.set(i, tok.intern(name.surname, true));
		c.middle.set(i, tok.intern(name.middle, true));
		c.given.set(i, tok.intern(name.given, true));
		c.key.set(i, keyHash(key));
		c.surnameMiddle.set(i, keyHash(name.surname, name.middle));
		c.surnameGiven.set(i, keyHash(name.surname, name.given));
		c.fatherKey.set(i, keyHash(nameKey(r.father_name)));
		c.motherKey.set(i, keyHash(nameKey(r.mother_name)));
		const date = parseLooseDate(r.birth_date);
		c.year.set(i, date?.year ?? 0);
		c.month.set(i, date?.month ?? 0);
		c.day.set(i, date?.day ?? 0);
		c.birthDateText.set(i, pool.intern(nfc(r.birth_date)));
		c.sex.set(i, parseSex(r.sex));
		c.sexText.set(i, pool.intern(nfc(r.sex)));
		const pid = normalizePersonalId(r.personal_id);
		c.pid.set(i, pid ? pidNumber(pid) : NaN);
		c.birthPlace.set(i, pool.intern(nfc(r.birth_place)));
		c.nativePlace.set(i, pool.intern(nfc(r.native_place)));
		c.residence.set(i, pool.intern(nfc(r.residence)));
		return true;
	}

	build(): ResidentIndex {
		const n = this.#n;
		const c = this.#c;
		const year = c.year.trim(n);
		const yearKeys = (col: Float64Array | Int32Array) => {
			const k = new Float64Array(n);
			for (let i = 0; i < n; i++) {
				const v = col[i]!;
				k[i] = v && !Number.isNaN(v) && year[i] ? withYear(v, year[i]!) : NaN;
			}
			return k;
		};
		const blocks: BlockTables = {
			personalId: BlockTable.build(c.pid.trim(n)),
			givenYear: BlockTable.build(yearKeys(c.given.trim(n))),
			surnameMiddleYear: BlockTable.build(yearKeys(c.surnameMiddle.trim(n))),
			motherYear: BlockTable.build(yearKeys(c.motherKey.trim(n))),
			fatherYear: BlockTable.build(yearKeys(c.fatherKey.trim(n))),
			fullName: BlockTable.build(c.key.trim(n)),
			surnameGiven: BlockTable.build(c.surnameGiven.trim(n))
		};
		const s = this.#strings;
		const own = <T extends Int32Array | Float64Array | Uint8Array | Uint16Array>(col: Column<T>) =>
			col.trim(n).slice() as T;
		return new ResidentIndex(
			n,
			this.#text,
			this.#tokens,
			{
				ids: s.ids.trim(),
				name: s.name.trim(),
				father: s.father.trim(),
				mother: s.mother.trim(),
				surname: own(c.surname),
				middle: own(c.middle),
				given: own(c.given),
				key: own(c.key),
				fatherKey: own(c.fatherKey),
				motherKey: own(c.motherKey),
				year: own(c.year),
				month: own(c.month),
				day: own(c.day),
				sex: own(c.sex),
				pid: own(c.pid),
				birthPlace: own(c.birthPlace),
				nativePlace: own(c.nativePlace),
				residence: own(c.residence),
				birthDateText: own(c.birthDateText),
				sexText: own(c.sexText)
			},
			blocks
		);
	}
}
