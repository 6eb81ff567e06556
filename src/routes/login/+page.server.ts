import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { AppError } from '$lib/server/errors';
import { setSessionCookie } from '$lib/server/cookies';
import { t } from '$lib/i18n';
import { readForm } from '$lib/server/form';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, '/');
	return {};
};

/** Only same-site paths: `next` must never send a user to another origin. */
function safeNext(next: FormDataEntryValue | null): string {
	return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export const actions: Actions = {
	default: async ({ request, locals, cookies, url, getClientAddress }) => {
		const form = await readForm(request, locals.lang);
		const username = String(form.get('username') ?? '').trim();
		const password = String(form.get('password') ?? '');
		if (!username || !password) {
			return fail(400, { username, message: t(locals.lang, 'login.missing') });
		}
		try {
			const { token, expires } = await locals.services.sessions.login(
				username,
				password,
				getClientAddress()
			);
			setSessionCookie(cookies, token, expires, url.protocol === 'https:');
		} catch (e) {
			if (e instanceof AppError)
				return fail(e.status, { username, message: t(locals.lang, e.code, e.params) });
			throw e;
		}
		redirect(303, safeNext(url.searchParams.get('next')));
	}
};
