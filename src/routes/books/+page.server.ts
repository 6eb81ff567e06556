import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	books: await locals.services.books.listVisible(locals.user!),
	isClerk: locals.user!.role === 'clerk'
});
