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

/** The largest JSON body an API call takes, and how deeply it may nest (ours need 3 levels). */
export const MAX_JSON_BYTES = 1_000_000;
export const MAX_JSON_DEPTH = 16;

/**
 * Reads a JSON body and checks it against a schema, or refuses it: 415 when it is not declared
 * JSON (a cross-site form cannot send `application/json` without a preflight), 413 past
 * `MAX_JSON_BYTES` (counted while reading, so a body without a length is cut off too), 400 when it
 * is not JSON or nests deeper than `MAX_JSON_DEPTH`, 422 when it does not fit the schema (unknown
 * keys included: the schemas are strict). The one reader every `/api/v1` route uses.
 */
export async function readJson<T>(request: Request, schema: ZodType<T>): Promise<T> {
	assertJsonType(request);
	return parseJson(await readTextCapped(request, MAX_JSON_BYTES), schema);
}

/** Like readJson, but an empty body means `{}` (actions whose body is optional). */
export async function readOptionalJson<T>(request: Request, schema: ZodType<T>): Promise<T> {
	if (request.headers.get('content-length') === '0' || !request.body) return schema.parse({});
	const text = await readTextCapped(request, MAX_JSON_BYTES);
	if (text.trim() === '') return schema.parse({});
	assertJsonType(request);
	return parseJson(text, schema);
}

function assertJsonType(request: Request): void {
	const type = request.headers.get('content-type') ?? '';
	if (!/^application\/json\s*(;|$)/i.test(type)) throw new AppError(415, 'http.notJson');
}

function parseJson<T>(text: string, schema: ZodType<T>): T {
	if (jsonDepth(text) > MAX_JSON_DEPTH)
		throw new AppError(400, 'http.tooDeep', { max: MAX_JSON_DEPTH });
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		throw new AppError(400, 'http.badJson');
	}
	// PostgreSQL text cannot hold NUL, and no register value has one: refused for both databases.
	if (hasNul(raw)) throw new AppError(422, 'http.nulCharacter');
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

/** The body as UTF-8 text, refused with 413 as soon as it passes `max` bytes. */
async function readTextCapped(request: Request, max: number): Promise<string> {
	const declared = Number(request.headers.get('content-length') ?? 0);
	if (declared > max) throw new AppError(413, 'http.tooLarge');
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		let chunk: ReadableStreamReadResult<Uint8Array>;
		try {
			chunk = await reader.read();
		} catch (e) {
			// The server's own body limit (BODY_SIZE_LIMIT) cuts the stream with a 413 too.
			if ((e as { status?: number }).status === 413) throw new AppError(413, 'http.tooLarge');
			throw e;
		}
		if (chunk.done) break;
		size += chunk.value.byteLength;
		if (size > max) {
			await reader.cancel();
			throw new AppError(413, 'http.tooLarge');
		}
		chunks.push(chunk.value);
	}
	return new TextDecoder().decode(Buffer.concat(chunks));
}

function hasNul(v: unknown): boolean {
	if (typeof v === 'string') return v.includes('\u0000');
	if (Array.isArray(v)) return v.some(hasNul);
	if (v && typeof v === 'object')
		return Object.entries(v).some(([k, x]) => k.includes('\u0000') || hasNul(x));
	return false;
}

/** How deeply arrays and objects nest in a JSON text (brackets inside strings do not count). */
export function jsonDepth(text: string): number {
	let depth = 0;
	let deepest = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 92)
				i++; // backslash: skip the escaped character
			else if (c === 34) inString = false;
		} else if (c === 34) inString = true;
		else if (c === 123 || c === 91) deepest = Math.max(deepest, ++depth);
		else if (c === 125 || c === 93) depth--;
	}
	return deepest;
}

/**
 * For page loads and form actions: a service refusal becomes Kit's error page (404 stays 404 so a
 * hidden resource is indistinguishable from a missing one); anything else propagates as a bug.
 */
export function pageError(e: unknown, lang: Lang): never {
	if (e instanceof AppError) error(e.status, { message: t(lang, e.code, e.params), code: e.code });
	throw e;
}
