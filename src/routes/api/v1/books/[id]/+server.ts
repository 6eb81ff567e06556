import type { RequestHandler } from './$types';
import { api, readJson } from '$lib/server/http';
import { bookSwitchesBody } from '$lib/server/api-schemas';

/** Sets the book's review switches `{doubleKeying?, blindRekey?}`; answers `{id, doubleKeying, blindRekey}`. */
export const PATCH: RequestHandler = ({ params, locals, request }) =>
	api(locals.lang, async () => {
		const body = await readJson(request, bookSwitchesBody);
		return locals.services.books.setSwitches(locals.user!, params.id, body);
	});
