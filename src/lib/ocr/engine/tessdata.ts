import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Local files for tesseract.js, resolved from node_modules so no worker ever fetches anything. */
export interface TessPaths {
	/** `4.0.0_best_int` of @tesseract.js-data/vie: LSTM only, 1.7 MB, same text as the 7.7 MB legacy folder. */
	langPath: string;
	workerPath: string;
	/** Folder of tesseract.js-core; tesseract.js in Node `require`s its core from here itself. */
	corePath: string;
}

let cached: TessPaths | undefined;

export function tessPaths(): TessPaths {
	if (cached) return cached;
	const vieDir = path.dirname(require.resolve('@tesseract.js-data/vie/package.json'));
	const tessDir = path.dirname(require.resolve('tesseract.js/package.json'));
	// The core is tesseract.js's own dependency: resolve it from there, not from the app.
	const coreDir = path.dirname(
		createRequire(path.join(tessDir, 'package.json')).resolve('tesseract.js-core/package.json')
	);
	cached = {
		langPath: path.join(vieDir, '4.0.0_best_int'),
		workerPath: path.join(tessDir, 'src', 'worker-script', 'node', 'index.js'),
		corePath: coreDir
	};
	return cached;
}
