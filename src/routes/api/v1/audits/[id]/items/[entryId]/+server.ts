import type { RequestHandler } from './$types';
import { api, readJson } from '$lib/server/http';
import { checkItemBody } from '$lib/server/supervision/schemas';

export const POST: RequestHandler = ({ params, request, locals }) =>
	api(locals.lang, async () => {
		const body = await readJson(request, checkItemBody);
		return locals.services.sampling.record(
			locals.user!,
			params.id,
			params.entryId,
			body.result,
			body.note ?? null
		);
	});
