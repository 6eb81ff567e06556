import type { RequestHandler } from './$types';
import { api, readJson } from '$lib/server/http';
import { blindBody } from '$lib/server/api-schemas';

export const POST: RequestHandler = ({ params, locals, request }) =>
	api(locals.lang, async () => {
		const body = await readJson(request, blindBody);
		return locals.services.review.blindCheck(locals.user!, params.id, body);
	});
