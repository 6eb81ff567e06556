import type { PageServerLoad } from './$types';
import { pageError } from '$lib/server/http';
import { authorizeRoute } from '$lib/server/authz';

export const load: PageServerLoad = async ({ locals, params }) => {
	try {
		const book = await locals.services.books.get(locals.user!, params.id);
		const queue = await locals.services.books.queue(locals.user!, params.id);
		const pages = await locals.services.books.pages(locals.user!, params.id);
		// The export page's own policy decides whether the book links to it.
		const canExport = authorizeRoute('/books/[id]/export', locals.user!.role) === 'allow';
		return { book, queue, pages, canExport };
	} catch (e) {
		pageError(e, locals.lang);
	}
};
