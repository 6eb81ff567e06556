/**
 * The tab's one edit queue, shared by every entry page the clerk moves through (edits of the last
 * entry keep sending while the next one is open), made reactive for Svelte, and wired to the
 * browser: the PATCH API, IndexedDB, and the online/offline events.
 */
import { EditQueue, type FieldEdit, type FieldEdits, type SendResult } from './edit-queue';
import { IndexedDbPendingStore, MemoryPendingStore } from './idb-store';

interface ApiError {
	error?: { code?: string; message?: string; params?: Record<string, unknown> };
}

/** One PATCH, its answer mapped to what the queue does next. */
export async function sendPatch(
	entryId: string,
	version: number,
	fields: FieldEdits
): Promise<SendResult> {
	let res: Response;
	try {
		res = await fetch(`/api/v1/entries/${encodeURIComponent(entryId)}`, {
			method: 'PATCH',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ version, fields })
		});
	} catch {
		return { kind: 'offline' };
	}
	if (res.ok)
		return { kind: 'saved', version: ((await res.json()) as { version: number }).version };
	// A restarting server or a proxy without it: the same as no network, try again later.
	if (res.status >= 500) return { kind: 'offline' };
	const body = (await res.json().catch(() => ({}))) as ApiError;
	const code = body.error?.code ?? `http.${res.status}`;
	if (res.status === 409 && code === 'entry.staleVersion')
		return { kind: 'conflict', currentVersion: Number(body.error?.params?.current) };
	return { kind: 'refused', status: res.status, code, message: body.error?.message ?? code };
}

export class SaveCenter {
	#tick = $state(0);
	readonly queue: EditQueue;
	readonly ready: Promise<unknown>;
	/** The browser's own idea of the network, for the banner before a save has even failed. */
	browserOffline = $state(false);

	constructor(readonly userId: string) {
		const store =
			typeof indexedDB === 'undefined'
				? new MemoryPendingStore()
				: new IndexedDbPendingStore(userId);
		this.queue = new EditQueue({ send: sendPatch, store, onChange: () => this.#tick++ });
		this.ready = this.queue.restore().catch(() => []);
		this.browserOffline = !navigator.onLine;
		addEventListener('online', () => {
			this.browserOffline = false;
			this.queue.online();
		});
		addEventListener('offline', () => (this.browserOffline = true));
	}

	state(entryId: string) {
		void this.#tick;
		return this.queue.state(entryId);
	}

	get totalPending(): number {
		void this.#tick;
		return this.queue.totalPending;
	}

	get offline(): boolean {
		void this.#tick;
		return this.queue.offline || this.browserOffline;
	}

	edit(entryId: string, key: string, change: FieldEdit): Promise<void> {
		return this.queue.edit(entryId, key, change);
	}
}

let center: SaveCenter | null = null;

/** The tab's save center for this user (a new login on the same tab gets its own). */
export function saveCenter(userId: string): SaveCenter {
	if (!center || center.userId !== userId) center = new SaveCenter(userId);
	return center;
}
