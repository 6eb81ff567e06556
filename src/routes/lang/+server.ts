import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isLang } from '$lib/i18n';
import { LANG_COOKIE } from '$lib/server/cookies';
import { readForm } from '$lib/server/form';

/** Switches the UI language and goes back where the user was. */
export const POST: RequestHandler = async ({ request, cookies, locals }) => {
	const form = await readForm(request, locals.lang);
	const to = form.get('to');
	const next = String(form.get('next') ?? '/');
	if (isLang(to)) {
		cookies.set(LANG_COOKIE, to, {
			path: '/',
			httpOnly: false,
			sameSite: 'lax',
			maxAge: 365 * 86400
		});
	}
	redirect(303, next.startsWith('/') && !next.startsWith('//') ? next : '/');
};
