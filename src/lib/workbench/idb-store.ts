/**
 * The browser's durable copy of unsent edits (IndexedDB): it outlives a reload, a closed tab and a
 * crashed browser, which is what "nothing a clerk typed may be lost" needs. One record per entry.
 */
import type { PendingEntry, PendingStore } from './edit-queue';

const DB_NAME = 'sohoa-workbench';
const STORE = 'pending-edits';

interface StoredRow {
	key: string;
	userId: string;
	/** Which queue the edits belong to: the entry's fields, or a second keying (absent: 'entry'). */
	channel?: string;
	pending: PendingEntry;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		r.onsuccess = () => resolve(r.result);
		r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
	});
}

function open(): Promise<IDBDatabase> {
	const r = indexedDB.open(DB_NAME, 1);
	r.onupgradeneeded = () => r.result.createObjectStore(STORE, { keyPath: 'key' });
	return request(r);
}

export class IndexedDbPendingStore implements PendingStore {
	#db: Promise<IDBDatabase> | null = null;

	/**
	 * Unsent edits are per user: a shared office PC must not send one clerk's edits as another's;
	 * and per channel, so a second keying's draft never mixes with an entry's own edits.
	 */
	constructor(
		private readonly userId: string,
		private readonly channel = 'entry'
	) {}

	// The entry channel keeps the key it had before channels existed: edits stored then still load.
	#key(entryId: string): string {
		return this.channel === 'entry'
			? `${this.userId}:${entryId}`
			: `${this.userId}:${this.channel}:${entryId}`;
	}

	async #tx(mode: IDBTransactionMode): Promise<IDBObjectStore> {
		this.#db ??= open();
		return (await this.#db).transaction(STORE, mode).objectStore(STORE);
	}

	async all(): Promise<PendingEntry[]> {
		const rows = (await request((await this.#tx('readonly')).getAll())) as StoredRow[];
		return rows
			.filter((r) => r.userId === this.userId && (r.channel ?? 'entry') === this.channel)
			.map((r) => r.pending);
	}

	async put(p: PendingEntry): Promise<void> {
		await request(
			(await this.#tx('readwrite')).put({
				key: this.#key(p.entryId),
				userId: this.userId,
				channel: this.channel,
				pending: p
			} satisfies StoredRow)
		);
	}

	async remove(entryId: string): Promise<void> {
		await request((await this.#tx('readwrite')).delete(this.#key(entryId)));
	}
}

/** Where IndexedDB is missing (some private modes): edits live as long as the tab. */
export class MemoryPendingStore implements PendingStore {
	readonly #rows = new Map<string, PendingEntry>();
	async all() {
		return [...this.#rows.values()];
	}
	async put(p: PendingEntry) {
		this.#rows.set(p.entryId, p);
	}
	async remove(id: string) {
		this.#rows.delete(id);
	}
}
