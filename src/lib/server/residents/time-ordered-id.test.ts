import { describe, expect, it } from 'vitest';
import { timeOrderedId } from './time-ordered-id';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedId', () => {
	it('is a version 7 UUID whose first 48 bits are the time', () => {
		const id = timeOrderedId(Date.UTC(2026, 11, 6));
		expect(id).toMatch(UUID_V7);
		expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBeGreaterThanOrEqual(
			Date.UTC(2026, 11, 6)
		);
	});
	it('sorts in the order made, within one millisecond and past 4,096 of them', () => {
		const at = Date.UTC(2030, 0, 1);
		const ids = Array.from({ length: 10_000 }, () => timeOrderedId(at));
		expect(new Set(ids).size).toBe(ids.length);
		expect([...ids].sort()).toEqual(ids);
		for (const id of ids) expect(id).toMatch(UUID_V7);
	});
	it('never goes back when the clock does', () => {
		const a = timeOrderedId(Date.UTC(2031, 0, 1));
		const b = timeOrderedId(Date.UTC(2020, 0, 1));
		expect(b > a).toBe(true);
	});
});
