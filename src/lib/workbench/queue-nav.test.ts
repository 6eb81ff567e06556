import { describe, expect, it } from 'vitest';
import { queueNeighbours } from './queue-nav';

const clerkStates = new Set(['prefilled', 'in_progress', 'returned']);
const queue = [
	{ id: 'r1', state: 'returned' },
	{ id: 'a', state: 'prefilled' },
	{ id: 'b', state: 'submitted' },
	{ id: 'c', state: 'in_progress' },
	{ id: 'd', state: 'approved' }
];

describe('queueNeighbours', () => {
	it('skips entries that are done or with someone else, and wraps around', () => {
		expect(queueNeighbours(queue, 'a', clerkStates)).toMatchObject({
			next: 'c',
			prev: 'r1',
			upcoming: ['c', 'r1'],
			position: 2,
			total: 5,
			remaining: 3
		});
		expect(queueNeighbours(queue, 'c', clerkStates).next).toBe('r1');
	});
	it('from an entry no longer in the work (just submitted), goes on from its place', () => {
		expect(queueNeighbours(queue, 'b', clerkStates).next).toBe('c');
	});
	it('is empty-handed when nothing else is left', () => {
		const one = [{ id: 'x', state: 'prefilled' }];
		expect(queueNeighbours(one, 'x', clerkStates)).toMatchObject({ next: null, prev: null });
	});
});
