import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { pageError } from '$lib/server/http';
import { AppError } from '$lib/server/errors';
import { t } from '$lib/i18n';
import {
	drawAuditBody,
	expectedForm,
	parseQuery,
	statsQuery
} from '$lib/server/supervision/schemas';
import { readForm } from '$lib/server/form';

export const load: PageServerLoad = async ({ locals, url }) => {
	try {
		const user = locals.user!;
		const query = parseQuery(url.searchParams, statsQuery);
		const d = await locals.services.stats.dashboard(user, query);
		const subtree = await locals.services.units.subtree([d.unit.unit.code]);
		return {
			isSupervisor: user.role === 'supervisor',
			d,
			audits: await locals.services.sampling.listForUnits([...subtree])
		};
	} catch (e) {
		pageError(e, locals.lang);
	}
};

export const actions: Actions = {
	expected: async ({ locals, request }) => {
		const form = await readForm(request, locals.lang);
		const parsed = expectedForm.safeParse({
			bookId: String(form.get('bookId') ?? ''),
			expected: Number(form.get('expected'))
		});
		if (!parsed.success)
			return fail(422, {
				message: t(locals.lang, 'http.badRequest', {
					detail: parsed.error.issues[0]?.message ?? ''
				})
			});
		try {
			await locals.services.stats.setExpected(
				locals.user!,
				parsed.data.bookId,
				parsed.data.expected
			);
		} catch (e) {
			if (e instanceof AppError)
				return fail(e.status, { message: t(locals.lang, e.code, e.params) });
			throw e;
		}
		return { message: null };
	},
	drawAudit: async ({ locals, request }) => {
		const form = await readForm(request, locals.lang);
		const parsed = drawAuditBody.safeParse({
			bookId: String(form.get('bookId') ?? ''),
			randomSize: Number(form.get('randomSize')),
			riskSize: Number(form.get('riskSize') ?? 0),
			threshold: Number(form.get('threshold')) / 100,
			hold: form.get('hold') === 'on'
		});
		if (!parsed.success)
			return fail(422, {
				message: t(locals.lang, 'http.badRequest', {
					detail: parsed.error.issues[0]?.message ?? ''
				})
			});
		let id: string;
		try {
			if (locals.user!.role !== 'supervisor') throw new AppError(403, 'http.forbidden');
			id = await locals.services.sampling.draw(locals.user!, parsed.data);
		} catch (e) {
			if (e instanceof AppError)
				return fail(e.status, { message: t(locals.lang, e.code, e.params) });
			throw e;
		}
		redirect(303, `/dashboard/audits/${id}`);
	}
};
