import type { RequestHandler } from './$types';
import { api } from '$lib/server/http';

export const GET: RequestHandler = ({ url, locals }) =>
	api(locals.lang, async () => {
		const p = url.searchParams;
		const entries = await locals.services.entries.list(locals.user!, {
			state: p.get('state') || undefined,
			book: p.get('book') || undefined,
			unit: p.get('unit') || undefined
		});
		return { entries };
	});
