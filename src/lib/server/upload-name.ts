/**
 * The name an uploaded file is known by: the last part of whatever path the browser sent (either
 * separator), without control characters, at most 200 characters. It is only ever shown, never
 * used to build a path, but "../../etc/passwd" is not kept as a name either.
 */
export function uploadName(raw: string): string {
	const last = raw.split(/[\\/]/).pop() ?? '';
	// eslint-disable-next-line no-control-regex
	const clean = last.replace(/[\u0000-\u001f\u007f]/g, '').trim();
	const name = clean === '.' || clean === '..' ? '' : clean.slice(0, 200);
	return name || 'upload';
}
