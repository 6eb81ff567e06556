import type { RequestHandler } from './$types';
import { api, readJson } from '$lib/server/http';
import { loginBody } from '$lib/server/api-schemas';
import { SESSION_COOKIE, setSessionCookie } from '$lib/server/cookies';

export const POST: RequestHandler = ({ request, locals, cookies, url, getClientAddress }) =>
	api(locals.lang, async () => {
		const body = await readJson(request, loginBody);
		const { token, user, expires } = await locals.services.sessions.login(
			body.username,
			body.password,
			getClientAddress()
		);
		setSessionCookie(cookies, token, expires, url.protocol === 'https:');
		return { user: { id: user.id, username: user.username, role: user.role, units: user.units } };
	});

export const DELETE: RequestHandler = ({ locals, cookies }) =>
	api(locals.lang, async () => {
		if (locals.sessionToken) await locals.services.sessions.logout(locals.sessionToken);
		cookies.delete(SESSION_COOKIE, { path: '/' });
		return { ok: true };
	});
