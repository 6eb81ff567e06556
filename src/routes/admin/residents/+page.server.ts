import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { AppError } from '$lib/server/errors';
import { t } from '$lib/i18n';
import { readForm } from '$lib/server/form';
import { bodyLimitBytes } from '$lib/server/request-limits';

export const load: PageServerLoad = async ({ locals }) => {
	const { residentImports, units, access } = locals.services;
	const visible = await access.visibleUnits(locals.user!);
	const all = await units.list();
	return {
		units: all
			.filter((u) => visible.has(u.code) && u.level !== 'district')
			.map((u) => ({ code: u.code, name: u.name, level: u.level })),
		...(await residentImports.list(locals.user!)),
		// The browser checks a file's size against it before sending: a refusal after 100 MB of
		// upload over a commune's line would waste the clerk's hour, and may arrive as a reset.
		uploadLimitBytes: bodyLimitBytes()
	};
};

export const actions: Actions = {
	import: async ({ request, locals }) => {
		const form = await readForm(request, locals.lang);
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
