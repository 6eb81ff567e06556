import type { RequestHandler } from './$types';
import { pageError } from '$lib/server/http';

/**
 * A scanned page's image, for the workbench. Pages are content-addressed, so the blob hash is a
 * strong ETag; the response is private (it carries personal data) but may be reused by this browser.
 */
export const GET: RequestHandler = async ({ locals, params, request }) => {
	try {
		const page = await locals.services.pages.get(locals.user!, params.id);
		const etag = `"${page.blobHash}"`;
		const headers = {
			'Content-Type': page.mime,
			'Cache-Control': 'private, max-age=86400',
			ETag: etag
		};
		if (request.headers.get('if-none-match') === etag)
			return new Response(null, { status: 304, headers });
		const bytes = await locals.services.blobs.get(page.blobHash);
		return new Response(new Uint8Array(bytes), {
			headers: { ...headers, 'Content-Length': String(bytes.byteLength) }
		});
	} catch (e) {
		pageError(e, locals.lang);
	}
};
