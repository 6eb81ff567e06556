/**
 * The upload limit: the same `BODY_SIZE_LIMIT` the Node adapter enforces on every request body
 * (512K when unset; `npm start` sets 100M), read the way the adapter reads it, so the server can
 * refuse an oversized upload with its own clear message before the adapter cuts the stream.
 */
export const DEFAULT_BODY_LIMIT = '512K';

export function bodyLimitBytes(source: NodeJS.ProcessEnv = process.env): number {
	const value = (source.BODY_SIZE_LIMIT ?? DEFAULT_BODY_LIMIT).trim();
	const unit = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[value.slice(-1).toUpperCase()];
	const n = Number(unit ? value.slice(0, -1) : value) * (unit ?? 1);
	return Number.isNaN(n) ? Number.POSITIVE_INFINITY : n;
}

/** Whether a request declares a body larger than the limit (a body without a length is cut later). */
export function declaresTooLarge(request: Request, limit: number): boolean {
	const length = Number(request.headers.get('content-length') ?? 0);
	return Number.isFinite(length) && length > limit;
}
