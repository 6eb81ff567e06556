import type { RequestHandler } from './$types';
import { api } from '$lib/server/http';

/** The review's state: blind re-keying on for the book, its fields, this round's re-keying. */
export const GET: RequestHandler = ({ params, locals }) =>
	api(locals.lang, () => locals.services.review.info(locals.user!, params.id));
