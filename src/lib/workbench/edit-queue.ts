/**
 * Nothing a clerk typed may be lost. Every field change is written to a local store first
 * (IndexedDB in the browser) and then sent to the server in order, one request at a time, at the
 * entry's version. A dropped network keeps the edits queued and retries; a stale version stops
 * that entry's queue until the clerk settles the conflict; a refusal keeps the edits and says why.
 * Framework-free: the transport, the store and the clock are passed in.
 */

/** One field's change: what was written, the normalised override, the flag (any may be absent). */
export interface FieldEdit {
	value?: string;
	normalized?: string | null;
	flag?: string | null;
}

export type FieldEdits = Record<string, FieldEdit>;

/** What is waiting for one entry: the version it was made on and the edits, by field. */
export interface PendingEntry {
	entryId: string;
	baseVersion: number;
	fields: FieldEdits;
	/** When the oldest unsent edit was made (ms): entries are sent oldest first. */
	since: number;
}

export interface PendingStore {
	all(): Promise<PendingEntry[]>;
	put(p: PendingEntry): Promise<void>;
	remove(entryId: string): Promise<void>;
}

export type SendResult =
	| { kind: 'saved'; version: number }
	| { kind: 'conflict'; currentVersion: number }
	| { kind: 'offline' }
	| { kind: 'refused'; status: number; code: string; message: string };

export type Send = (entryId: string, version: number, fields: FieldEdits) => Promise<SendResult>;

export type QueueStatus = 'idle' | 'waiting' | 'saving' | 'offline' | 'conflict' | 'refused';

export interface EntryQueueState {
	status: QueueStatus;
	pending: number;
	version: number | null;
	refusal?: { status: number; code: string; message: string };
	conflictVersion?: number;
}

export interface QueueOptions {
	send: Send;
	store: PendingStore;
	/** Quiet time after the last keystroke before sending. */
	debounceMs?: number;
	/** Waits between retries while offline: grows to the last value and stays there. */
	retryMs?: readonly number[];
	onChange?: () => void;
	now?: () => number;
	setTimer?: (fn: () => void, ms: number) => unknown;
	clearTimer?: (handle: unknown) => void;
}

const sameEdit = (a: FieldEdit | undefined, b: FieldEdit | undefined) =>
	!!a && !!b && a.value === b.value && a.normalized === b.normalized && a.flag === b.flag;

export class EditQueue {
	readonly #pending = new Map<string, PendingEntry>();
	readonly #blocked = new Map<
		string,
		Pick<EntryQueueState, 'status' | 'refusal' | 'conflictVersion'>
	>();
	readonly #versions = new Map<string, number>();
	readonly #opt: Required<Omit<QueueOptions, 'onChange'>> & Pick<QueueOptions, 'onChange'>;
	#sending: string | null = null;
	#offline = false;
	#retry = 0;
	#timer: unknown = null;
	#idle: (() => void)[] = [];

