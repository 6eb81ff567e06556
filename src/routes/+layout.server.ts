import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	lang: locals.lang,
	user: locals.user
		? {
				id: locals.user.id,
				username: locals.user.username,
				displayName: locals.user.displayName,
				role: locals.user.role
			}
		: null
});
