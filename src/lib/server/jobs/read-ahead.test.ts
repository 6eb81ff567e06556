import { describe, expect, it } from 'vitest';
import { readAhead } from './read-ahead';

/** A call that finishes when the test says so, to see how many run at once. */
function gate() {
	let open!: () => void;
	const opened = new Promise<void>((r) => (open = r));
	return { open, opened };
}

describe('readAhead', () => {
	it('gives results in the order of the items, whatever order the calls finish in', async () => {
		const delays = [30, 5, 20, 0, 10];
		const out: number[] = [];
		for await (const v of readAhead(delays, 3, async (d) => {
			await new Promise((r) => setTimeout(r, d));
			return d;
		}))
			out.push(v);
		expect(out).toEqual(delays);
	});

	it('runs at most `ahead` calls at once, and starts the next as soon as one is taken', async () => {
		let running = 0;
		let most = 0;
		const gates = Array.from({ length: 6 }, gate);
		const it = readAhead([0, 1, 2, 3, 4, 5], 2, async (i) => {
			most = Math.max(most, ++running);
			await gates[i]!.opened;
			running--;
			return i;
		});
		for (const g of gates) g.open();
		const out: number[] = [];
		for await (const v of it) out.push(v);
		expect(out).toEqual([0, 1, 2, 3, 4, 5]);
		expect(most).toBe(2);
	});

	it('passes a failure on at its place, after the results before it', async () => {
		const out: number[] = [];
		const run = async () => {
			for await (const v of readAhead([1, 2, 3], 3, async (i) => {
				if (i === 2) throw new Error('page 2 unreadable');
				return i;
			}))
				out.push(v);
		};
		await expect(run()).rejects.toThrow('page 2 unreadable');
		expect(out).toEqual([1]);
	});

	it('waits for the calls already started when the consumer stops early', async () => {
		const finished: number[] = [];
		for await (const v of readAhead([0, 1, 2, 3], 3, async (i) => {
			await new Promise((r) => setTimeout(r, 10 * i));
			finished.push(i);
			return i;
		}))
			if (v === 0) break;
		// 1 and 2 were under way when the loop stopped; 3 was never started.
		expect(finished).toEqual([0, 1, 2]);
	});
});
