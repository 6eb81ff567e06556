import type { RequestHandler } from './$types';
import { api, readJson } from '$lib/server/http';
import { settleBody } from '$lib/server/api-schemas';

export const POST: RequestHandler = ({ params, locals, request }) =>
	api(locals.lang, async () => {
		const body = await readJson(request, settleBody);
		return locals.services.review.settle(locals.user!, params.id, body);
	});
