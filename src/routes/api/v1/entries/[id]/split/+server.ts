import type { RequestHandler } from './$types';
import { api, readJson } from '$lib/server/http';
import { splitBody } from '$lib/server/api-schemas';

export const POST: RequestHandler = ({ params, locals, request }) =>
	api(locals.lang, async () => {
		const body = await readJson(request, splitBody);
		return locals.services.entryRegions.split(locals.user!, params.id, body);
	});
