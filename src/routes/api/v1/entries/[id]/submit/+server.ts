import type { RequestHandler } from './$types';
import { api, readOptionalJson } from '$lib/server/http';
import { transitionBody } from '$lib/server/api-schemas';

export const POST: RequestHandler = ({ params, locals, request }) =>
	api(locals.lang, async () => {
		const body = await readOptionalJson(request, transitionBody);
		return locals.services.entries.submit(locals.user!, params.id, body.version);
	});
