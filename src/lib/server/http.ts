import { error, json } from '@sveltejs/kit';
import type { ZodType } from 'zod';
import { AppError } from './errors';
import { t, type Lang } from '../i18n/index';

/** The body of every `/api/v1` error: a stable code, its parameters and a message in the user's language. */
export function errorBody(err: AppError, lang: Lang) {
	return {
		error: {
			code: err.code,
			message: t(lang, err.code, err.params),
			params: err.params,
			...(err.details ? { details: err.details } : {})
		}
	};
}

/** Runs an API handler: refusals become their status + body; anything else is a real bug (500). */
export async function api(lang: Lang, fn: () => Promise<unknown>): Promise<Response> {
	try {
		const body = await fn();
		return body instanceof Response ? body : json(body);
	} catch (e) {
		if (e instanceof AppError) return json(errorBody(e, lang), { status: e.status });
		throw e;
	}
}

const MAX_JSON_BYTES = 1_000_000;

/** Parses and checks a JSON body against a schema, or refuses it with 400/413/422. */
export async function readJson<T>(request: Request, schema: ZodType<T>): Promise<T> {
	const length = Number(request.headers.get('content-length') ?? 0);
	if (length > MAX_JSON_BYTES) throw new AppError(413, 'http.tooLarge');
	const text = await request.text();
	if (text.length > MAX_JSON_BYTES) throw new AppError(413, 'http.tooLarge');
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		throw new AppError(400, 'http.badJson');
	}
	const parsed = schema.safeParse(raw);
	if (!parsed.success) {
		const detail = parsed.error.issues
			.slice(0, 5)
			.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
			.join('; ');
		throw new AppError(422, 'http.badRequest', { detail }, { issues: parsed.error.issues });
	}
	return parsed.data;
}

/** Like readJson, but an empty body means `{}` (actions whose body is optional). */
export async function readOptionalJson<T>(request: Request, schema: ZodType<T>): Promise<T> {
	if (request.headers.get('content-length') === '0' || !request.body) return schema.parse({});
	const clone = request.clone();
	if ((await clone.text()).trim() === '') return schema.parse({});
	return readJson(request, schema);
}

/**
 * For page loads and form actions: a service refusal becomes Kit's error page (404 stays 404 so a
 * hidden resource is indistinguishable from a missing one); anything else propagates as a bug.
 */
export function pageError(e: unknown, lang: Lang): never {
	if (e instanceof AppError) error(e.status, { message: t(lang, e.code, e.params), code: e.code });
	throw e;
}
