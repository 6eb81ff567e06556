import type { RequestHandler } from './$types';
import { api } from '$lib/server/http';
import { statsBody } from '$lib/server/services/stats-service';
import { parseQuery, statsQuery } from '$lib/server/supervision/schemas';

export const GET: RequestHandler = ({ url, locals }) =>
	api(locals.lang, async () =>
		statsBody(
			await locals.services.stats.dashboard(locals.user!, parseQuery(url.searchParams, statsQuery))
		)
	);
