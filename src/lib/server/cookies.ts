import type { Cookies } from '@sveltejs/kit';

export const SESSION_COOKIE = 'sohoa_session';
export const LANG_COOKIE = 'sohoa_lang';

export function setSessionCookie(
	cookies: Cookies,
	token: string,
	expires: Date,
	secure: boolean
): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		expires
	});
}
