import type { RequestHandler } from './$types';
import { api, readJson } from '$lib/server/http';
import { returnBody } from '$lib/server/api-schemas';

export const POST: RequestHandler = ({ params, locals, request }) =>
	api(locals.lang, async () => {
		const { version, ...reason } = await readJson(request, returnBody);
		return locals.services.entries.return(locals.user!, params.id, reason, version);
	});
