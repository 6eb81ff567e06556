/**
 * A refusal a service decided on: an HTTP status for the shell and a message code (with
 * parameters) that the UI translates. Routes turn it into a response; nothing else is caught.
 */
export class AppError extends Error {
	constructor(
		readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 507,
		readonly code: string,
		readonly params: Record<string, string | number> = {},
		readonly details?: unknown
	) {
		super(code);
	}
}

export const notFound = (what = 'resource') => new AppError(404, 'http.notFound', { what });
