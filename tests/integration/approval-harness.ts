/**
 * Calls the real route modules the way the server does, without a server: the hook's route gate
 * (`authorizeRoute`, as hooks.server.ts applies it), then the `/api/v1` handler or the page's form
 * action, with the services of the test database in `locals`. What a refusal looks like: the API's
 * status, or the form action's failure status (the page gate's 404 as Kit's error page).
 */
import type { Services } from '../../src/lib/server/container';
import type { SessionUser } from '../../src/lib/server/auth/session-service';
import { authorizeRoute } from '../../src/lib/server/authz';
import { POST as approveApi } from '../../src/routes/api/v1/entries/[id]/approve/+server';
import { POST as returnApi } from '../../src/routes/api/v1/entries/[id]/return/+server';
import { POST as submitApi } from '../../src/routes/api/v1/entries/[id]/submit/+server';
import { POST as blindApi } from '../../src/routes/api/v1/entries/[id]/blind/+server';
import { POST as settleApi } from '../../src/routes/api/v1/entries/[id]/settle/+server';
import { PATCH as patchApi } from '../../src/routes/api/v1/entries/[id]/+server';
import { PUT as keyingApi } from '../../src/routes/api/v1/entries/[id]/keying/+server';
import { POST as keyingSubmitApi } from '../../src/routes/api/v1/entries/[id]/keying/submit/+server';
import { GET as candidatesApi } from '../../src/routes/api/v1/entries/[id]/candidates/+server';
import { PATCH as bookApi } from '../../src/routes/api/v1/books/[id]/+server';
import { actions } from '../../src/routes/entries/[id]/+page.server';

export type ApiAction = 'submit' | 'approve' | 'return' | 'patch' | 'blind' | 'settle';
/** Double keying's endpoints (their own suite: the rule depends on the book's switch). */
export type KeyingAction = 'keying' | 'keyingSubmit';
/** Reads whose answer depends on who asks (the first keying is withheld from the second keyer). */
export type ReadAction = 'candidates';
/** `PATCH /api/v1/books/:id` (the id is the book's). */
export type BookAction = 'book';
export type PageAction = 'approve' | 'return' | 'blind' | 'settle';

const apiRoutes: Record<
	ApiAction | KeyingAction | ReadAction | BookAction,
	{ id: string; fn: unknown; method?: string }
> = {
	submit: { id: '/api/v1/entries/[id]/submit', fn: submitApi },
	approve: { id: '/api/v1/entries/[id]/approve', fn: approveApi },
	return: { id: '/api/v1/entries/[id]/return', fn: returnApi },
	patch: { id: '/api/v1/entries/[id]', fn: patchApi },
	blind: { id: '/api/v1/entries/[id]/blind', fn: blindApi },
	settle: { id: '/api/v1/entries/[id]/settle', fn: settleApi },
	keying: { id: '/api/v1/entries/[id]/keying', fn: keyingApi, method: 'PUT' },
	keyingSubmit: { id: '/api/v1/entries/[id]/keying/submit', fn: keyingSubmitApi },
	candidates: { id: '/api/v1/entries/[id]/candidates', fn: candidatesApi, method: 'GET' },
	book: { id: '/api/v1/books/[id]', fn: bookApi, method: 'PATCH' }
};

export interface Outcome {
	status: number;
	code: string | null;
	body: unknown;
}

type Handler = (event: unknown) => Promise<Response>;

export async function callApi(
	services: Services,
	user: SessionUser | null,
	action: ApiAction | KeyingAction | ReadAction | BookAction,
	id: string,
	body: unknown
): Promise<Outcome> {
	const route = apiRoutes[action];
	const gate = authorizeRoute(route.id, user?.role ?? null);
	if (gate !== 'allow') {
		const status = gate === 'login' ? 401 : gate === 'forbidden' ? 403 : 404;
		return { status, code: gate === 'forbidden' ? 'http.forbidden' : null, body: null };
	}
	const text = body === undefined ? '' : JSON.stringify(body);
	const request = new Request(`http://test.local/api/v1/entries/${id}/${action}`, {
		method: route.method ?? (action === 'patch' ? 'PATCH' : 'POST'),
		headers: { 'content-type': 'application/json', 'content-length': String(text.length) },
		body: text || undefined
	});
	const res = await (route.fn as Handler)({
		params: { id },
		locals: { services, user, lang: 'en' },
		request
	});
	const json = (await res.json()) as { error?: { code: string } };
	return { status: res.status, code: json.error?.code ?? null, body: json };
}

export async function callPage(
	services: Services,
	user: SessionUser,
	action: PageAction,
	id: string,
	form: Record<string, string>
): Promise<Outcome> {
	if (authorizeRoute('/entries/[id]', user.role) !== 'allow') {
		return { status: 404, code: 'http.notFound', body: null };
	}
	const data = new FormData();
	for (const [k, v] of Object.entries(form)) data.set(k, v);
	const request = new Request(`http://test.local/entries/${id}?/${action}`, {
		method: 'POST',
		body: data
	});
	const fn = actions[action] as unknown as Handler;
	const result = (await fn({
		params: { id },
		locals: { services, user, lang: 'en' },
		request
	})) as unknown as { status: number; data: { code?: string } } | Record<string, unknown>;
	if ('status' in result && typeof result.status === 'number' && 'data' in result) {
		const failure = result as { status: number; data: { code?: string } };
		return { status: failure.status, code: failure.data.code ?? null, body: failure.data };
	}
	return { status: 200, code: null, body: result };
}
