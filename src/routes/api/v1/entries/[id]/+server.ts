import type { RequestHandler } from './$types';
import { api, readJson } from '$lib/server/http';
import { patchEntryBody } from '$lib/server/api-schemas';

export const GET: RequestHandler = ({ params, locals }) =>
	api(locals.lang, () => locals.services.entries.get(locals.user!, params.id));

export const PATCH: RequestHandler = ({ params, locals, request }) =>
	api(locals.lang, async () => {
		const body = await readJson(request, patchEntryBody);
		return locals.services.entries.update(locals.user!, params.id, body);
	});
