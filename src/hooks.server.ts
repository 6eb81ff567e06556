import {
	error,
	isHttpError,
	isRedirect,
	redirect,
	type Handle,
	type HandleServerError,
	type ServerInit
} from '@sveltejs/kit';
import { json } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { getServices } from '$lib/server/runtime';
import { authorizeRoute } from '$lib/server/authz';
import { defaultLang, formatMegabytes, isLang, t, type Lang } from '$lib/i18n';
import { SESSION_COOKIE, LANG_COOKIE } from '$lib/server/cookies';
import { errorForLog } from '$lib/server/log-safe';
import { AppError } from '$lib/server/errors';
import { bodyLimitBytes, declaresTooLarge } from '$lib/server/request-limits';

export const init: ServerInit = async () => {
	try {
		await getServices();
	} catch (e) {
		// An unwritable or full DATA_DIR is the operator's to fix: one line in both languages.
		if (!(e instanceof AppError)) throw e;
		console.error(`sohoa: ${t('en', e.code, e.params)} / ${t('vi', e.code, e.params)}`);
		process.exit(1);
	}
};

const withServices: Handle = async ({ event, resolve }) => {
	event.locals.services = await getServices();
	return resolve(event);
};

const language: Handle = async ({ event, resolve }) => {
	const chosen = event.cookies.get(LANG_COOKIE);
	event.locals.lang = isLang(chosen) ? chosen : defaultLang;
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang)
	});
};

const session: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.sessionToken = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const found = await event.locals.services.sessions.userForToken(token);
		if (found) {
			event.locals.user = found.user;
			event.locals.sessionToken = token;
			if (!event.cookies.get(LANG_COOKIE)) event.locals.lang = found.user.locale;
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}
	return resolve(event);
};

/** The one gate: every page, form action and API call is checked against `routePolicies`. */
const authorize: Handle = async ({ event, resolve }) => {
	const isApi = event.url.pathname.startsWith('/api/');
	const outcome = authorizeRoute(event.route.id, event.locals.user?.role ?? null);
	const lang = event.locals.lang;
	if (outcome === 'allow') return resolve(event);
	if (isApi) {
		const [status, code] =
			outcome === 'login'
				? [401, 'auth.required']
				: outcome === 'forbidden'
					? [403, 'http.forbidden']
					: [404, 'http.notFound'];
		return json({ error: { code, message: t(lang, code), params: {} } }, { status });
	}
	if (outcome === 'login') {
		const next = event.url.pathname + event.url.search;
		redirect(303, `/login?next=${encodeURIComponent(next)}`);
	}
	// A page the user may not see answers 404, not "forbidden": it does not reveal that it exists.
	error(404, { message: t(lang, 'http.notFound'), code: 'http.notFound' });
};

const uploadLimit = bodyLimitBytes();

/**
 * A body declared larger than the upload limit is refused before anything reads it, with a message
 * that says the limit (the adapter would answer a bare 413 once the handler starts reading).
 */
const bodyLimit: Handle = async ({ event, resolve }) => {
	if (!declaresTooLarge(event.request, uploadLimit)) return resolve(event);
	const lang = isLang(event.cookies.get(LANG_COOKIE))
		? (event.cookies.get(LANG_COOKIE) as Lang)
		: defaultLang;
	const params = { limit: formatMegabytes(uploadLimit, lang) };
	const code = 'upload.tooLarge';
	if (event.url.pathname.startsWith('/api/'))
		return json({ error: { code, message: t(lang, code, params), params } }, { status: 413 });
	error(413, { message: t(lang, code, params), code });
};

/**
 * Kit sets the page policy (svelte.config.js) on the pages it renders; every other answer gets one
 * here: an error page or redirect the page policy without inline scripts, data (JSON, images,
 * files) a policy that loads nothing. Never framed. The OCR worker's own files are left alone: a
 * worker script's policy would bind the worker, which compiles WebAssembly.
 */
/**
 * A redirect or error thrown by a later handle (the login redirect, a hidden page's 404, the upload
 * limit) would leave Kit's answer without these headers: it is turned into a response here.
 */
async function resolveOrRefusal(
	event: Parameters<Handle>[0]['event'],
	resolve: Parameters<Handle>[0]['resolve']
): Promise<Response> {
	try {
		return await resolve(event);
	} catch (e) {
		if (isRedirect(e))
			return new Response(null, { status: e.status, headers: { location: e.location } });
		if (isHttpError(e)) {
			const lang = event.locals.lang ?? defaultLang;
			return new Response(refusalPage(lang, e.status, e.body.message), {
				status: e.status,
				headers: { 'Content-Type': 'text/html; charset=utf-8' }
			});
		}
		throw e;
	}
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const refusalPage = (lang: Lang, status: number, message: string) =>
	`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${status}</title></head>` +
	`<body><h1>${status}</h1><p>${escapeHtml(message)}</p><p><a href="/">sohoa</a></p></body></html>`;

const PAGE_FALLBACK_CSP =
	"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
const DATA_CSP = "default-src 'none'; frame-ancestors 'none'";
const isWorkerAsset = (pathname: string) => pathname.startsWith('/ocr-assets/');
const fallbackCsp = (response: Response) =>
	(response.headers.get('Content-Type') ?? '').startsWith('text/html')
		? PAGE_FALLBACK_CSP
		: DATA_CSP;

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolveOrRefusal(event, resolve);
	if (!response.headers.has('Content-Security-Policy') && !isWorkerAsset(event.url.pathname))
		response.headers.set('Content-Security-Policy', fallbackCsp(response));
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	response.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
	// Pages with personal data must not be cached; a route that chose its own policy keeps it.
	if (event.locals.user && !response.headers.has('Cache-Control'))
		response.headers.set('Cache-Control', 'private, no-store');
	return response;
};

export const handle = sequence(
	securityHeaders,
	bodyLimit,
	withServices,
	language,
	session,
	authorize
);

export const handleError: HandleServerError = ({ error: err, event, status }) => {
	if (status !== 404)
		console.error(
			`[${event.request.method} ${event.route.id ?? '(no route)'}] ${errorForLog(err)}`
		);
	const lang = event.locals.lang ?? defaultLang;
	const code =
		status === 404 ? 'http.notFound' : status === 413 ? 'http.tooLarge' : 'http.serverError';
	return { message: t(lang, code) };
};
