import { describe, expect, it } from 'vitest';
import {
	EditQueue,
	reconcileRestored,
	type FieldEdits,
	type PendingEntry,
	type PendingStore,
	type SendResult
} from './edit-queue';

/** A store that survives "reloads": a new queue over the same store sees what the last one left. */
class MemoryStore implements PendingStore {
	readonly rows = new Map<string, PendingEntry>();
	async all() {
		return [...this.rows.values()].map((p) => structuredClone(p));
	}
	async put(p: PendingEntry) {
		this.rows.set(p.entryId, structuredClone(p));
	}
	async remove(id: string) {
		this.rows.delete(id);
	}
}

/** A server holding versions; it can be taken offline, and another user can edit behind our back. */
class FakeServer {
	versions = new Map<string, number>();
	values = new Map<string, Record<string, string>>();
	down = false;
	log: { entryId: string; version: number; fields: FieldEdits }[] = [];
	refuse: SendResult | null = null;

	send = async (entryId: string, version: number, fields: FieldEdits): Promise<SendResult> => {
		await Promise.resolve();
		if (this.down) return { kind: 'offline' };
		if (this.refuse) return this.refuse;
		const current = this.versions.get(entryId) ?? 1;
		if (version !== current) return { kind: 'conflict', currentVersion: current };
		this.log.push({ entryId, version, fields });
		const vals = this.values.get(entryId) ?? {};
		for (const [k, e] of Object.entries(fields)) if (e.value !== undefined) vals[k] = e.value;
		this.values.set(entryId, vals);
		this.versions.set(entryId, current + 1);
		return { kind: 'saved', version: current + 1 };
	};
}

/** Timers run when the test says so, so no test waits on the wall clock. */
class ManualTimers {
	#next = 1;
	readonly due = new Map<number, () => void>();
	set = (fn: () => void) => {
		const id = this.#next++;
		this.due.set(id, fn);
		return id;
	};
	clear = (id: unknown) => void this.due.delete(id as number);
	async runAll(rounds = 20) {
		for (let i = 0; i < rounds && this.due.size; i++) {
			const fns = [...this.due.values()];
			this.due.clear();
			for (const fn of fns) fn();
			for (let j = 0; j < 10; j++) await Promise.resolve();
			await new Promise((r) => setImmediate(r));
		}
	}
}

function setup(store = new MemoryStore(), server = new FakeServer()) {
	const timers = new ManualTimers();
	let clock = 1000;
	const q = new EditQueue({
		send: server.send,
		store,
		now: () => clock++,
		setTimer: timers.set,
		clearTimer: timers.clear
	});
	return { q, store, server, timers };
}

