import type { RequestHandler } from './$types';
import { api, readJson } from '$lib/server/http';
import { keyingBody } from '$lib/server/api-schemas';

/** The user's second keying of a double-keyed entry so far. */
export const GET: RequestHandler = ({ params, locals }) =>
	api(locals.lang, () => locals.services.doubleKeying.keying(locals.user!, params.id));

/** Saves the second keying typed so far, at its version (409 when stale). */
export const PUT: RequestHandler = ({ params, locals, request }) =>
	api(locals.lang, async () => {
		const body = await readJson(request, keyingBody);
		return locals.services.doubleKeying.save(locals.user!, params.id, body);
	});
