import type { RequestHandler } from './$types';
import { api } from '$lib/server/http';

export const GET: RequestHandler = ({ params, locals }) =>
	api(locals.lang, async () => ({
		history: await locals.services.review.history(locals.user!, params.id)
	}));
