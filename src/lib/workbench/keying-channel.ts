/**
 * The second keying's transport for the edit queue. The server keeps a keying draft whole
 * (`PUT /api/v1/entries/:id/keying` replaces its values), while the queue sends only the fields
 * changed since the last save; so the channel remembers the draft the server holds and sends it
 * with the queued changes laid over it.
 */
import type { FieldEdits, SendResult } from './edit-queue';
import { failedSend } from './send-result';

const STALE = 'keying.staleVersion';

/** The draft's values after the queued changes: the held values with each typed value over them. */
export function keyingValues(
	held: Record<string, string>,
	fields: FieldEdits
): Record<string, string> {
	const values = { ...held };
	for (const [k, e] of Object.entries(fields)) if (e.value !== undefined) values[k] = e.value;
	return values;
}

export class KeyingChannel {
	readonly name = 'keying';
	readonly #held = new Map<string, Record<string, string>>();

	/** The draft the server holds for the entry (the page's data, or a fresh read after a conflict). */
	hold(entryId: string, values: Record<string, string>): void {
		this.#held.set(entryId, { ...values });
	}

	/** The draft the server holds, as far as this tab knows. */
	held(entryId: string): Record<string, string> {
		return { ...this.#held.get(entryId) };
	}

	readonly send = async (
		entryId: string,
		version: number,
		fields: FieldEdits
	): Promise<SendResult> => {
		let res: Response;
		try {
			// Edits restored from an earlier visit may go before any page said what the server
			// holds: read it first, so the save never drops values saved before.
			if (!this.#held.has(entryId)) {
				const got = await fetch(`/api/v1/entries/${encodeURIComponent(entryId)}/keying`);
				if (!got.ok) return failedSend(got, STALE);
				this.hold(entryId, ((await got.json()) as { values: Record<string, string> }).values);
			}
			const values = keyingValues(this.held(entryId), fields);
			res = await fetch(`/api/v1/entries/${encodeURIComponent(entryId)}/keying`, {
				method: 'PUT',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ version, values })
			});
		} catch {
			return { kind: 'offline' };
		}
		if (res.ok) {
			const saved = (await res.json()) as { version: number; values: Record<string, string> };
			this.hold(entryId, saved.values);
			return { kind: 'saved', version: saved.version };
		}
		return failedSend(res, STALE);
	};
}