describe('EditQueue', () => {
	it('stores each edit locally before sending, then sends them together at the version', async () => {
		const { q, store, server, timers } = setup();
		await q.open('e1', 1, {});
		await q.edit('e1', 'hoTen', { value: 'Nguyễn Văn A' });
		await q.edit('e1', 'hoTen', { value: 'Nguyễn Văn An' });
		await q.edit('e1', 'noiSinh', { flag: 'illegible' });
		expect(store.rows.get('e1')?.fields).toEqual({
			hoTen: { value: 'Nguyễn Văn An' },
			noiSinh: { flag: 'illegible' }
		});
		expect(server.log).toHaveLength(0);
		await timers.runAll();
		expect(server.log).toEqual([
			{
				entryId: 'e1',
				version: 1,
				fields: { hoTen: { value: 'Nguyễn Văn An' }, noiSinh: { flag: 'illegible' } }
			}
		]);
		expect(store.rows.size).toBe(0);
		expect(q.state('e1')).toEqual({ status: 'idle', pending: 0, version: 2 });
	});

	it('keeps edits while offline, says so, and sends them in order when the network returns', async () => {
		const { q, store, server, timers } = setup();
		server.down = true;
		server.versions.set('e2', 4);
		await q.open('e1', 1, {});
		await q.open('e2', 4, {});
		await q.edit('e1', 'a', { value: '1' });
		await q.edit('e2', 'b', { value: '2' });
		await timers.runAll(3);
		expect(q.offline).toBe(true);
		expect(q.state('e1').status).toBe('offline');
		expect(q.totalPending).toBe(2);
		expect(store.rows.size).toBe(2);
		server.down = false;
		q.online();
		await timers.runAll();
		expect(server.log.map((l) => l.entryId)).toEqual(['e1', 'e2']);
		expect(q.totalPending).toBe(0);
		expect(q.offline).toBe(false);
	});

	it('survives a reload: a new queue over the same store sends what the old one left', async () => {
		const store = new MemoryStore();
		const first = setup(store);
		first.server.down = true;
		await first.q.open('e1', 1, {});
		await first.q.edit('e1', 'hoTen', { value: 'Lê Thị Bình' });
		// The tab closes before anything was sent.
		const server = new FakeServer();
		const second = setup(store, server);
		const restored = await second.q.restore();
		expect(restored.map((p) => p.entryId)).toEqual(['e1']);
		const opened = await second.q.open('e1', 1, {});
		expect(opened).toEqual({ restored: { hoTen: { value: 'Lê Thị Bình' } }, conflict: false });
		await second.timers.runAll();
		expect(server.values.get('e1')).toEqual({ hoTen: 'Lê Thị Bình' });
		expect(store.rows.size).toBe(0);
	});

	it('stops on a stale version and resumes at the new one once the clerk keeps their values', async () => {
		const { q, server, timers } = setup();
		server.versions.set('e1', 3); // someone else saved twice meanwhile
		await q.open('e1', 1, {});
		await q.edit('e1', 'a', { value: 'mine' });
		await q.edit('e1', 'b', { value: 'also mine' });
		await timers.runAll();
		expect(q.state('e1')).toMatchObject({ status: 'conflict', conflictVersion: 3, pending: 2 });
		expect(server.log).toHaveLength(0);
		await q.resolveConflict('e1', 3, ['b']);
		await timers.runAll();
		expect(server.log).toEqual([{ entryId: 'e1', version: 3, fields: { a: { value: 'mine' } } }]);
		expect(q.state('e1').status).toBe('idle');
	});

	it('keeps refused edits and their reason; they go again after the clerk changes something', async () => {
		const { q, server, timers } = setup();
		server.refuse = { kind: 'refused', status: 403, code: 'entry.wrongState', message: 'no' };
		await q.open('e1', 1, {});
		await q.edit('e1', 'a', { value: 'x' });
		await timers.runAll();
		expect(q.state('e1')).toMatchObject({
			status: 'refused',
			pending: 1,
			refusal: { code: 'entry.wrongState' }
		});
		server.refuse = null;
		q.retryRefused('e1');
		await timers.runAll();
		expect(server.values.get('e1')).toEqual({ a: 'x' });
	});

	it('keeps an edit typed while its field was being sent', async () => {
		const store = new MemoryStore();
		const server = new FakeServer();
		let release!: () => void;
		const gate = new Promise<void>((r) => (release = r));
		const timers = new ManualTimers();
		const q = new EditQueue({
			store,
			send: async (...args) => {
				await gate;
				return server.send(...args);
			},
			setTimer: timers.set,
			clearTimer: timers.clear
		});
		await q.open('e1', 1, {});
		await q.edit('e1', 'a', { value: 'first' });
		const firstRound = timers.runAll(1);
		await q.edit('e1', 'a', { value: 'second' });
		release();
		await firstRound;
		await timers.runAll();
		expect(server.log.map((l) => l.fields.a?.value)).toEqual(['first', 'second']);
		expect(server.values.get('e1')).toEqual({ a: 'second' });
	});

	it('flush resolves once everything sendable is sent', async () => {
		const { q, server, timers } = setup();
		await q.open('e1', 1, {});
		await q.edit('e1', 'a', { value: 'x' });
		const done = q.flush();
		await timers.runAll();
		await done;
		expect(server.log).toHaveLength(1);
	});
});

describe('EditQueue.exclusive', () => {
	it('runs after the queued edits, at the version they produced, and takes the new version', async () => {
		const { q, timers } = setup();
		await q.open('e1', 1, {});
		await q.edit('e1', 'a', { value: 'x' });
		const seen: number[] = [];
		const done = q.exclusive('e1', async (v) => {
			seen.push(v);
			return v + 1;
		});
		await timers.runAll();
		expect(await done).toBe('done');
		expect(seen).toEqual([2]);
		expect(q.state('e1').version).toBe(3);
	});
	it('does not run while edits wait unsent', async () => {
		const { q, server, timers } = setup();
		server.down = true;
		await q.open('e1', 1, {});
		await q.edit('e1', 'a', { value: 'x' });
		const done = q.exclusive('e1', async () => 99);
		await timers.runAll(3);
		expect(await done).toBe('unsent');
		expect(q.state('e1').version).toBe(1);
	});
});

describe('reconcileRestored', () => {
	const pending: PendingEntry = {
		entryId: 'e1',
		baseVersion: 2,
		since: 0,
		fields: { a: { value: 'new' }, b: { value: 'same' }, c: { flag: 'blank' } }
	};
	it('drops edits the server already holds (a save whose answer was lost)', () => {
		const r = reconcileRestored(pending, 3, {
			a: { value: 'new', normalizedOverride: null, flag: null },
			b: { value: 'same', normalizedOverride: null, flag: null },
			c: { value: '', normalizedOverride: null, flag: 'blank' }
		});
		expect(r).toEqual({ fields: {}, conflict: false });
	});
	it('is a conflict when the server moved on and edits differ', () => {
		const r = reconcileRestored(pending, 3, {
			a: { value: 'theirs', normalizedOverride: null, flag: null },
			b: { value: 'same', normalizedOverride: null, flag: null }
		});
		expect(r.conflict).toBe(true);
		expect(Object.keys(r.fields)).toEqual(['a', 'c']);
	});
	it('applies on the same version', () => {
		const r = reconcileRestored(pending, 2, {});
		expect(r.conflict).toBe(false);
		expect(Object.keys(r.fields)).toEqual(['a', 'b', 'c']);
	});
});
