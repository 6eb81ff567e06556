/**
 * Moving through a book's queue (returned entries first, then book order): the next entry is the
 * next one still to be worked on, wrapping to the start, so "accept and next" never lands on an
 * entry that is done or waiting for someone else.
 */
export interface QueueStop {
	id: string;
	state: string;
}

export interface QueueNeighbours {
	next: string | null;
	prev: string | null;
	/** The next few, to fetch ahead. */
	upcoming: string[];
	/** 1-based place of the current entry in the queue, and the queue's length. */
	position: number;
	total: number;
	/** Entries still to be worked on, the current one included if it is. */
	remaining: number;
}

export function queueNeighbours(
	queue: readonly QueueStop[],
	currentId: string,
	workable: ReadonlySet<string>,
	ahead = 2
): QueueNeighbours {
	const at = queue.findIndex((q) => q.id === currentId);
	const n = queue.length;
	const walk = (direction: 1 | -1): string[] => {
		const out: string[] = [];
		for (let step = 1; step < n; step++) {
			const q = queue[(((at + direction * step) % n) + n) % n]!;
			if (workable.has(q.state)) out.push(q.id);
		}
		return out;
	};
	const forward = at < 0 ? queue.filter((q) => workable.has(q.state)).map((q) => q.id) : walk(1);
	const backward = at < 0 ? [] : walk(-1);
	return {
		next: forward[0] ?? null,
		prev: backward[0] ?? null,
		upcoming: forward.slice(0, ahead),
		position: at + 1,
		total: n,
		remaining: queue.filter((q) => workable.has(q.state)).length
	};
}
