import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { api, readJson } from '$lib/server/http';
import { drawAuditBody } from '$lib/server/supervision/schemas';

export const POST: RequestHandler = ({ request, locals }) =>
	api(locals.lang, async () => {
		const body = await readJson(request, drawAuditBody);
		const id = await locals.services.sampling.draw(locals.user!, body);
		return json(await locals.services.sampling.get(locals.user!, id), { status: 201 });
	});
