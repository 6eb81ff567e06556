import type { RequestHandler } from './$types';
import { api } from '$lib/server/http';

export const GET: RequestHandler = ({ params, locals }) =>
	api(locals.lang, () => locals.services.sampling.get(locals.user!, params.id));
