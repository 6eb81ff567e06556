import type { RequestHandler } from './$types';
import { api, readJson } from '$lib/server/http';
import { keyingBody } from '$lib/server/api-schemas';

/** Submits the second keying with its final values; answers the comparison's outcome. */
export const POST: RequestHandler = ({ params, locals, request }) =>
	api(locals.lang, async () => {
		const body = await readJson(request, keyingBody);
		return locals.services.doubleKeying.submit(locals.user!, params.id, body);
	});
