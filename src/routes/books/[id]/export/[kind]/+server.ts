import type { RequestHandler } from './$types';
import { pageError } from '$lib/server/http';
import { notFound } from '$lib/server/errors';

/** The book's latest export package: `zip` (the PDFs) or `xlsx` (the import Excel). */
export const GET: RequestHandler = async ({ locals, params }) => {
	try {
		const kind = params.kind;
		if (kind !== 'zip' && kind !== 'xlsx') throw notFound('export');
		const file = await locals.services.exports.download(locals.user!, params.id, kind);
		return new Response(new Uint8Array(file.bytes), {
			headers: {
				'Content-Type': file.mime,
				'Content-Length': String(file.bytes.byteLength),
				// The name is ASCII by construction (file-names.ts).
				'Content-Disposition': `attachment; filename="${file.name}"`,
				'Cache-Control': 'private, no-store'
			}
		});
	} catch (e) {
		pageError(e, locals.lang);
	}
};