	constructor(options: QueueOptions) {
		this.#opt = {
			debounceMs: 600,
			retryMs: [1000, 2000, 5000, 10000],
			now: () => Date.now(),
			setTimer: (fn, ms) => setTimeout(fn, ms),
			clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
			...options
		};
	}

	/** Loads what an earlier page (or a crash) left unsent, and starts sending it. */
	async restore(): Promise<PendingEntry[]> {
		const saved = await this.#opt.store.all();
		for (const p of saved) this.#pending.set(p.entryId, p);
		this.#changed();
		if (saved.length) this.#schedule(0);
		return saved;
	}

	/**
	 * The page loaded an entry at the server's `version` with these stored fields. Unsent edits for
	 * it (from before a reload or a crash) are checked against them: those the server already holds
	 * are dropped, the rest are returned to show in the form, and if the server moved on meanwhile
	 * the entry waits as a conflict for the clerk to settle.
	 */
	async open(
		entryId: string,
		version: number,
		stored: Record<string, StoredField | undefined>
	): Promise<{ restored: FieldEdits; conflict: boolean }> {
		const p = this.#pending.get(entryId);
		if (!p) {
			this.#versions.set(entryId, version);
			this.#changed();
			return { restored: {}, conflict: false };
		}
		// A request for it is out: its answer will settle the version; show what is queued.
		if (this.#sending === entryId) return { restored: clone(p.fields), conflict: false };
		const r = reconcileRestored(p, version, stored);
		p.fields = r.fields;
		if (r.conflict) {
			this.#blocked.set(entryId, { status: 'conflict', conflictVersion: version });
			this.#versions.set(entryId, p.baseVersion);
		} else {
			p.baseVersion = version;
			this.#versions.set(entryId, version);
		}
		await this.#persist(p);
		this.#changed();
		return { restored: clone(r.fields), conflict: r.conflict };
	}

	pendingFor(entryId: string): PendingEntry | undefined {
		return this.#pending.get(entryId);
	}

	state(entryId: string): EntryQueueState {
		const p = this.#pending.get(entryId);
		const blocked = this.#blocked.get(entryId);
		const pending = p ? Object.keys(p.fields).length : 0;
		const version = p?.baseVersion ?? this.#versions.get(entryId) ?? null;
		if (blocked) return { ...blocked, pending, version };
		const status: QueueStatus =
			this.#sending === entryId
				? 'saving'
				: pending === 0
					? 'idle'
					: this.#offline
						? 'offline'
						: 'waiting';
		return { status, pending, version };
	}

	get offline(): boolean {
		return this.#offline;
	}

	/** Every entry's unsent edits, counted: the banner's figure. */
	get totalPending(): number {
		let n = 0;
		for (const p of this.#pending.values()) n += Object.keys(p.fields).length;
		return n;
	}

	/** Records a change: stored locally before anything else, then sent after a quiet moment. */
	async edit(entryId: string, key: string, change: FieldEdit): Promise<void> {
		const base = this.#versions.get(entryId);
		if (base === undefined) throw new Error(`entry ${entryId} is not tracked`);
		const p = this.#pending.get(entryId) ?? {
			entryId,
			baseVersion: base,
			fields: {},
			since: this.#opt.now()
		};
		p.fields[key] = { ...p.fields[key], ...change };
		this.#pending.set(entryId, p);
		await this.#opt.store.put(clone(p));
		this.#changed();
		this.#schedule(this.#opt.debounceMs);
	}

	/** Sends everything now (before submitting, before leaving); resolves once nothing is waiting
	 * that can be sent (offline, conflicted and refused entries stay queued). */
	flush(): Promise<void> {
		this.#schedule(0);
		return new Promise((resolve) => {
			if (!this.#hasSendable() && this.#sending === null) resolve();
			else this.#idle.push(resolve);
		});
	}

	/**
	 * Runs a change that is not a field edit (a redrawn box, a split, a merge) at the entry's
	 * current version, once every edit before it is on the server, so the two never race; `run`
	 * returns the version the server answered with. Refused (null) while edits cannot be sent.
	 */
	async exclusive(
		entryId: string,
		run: (version: number) => Promise<number | null>
	): Promise<'done' | 'unsent' | 'failed'> {
		await this.flush();
		if (this.#pending.has(entryId) || this.#sending === entryId) return 'unsent';
		const version = this.#versions.get(entryId);
		if (version === undefined) throw new Error(`entry ${entryId} is not tracked`);
		const next = await run(version);
		if (next === null) return 'failed';
		this.#versions.set(entryId, next);
		this.#changed();
		return 'done';
	}

	/** The browser says the network is back: try at once. */
	online(): void {
		if (!this.#offline) return;
		this.#retry = 0;
		this.#schedule(0);
	}

	/**
	 * The clerk settled a stale-version conflict: the kept edits now build on `currentVersion`;
	 * fields in `drop` take the other version (their edits are discarded).
	 */
	async resolveConflict(entryId: string, currentVersion: number, drop: readonly string[]) {
		const p = this.#pending.get(entryId);
		this.#blocked.delete(entryId);
		this.#versions.set(entryId, currentVersion);
		if (p) {
			p.baseVersion = currentVersion;
			for (const k of drop) delete p.fields[k];
			await this.#persist(p);
		}
		this.#changed();
		this.#schedule(0);
	}

	/** After a refusal the clerk changed something: let the entry's edits go again. */
	retryRefused(entryId: string): void {
		if (this.#blocked.get(entryId)?.status !== 'refused') return;
		this.#blocked.delete(entryId);
		this.#changed();
		this.#schedule(0);
	}

	#hasSendable(): boolean {
		for (const id of this.#pending.keys()) if (!this.#blocked.has(id)) return true;
		return false;
	}

	#next(): PendingEntry | undefined {
		let best: PendingEntry | undefined;
		for (const p of this.#pending.values())
			if (!this.#blocked.has(p.entryId) && (!best || p.since < best.since)) best = p;
		return best;
	}

	#schedule(ms: number): void {
		if (this.#timer !== null) this.#opt.clearTimer(this.#timer);
		this.#timer = this.#opt.setTimer(() => {
			this.#timer = null;
			void this.#pump();
		}, ms);
	}

	async #pump(): Promise<void> {
		if (this.#sending !== null) return;
		const p = this.#next();
		if (!p) return this.#settled();
		const sent = clone(p.fields);
		this.#sending = p.entryId;
		this.#changed();
		let r: SendResult;
		try {
			r = await this.#opt.send(p.entryId, p.baseVersion, sent);
		} catch {
			r = { kind: 'offline' };
		}
		this.#sending = null;
		if (r.kind === 'offline') {
			this.#offline = true;
			const waits = this.#opt.retryMs;
			const wait = waits[Math.min(this.#retry++, waits.length - 1)] ?? 5000;
			this.#changed();
			this.#schedule(wait);
			this.#settled();
			return;
		}
		this.#offline = false;
		this.#retry = 0;
		if (r.kind === 'saved') {
			// Edits typed while the request was out stay queued; the sent ones are done.
			for (const [k, e] of Object.entries(sent)) if (sameEdit(p.fields[k], e)) delete p.fields[k];
			p.baseVersion = r.version;
			this.#versions.set(p.entryId, r.version);
			await this.#persist(p);
		} else if (r.kind === 'conflict') {
			this.#blocked.set(p.entryId, { status: 'conflict', conflictVersion: r.currentVersion });
		} else {
			this.#blocked.set(p.entryId, {
				status: 'refused',
				refusal: { status: r.status, code: r.code, message: r.message }
			});
		}
		this.#changed();
		if (this.#hasSendable()) this.#schedule(0);
		else this.#settled();
	}

	async #persist(p: PendingEntry): Promise<void> {
		if (Object.keys(p.fields).length === 0) {
			this.#pending.delete(p.entryId);
			await this.#opt.store.remove(p.entryId);
		} else {
			p.since = Math.min(p.since, this.#opt.now());
			await this.#opt.store.put(clone(p));
		}
	}

	#settled(): void {
		if (this.#sending !== null) return;
		if (this.#hasSendable() && !this.#offline) return;
		const waiting = this.#idle;
		this.#idle = [];
		for (const resolve of waiting) resolve();
	}

	#changed(): void {
		this.#opt.onChange?.();
	}
}

function clone<T>(v: T): T {
	return JSON.parse(JSON.stringify(v)) as T;
}

/** The server's copy of a field, as far as the queue compares it. */
export interface StoredField {
	value: string;
	normalizedOverride: string | null;
	flag: string | null;
}

/**
 * Edits restored after a reload, against the entry the server now has: edits the server already
 * holds (a save whose answer was lost) are dropped; the rest either apply on the same version or,
 * on a newer one, are a conflict for the clerk to settle.
 */
export function reconcileRestored(
	p: PendingEntry,
	serverVersion: number,
	server: Record<string, StoredField | undefined>
): { fields: FieldEdits; conflict: boolean } {
	const fields: FieldEdits = {};
	for (const [k, e] of Object.entries(p.fields)) {
		const s = server[k];
		const held =
			(e.value === undefined || e.value === (s?.value ?? '')) &&
			(e.normalized === undefined || e.normalized === (s?.normalizedOverride ?? null)) &&
			(e.flag === undefined || e.flag === (s?.flag ?? null));
		if (!held) fields[k] = e;
	}
	const conflict = Object.keys(fields).length > 0 && serverVersion !== p.baseVersion;
	return { fields, conflict };
}
