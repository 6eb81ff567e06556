import type { PageServerLoad } from './$types';
import { progressByUnit } from './unit-progress';

export const load: PageServerLoad = async ({ locals }) => ({
	isSupervisor: locals.user!.role === 'supervisor',
	...progressByUnit(await locals.services.books.listVisible(locals.user!))
});
