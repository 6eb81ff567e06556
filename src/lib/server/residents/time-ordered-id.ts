import { randomUUID } from 'node:crypto';

let lastMs = 0;
let seq = 0;
let timeHex = '';

/**
 * A UUID in the version 7 layout (RFC 9562): milliseconds first, then a counter, then random bits.
 * Ids made one after another sort one after another, so a bulk import appends to the end of the
 * primary-key B-tree instead of writing into a random page of it for every person (a fifth of
 * SQLite's share of an import, docs/BENCHMARKS.md). Strictly increasing within this process.
 */
export function timeOrderedId(now: number = Date.now()): string {
	if (now > lastMs) {
		lastMs = now;
		seq = 0;
	} else if (++seq > 0xfff) {
		// 4,096 ids in one millisecond: borrow the next one.
		lastMs++;
		seq = 0;
	}
	if (seq === 0) {
		const t = lastMs.toString(16).padStart(12, '0');
		timeHex = `${t.slice(0, 8)}-${t.slice(8, 12)}-7`;
	}
	// randomUUID's variant and random tail (its entropy is pooled, so this stays cheap).
	return `${timeHex}${seq.toString(16).padStart(3, '0')}${randomUUID().slice(18)}`;
}
