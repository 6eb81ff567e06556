/**
 * Where the browser finds tesseract.js's worker, its WebAssembly core and the Vietnamese model:
 * on our own server (src/routes/ocr-assets/[...file]), never a CDN. Each URL carries the package
 * version so the files can be cached for good; the server answers only for the installed
 * versions (asset-paths.test.ts keeps these constants equal to them).
 */

export const OCR_ASSET_BASE = '/ocr-assets';

/** Installed versions of tesseract.js, its core, and @tesseract.js-data/vie. */
export const TESSERACT_VERSION = '7.0.0';
export const CORE_VERSION = '7.0.0';
export const VIE_VERSION = '1.0.0';

/** The model folder the server's OCR uses too (src/lib/ocr/engine/tessdata.ts, MEASURED.md). */
export const VIE_MODEL_DIR = '4.0.0_best_int';
export const VIE_MODEL_FILE = 'vie.traineddata.gz';
export const WORKER_FILE = 'worker.min.js';

/**
 * The core builds the worker may ask for: plain, SIMD or relaxed SIMD, each with and without the
 * legacy engine (`-lstm` = LSTM only), as a `.wasm.js` (WebAssembly inlined: what the worker loads
 * when given a folder) or a `.js` + `.wasm` pair.
 */
const CORE_FILE = /^tesseract-core(-relaxedsimd|-simd)?(-lstm)?\.(wasm\.js|js|wasm)$/;

export type OcrAssetPackage = 'tesseract.js' | 'tesseract.js-core' | '@tesseract.js-data/vie';

export interface OcrAssetRequest {
	pkg: OcrAssetPackage;
	version: string;
	/** Path inside the package folder, from the fixed set above. */
	file: string;
	contentType: string;
}

export const ocrAssetUrls = {
	workerPath: `${OCR_ASSET_BASE}/tesseract.js@${TESSERACT_VERSION}/${WORKER_FILE}`,
	corePath: `${OCR_ASSET_BASE}/tesseract.js-core@${CORE_VERSION}`,
	langPath: `${OCR_ASSET_BASE}/vie@${VIE_VERSION}/${VIE_MODEL_DIR}`
};

function contentType(file: string): string {
	if (file.endsWith('.wasm')) return 'application/wasm';
	if (file.endsWith('.js')) return 'text/javascript; charset=utf-8';
	return 'application/gzip';
}

const pinned = (segment: string, name: string): string | null =>
	segment.startsWith(`${name}@`) && segment.length > name.length + 1
		? segment.slice(name.length + 1)
		: null;

/**
 * What a request path below OCR_ASSET_BASE names, or null for anything outside the whitelist.
 * Nothing of the path reaches the file system except names matched exactly here.
 */
export function parseOcrAssetPath(rest: string): OcrAssetRequest | null {
	const parts = rest.split('/');
	const [head, ...tail] = parts;
	if (!head) return null;
	let version = pinned(head, 'tesseract.js');
	if (version !== null && tail.length === 1 && tail[0] === WORKER_FILE)
		return {
			pkg: 'tesseract.js',
			version,
			file: 'dist/worker.min.js',
			contentType: contentType(WORKER_FILE)
		};
	version = pinned(head, 'tesseract.js-core');
	if (version !== null && tail.length === 1 && CORE_FILE.test(tail[0]!))
		return {
			pkg: 'tesseract.js-core',
			version,
			file: tail[0]!,
			contentType: contentType(tail[0]!)
		};
	version = pinned(head, 'vie');
	if (
		version !== null &&
		tail.length === 2 &&
		tail[0] === VIE_MODEL_DIR &&
		tail[1] === VIE_MODEL_FILE
	)
		return {
			pkg: '@tesseract.js-data/vie',
			version,
			file: `${VIE_MODEL_DIR}/${VIE_MODEL_FILE}`,
			contentType: contentType(VIE_MODEL_FILE)
		};
	return null;
}
