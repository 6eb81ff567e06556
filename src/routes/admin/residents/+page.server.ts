import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { AppError } from '$lib/server/errors';
import { t } from '$lib/i18n';

export const load: PageServerLoad = async ({ locals }) => {
	const { residentImports, units, access } = locals.services;
	const visible = await access.visibleUnits(locals.user!);
	const all = await units.list();
	return {
		units: all
			.filter((u) => visible.has(u.code) && u.level !== 'district')
			.map((u) => ({ code: u.code, name: u.name, level: u.level })),
		...(await residentImports.list(locals.user!))
	};
};

export const actions: Actions = {
	import: async ({ request, locals }) => {
		const form = await request.formData();
		const unitCode = String(form.get('unit') ?? '');
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(422, { message: t(locals.lang, 'residentsAdmin.noFile'), unitCode });
		try {
			const jobId = await locals.services.residentImports.queue(locals.user!, {
				unitCode,
				fileName: file.name,
				bytes: new Uint8Array(await file.arrayBuffer())
			});
			return { queued: jobId, unitCode };
		} catch (e) {
			if (e instanceof AppError)
				return fail(e.status, { message: t(locals.lang, e.code, e.params), unitCode });
			throw e;
		}
	}
};
