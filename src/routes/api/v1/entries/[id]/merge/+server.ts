import type { RequestHandler } from './$types';
import { api, readJson } from '$lib/server/http';
import { mergeBody } from '$lib/server/api-schemas';

export const POST: RequestHandler = ({ params, locals, request }) =>
	api(locals.lang, async () => {
		const body = await readJson(request, mergeBody);
		return locals.services.entryRegions.merge(locals.user!, params.id, body);
	});
