import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { readOcrAsset } from '$lib/server/ocr-assets';
import { t } from '$lib/i18n';

/**
 * tesseract.js's browser worker, its WebAssembly core and the Vietnamese model, from node_modules,
 * for OCR of a region in the browser (src/lib/ocr/browser/region-ocr.ts): nothing comes from a
 * CDN. The version is in the URL, so the browser keeps each file for good.
 */
export const GET: RequestHandler = async ({ params, locals }) => {
	const asset = await readOcrAsset(params.file);
	if (!asset) error(404, { message: t(locals.lang, 'http.notFound'), code: 'http.notFound' });
	return new Response(new Uint8Array(asset.bytes), {
		headers: {
			'Content-Type': asset.contentType,
			'Content-Length': String(asset.bytes.byteLength),
			'Cache-Control': 'private, max-age=31536000, immutable'
		}
	});
};
