import type { RequestHandler } from './$types';
import { api, readJson } from '$lib/server/http';
import { fieldBoxBody } from '$lib/server/api-schemas';

export const PUT: RequestHandler = ({ params, locals, request }) =>
	api(locals.lang, async () => {
		const body = await readJson(request, fieldBoxBody);
		return locals.services.entryRegions.setFieldBox(locals.user!, params.id, params.key, body);
	});
