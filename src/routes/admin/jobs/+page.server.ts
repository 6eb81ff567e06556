import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { AppError } from '$lib/server/errors';
import { t } from '$lib/i18n';
import { readForm } from '$lib/server/form';

export const load: PageServerLoad = async ({ locals }) => ({
	jobs: await locals.services.failedJobs.list(locals.user!)
});

/** Where a retry from a book's page returns to: that book's page, nothing else. */
const backToBook = (next: FormDataEntryValue | null) =>
	typeof next === 'string' && /^\/books\/[\w-]+$/.test(next) ? next : null;

export const actions: Actions = {
	/** Also the book page's retry button: one action, behind this route's admin-only policy. */
	retry: async ({ locals, request }) => {
		const form = await readForm(request, locals.lang);
		let kind: string;
		try {
			const job = await locals.services.failedJobs.retry(
				locals.user!,
				String(form.get('id') ?? '')
			);
			kind = t(locals.lang, `job.kind.${job.kind}`);
		} catch (e) {
			if (!(e instanceof AppError)) throw e;
			return fail(e.status, { message: t(locals.lang, e.code, e.params) });
		}
		const next = backToBook(form.get('next'));
		if (next) redirect(303, next);
		return { retried: t(locals.lang, 'failedJobs.retried', { kind }) };
	}
};
