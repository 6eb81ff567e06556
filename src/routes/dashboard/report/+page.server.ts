import type { PageServerLoad } from './$types';
import { pageError } from '$lib/server/http';
import { parseQuery, reportQuery } from '$lib/server/supervision/schemas';

export const load: PageServerLoad = async ({ locals, url }) => {
	try {
		return {
			report: await locals.services.dailyReports.report(
				locals.user!,
				parseQuery(url.searchParams, reportQuery)
			)
		};
	} catch (e) {
		pageError(e, locals.lang);
	}
};
