import type { PageServerLoad } from './$types';
import { pageError } from '$lib/server/http';

/** The page picked (`?page=ID`), if the user may see it: its size, for drawing on its image. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const id = url.searchParams.get('page')?.trim() || null;
	if (!id) return { page: null };
	try {
		const p = await locals.services.pages.get(locals.user!, id);
		return { page: { id: p.id, pageNo: p.pageNo, width: p.width, height: p.height } };
	} catch (e) {
		pageError(e, locals.lang);
	}
};
