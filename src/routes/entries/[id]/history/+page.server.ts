import type { PageServerLoad } from './$types';
import { pageError } from '$lib/server/http';

/** An entry's audit trail: every submission, correction, settlement, return and approval. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const user = locals.user!;
	try {
		const entry = await locals.services.entries.get(user, params.id);
		const history = await locals.services.review.history(user, params.id);
		return {
			entry: { id: entry.id, seq: entry.seq, type: entry.type, so: entry.fields.so?.value ?? null },
			history
		};
	} catch (e) {
		pageError(e, locals.lang);
	}
};
