import type { RequestHandler } from './$types';
import { api, readJson } from '$lib/server/http';
import { regionBody } from '$lib/server/api-schemas';

export const PUT: RequestHandler = ({ params, locals, request }) =>
	api(locals.lang, async () => {
		const body = await readJson(request, regionBody);
		return locals.services.entryRegions.setRegion(locals.user!, params.id, body);
	});
