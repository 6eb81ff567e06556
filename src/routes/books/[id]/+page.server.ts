import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { AppError } from '$lib/server/errors';
import { t } from '$lib/i18n';
import { pageError } from '$lib/server/http';
import { authorizeRoute } from '$lib/server/authz';
import { readForm } from '$lib/server/form';

export const load: PageServerLoad = async ({ locals, params }) => {
	try {
		const book = await locals.services.books.get(locals.user!, params.id);
		const queue = await locals.services.books.queue(locals.user!, params.id);
		const pages = await locals.services.books.pages(locals.user!, params.id);
		// The export page's own policy decides whether the book links to it.
		const canExport = authorizeRoute('/books/[id]/export', locals.user!.role) === 'allow';
		const blindRekey = await locals.services.review.blindRekeyOn(locals.user!, params.id);
		const doubleKeying = await locals.services.doubleKeying.doubleKeyingOn(locals.user!, params.id);
		const role = locals.user!.role;
		const failedJobs = await locals.services.failedJobs.list(locals.user!, { bookId: params.id });
		return {
			failedJobs,
			// The retry is the failed-jobs page's action: its policy decides who sees the button.
			canRetryJobs: authorizeRoute('/admin/jobs', role) === 'allow',
			book,
			queue,
			pages,
			canExport,
			review: { blindRekey, canChange: role === 'supervisor' },
			// For showing the switch only: the service decides who may change it.
			keying: { doubleKeying, canChange: role === 'supervisor' || role === 'admin' }
		};
	} catch (e) {
		pageError(e, locals.lang);
	}
};

export const actions: Actions = {
	/** A supervisor switches the book's blind re-keying on or off (the service decides who may). */
	review: async ({ locals, params, request }) => {
		const form = await readForm(request, locals.lang);
		try {
			await locals.services.review.setBlindRekey(
				locals.user!,
				params.id,
				form.get('blindRekey') === 'on'
			);
		} catch (e) {
			if (!(e instanceof AppError)) throw e;
			return fail(e.status, { message: t(locals.lang, e.code, e.params) });
		}
		return { done: t(locals.lang, 'book.blindRekeySaved') };
	},
	/** A supervisor or admin switches double keying (entries already submitted keep their course). */
	keying: async ({ locals, params, request }) => {
		const form = await readForm(request, locals.lang);
		try {
			await locals.services.doubleKeying.setDoubleKeying(
				locals.user!,
				params.id,
				form.get('doubleKeying') === 'on'
			);
		} catch (e) {
			if (!(e instanceof AppError)) throw e;
			return fail(e.status, { keyingMessage: t(locals.lang, e.code, e.params) });
		}
		return { keyingDone: t(locals.lang, 'book.doubleKeyingSaved') };
	}
};
