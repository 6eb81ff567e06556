import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { roleHome } from '$lib/auth/roles';

/** `/` is each role's home: the place that role starts its day. */
export const load: PageServerLoad = ({ locals }) => {
	redirect(303, roleHome[locals.user!.role]);
};
