/**
 * `fn` over `items`, results in the items' order, with up to `ahead` calls under way at once: the
 * book job records page N while pages N+1… are already being read. A stopped consumer (`break`)
 * waits for the calls already started, so nothing is left running behind the job.
 */
export async function* readAhead<T, R>(
	items: readonly T[],
	ahead: number,
	fn: (item: T) => Promise<R>
): AsyncGenerator<R, void, undefined> {
	const started: Promise<R>[] = [];
	let next = 0;
	try {
		for (;;) {
			while (next < items.length && started.length < Math.max(1, ahead)) {
				const p = fn(items[next++]!);
				// Awaited in turn below; until then a failure must not count as unhandled.
				p.catch(() => {});
				started.push(p);
			}
			const first = started.shift();
			if (!first) return;
			yield await first;
		}
	} finally {
		await Promise.allSettled(started);
	}
}
