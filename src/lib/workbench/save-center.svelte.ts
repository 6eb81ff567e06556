/**
 * The tab's edit queues, shared by every entry page the user moves through (edits of the last
 * entry keep sending while the next one is open), made reactive for Svelte, and wired to the
 * browser: the API, IndexedDB, and the online/offline events. One queue per channel: the entry's
 * own fields (PATCH) and the second keying's draft (PUT …/keying), both saved the same way.
 */
import {
	EditQueue,
	type FieldEdit,
	type FieldEdits,
	type Send,
	type SendResult
} from './edit-queue';
import { IndexedDbPendingStore, MemoryPendingStore } from './idb-store';
import { KeyingChannel } from './keying-channel';
import { failedSend } from './send-result';

/** Where a queue's edits go: its name keeps its stored edits apart, `send` is its transport. */
export interface SaveChannel {
	readonly name: string;
	readonly send: Send;
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
	return failedSend(res, 'entry.staleVersion');
}

/** The entry's own fields, saved through `PATCH /api/v1/entries/:id`. */
export const entryChannel: SaveChannel = { name: 'entry', send: sendPatch };

export class SaveCenter<C extends SaveChannel = SaveChannel> {
	#tick = $state(0);
	readonly queue: EditQueue;
	readonly ready: Promise<unknown>;
	/** The browser's own idea of the network, for the banner before a save has even failed. */
	browserOffline = $state(false);

	constructor(
		readonly userId: string,
		readonly channel: C
	) {
		const store =
			typeof indexedDB === 'undefined'
				? new MemoryPendingStore()
				: new IndexedDbPendingStore(userId, channel.name);
		this.queue = new EditQueue({ send: channel.send, store, onChange: () => this.#tick++ });
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
let keyingCenter: SaveCenter<KeyingChannel> | null = null;

/** The tab's save center for this user (a new login on the same tab gets its own). */
export function saveCenter(userId: string): SaveCenter {
	if (!center || center.userId !== userId) center = new SaveCenter(userId, entryChannel);
	return center;
}

/** The tab's save center for this user's second keyings. */
export function keyingSaveCenter(userId: string): SaveCenter<KeyingChannel> {
	if (!keyingCenter || keyingCenter.userId !== userId)
		keyingCenter = new SaveCenter(userId, new KeyingChannel());
	return keyingCenter;
}
