import type { PageServerLoad } from './$types';

/**
 * The officer's queue: every submitted entry in their units that is ready for review (a
 * double-keyed entry once both keyings are in), the longest-waiting first.
 */
export const load: PageServerLoad = async ({ locals }) => {
	const user = locals.user!;
	const { books, entries, review } = locals.services;
	const submitted = await entries.list(user, {
		state: 'submitted',
		readyForReview: true,
		limit: 2000
	});
	submitted.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.seq - b.seq);
	const bookIds = [...new Set(submitted.map((e) => e.book))];
	const byBook = new Map((await books.listVisible(user)).map((b) => [b.id, b]));
	// Names come from each book's queue: one query per book with waiting entries, not per entry.
	// Books reviewed with blind re-keying list no names or numbers: the officer is to read those
	// from the scan, not from the clerk's transcription.
	const names = new Map<string, { name: string | null; so: string | null }>();
	const blind = new Set<string>();
	for (const id of bookIds) {
		if (await review.blindRekeyOn(user, id)) {
			blind.add(id);
			continue;
		}
		for (const q of await books.queue(user, id)) names.set(q.id, { name: q.name, so: q.so });
	}
	return {
		items: submitted.map((e) => {
			const b = byBook.get(e.book);
			return {
				id: e.id,
				seq: e.seq,
				submittedAt: e.updatedAt,
				returnCount: e.returnCount,
				blind: blind.has(e.book),
				name: names.get(e.id)?.name ?? null,
				so: names.get(e.id)?.so ?? null,
				bookId: e.book,
				bookNumber: b?.bookNumber ?? '',
				year: b?.year ?? null,
				registerType: e.type,
				unitName: b?.unitName ?? e.unit
			};
		})
	};
};
