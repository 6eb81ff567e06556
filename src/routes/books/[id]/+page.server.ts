import type { PageServerLoad } from './$types';
import { pageError } from '$lib/server/http';

export const load: PageServerLoad = async ({ locals, params }) => {
	try {
		const book = await locals.services.books.get(locals.user!, params.id);
		const queue = await locals.services.books.queue(locals.user!, params.id);
		const pages = await locals.services.books.pages(locals.user!, params.id);
		return { book, queue, pages };
	} catch (e) {
		pageError(e, locals.lang);
	}
};
