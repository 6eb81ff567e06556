import type { RequestHandler } from './$types';
import { api, readJson } from '$lib/server/http';
import { reconciliationBody } from '$lib/server/reconcile-schemas';

export const PUT: RequestHandler = ({ params, locals, request }) =>
	api(locals.lang, async () => {
		const body = await readJson(request, reconciliationBody);
		return locals.services.reconcile.decide(locals.user!, params.id, body);
	});
