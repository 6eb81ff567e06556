import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { pageError } from '$lib/server/http';
import { AppError } from '$lib/server/errors';
import { t } from '$lib/i18n';
import { checkItemBody } from '$lib/server/supervision/schemas';
import { readForm } from '$lib/server/form';

export const load: PageServerLoad = async ({ locals, params }) => {
	try {
		return { audit: await locals.services.sampling.get(locals.user!, params.id) };
	} catch (e) {
		pageError(e, locals.lang);
	}
};

export const actions: Actions = {
	check: async ({ locals, params, request }) => {
		const form = await readForm(request, locals.lang);
		const parsed = checkItemBody.safeParse({
			result: form.get('result'),
			note: String(form.get('note') ?? '').trim() || null
		});
		const entryId = String(form.get('entryId') ?? '');
		if (!parsed.success)
			return fail(422, { message: t(locals.lang, 'http.badRequest', { detail: 'result' }) });
		try {
			if (locals.user!.role === 'admin') throw new AppError(403, 'http.forbidden');
			await locals.services.sampling.record(
				locals.user!,
				params.id,
				entryId,
				parsed.data.result,
				parsed.data.note ?? null
			);
		} catch (e) {
			if (e instanceof AppError)
				return fail(e.status, { message: t(locals.lang, e.code, e.params) });
			throw e;
		}
		return { message: null };
	}
};
