import type { RequestHandler } from './$types';
import { api, readOptionalJson } from '$lib/server/http';
import { candidatesBody } from '$lib/server/reconcile-schemas';

/** Candidates from the saved entry's values. */
export const GET: RequestHandler = ({ params, locals }) =>
	api(locals.lang, () => locals.services.reconcile.candidates(locals.user!, params.id));

/** Candidates from the form's live values (`{fields:{key:value}}` over the saved ones): a query, not a change. */
export const POST: RequestHandler = ({ params, locals, request }) =>
	api(locals.lang, async () => {
		const body = await readOptionalJson(request, candidatesBody);
		return locals.services.reconcile.candidates(locals.user!, params.id, body.fields, body.top);
	});
