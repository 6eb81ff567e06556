/**
 * What the server writes to its log about a failure: the error's kind, its message with every run
 * of digits masked, and where it happened. Never the error's data: a database error's `detail`
 * ("Key (personal_id)=(…)"), a refused row's values or a job's reason (which can quote a person's
 * name) stay out of the log; the reasons users need are kept in the database (job errors) or shown.
 */
export function errorForLog(e: unknown): string {
	if (!(e instanceof Error)) return `non-error thrown (${typeof e})`;
	const code = (e as { code?: unknown }).code;
	const head = `${e.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${maskDigits(e.message)}`;
	const frames = (e.stack ?? '')
		.split('\n')
		.filter((l) => /^\s+at /.test(l))
		.slice(0, 8);
	return [head, ...frames].join('\n');
}

/** Personal IDs, dates and phone numbers are digits: none reach a log line. */
export const maskDigits = (s: string) => s.replace(/\d{3,}/g, (d) => '#'.repeat(d.length));
