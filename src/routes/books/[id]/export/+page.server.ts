import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { AppError } from '$lib/server/errors';
import { pageError } from '$lib/server/http';
import { DEFAULT_FILE_NAME_PATTERN } from '$lib/export/file-names';
import { t } from '$lib/i18n';
import { readForm } from '$lib/server/form';

export const load: PageServerLoad = async ({ locals, params }) => {
	try {
		const book = await locals.services.books.get(locals.user!, params.id);
		const status = await locals.services.exports.status(locals.user!, params.id);
		return { book, status, defaultPattern: DEFAULT_FILE_NAME_PATTERN };
	} catch (e) {
		pageError(e, locals.lang);
	}
};

export const actions: Actions = {
	start: async ({ request, locals, params }) => {
		const form = await readForm(request, locals.lang);
		const pattern = String(form.get('namePattern') ?? '').trim();
		try {
			await locals.services.exports.request(locals.user!, params.id, {
				...(pattern && pattern !== DEFAULT_FILE_NAME_PATTERN ? { namePattern: pattern } : {}),
				...(form.get('greyscale') ? { greyscale: true } : {})
			});
			return { started: true };
		} catch (e) {
			if (!(e instanceof AppError) || e.status === 404) pageError(e, locals.lang);
			return fail(e.status, { message: t(locals.lang, e.code, e.params), namePattern: pattern });
		}
	}
};
