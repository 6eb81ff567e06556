import { createRequire } from 'node:module';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
	parseOcrAssetPath,
	type OcrAssetPackage,
	type OcrAssetRequest
} from '../ocr/browser/asset-paths';

const require = createRequire(import.meta.url);

interface Installed {
	dir: string;
	version: string;
}

let installed: Record<OcrAssetPackage, Installed> | undefined;

async function packageAt(name: string, from?: string): Promise<Installed> {
	const req = from ? createRequire(path.join(from, 'package.json')) : require;
	const file = req.resolve(`${name}/package.json`);
	const { version } = JSON.parse(await fs.readFile(file, 'utf8')) as { version: string };
	return { dir: path.dirname(file), version };
}

/** The three packages as installed; the core is tesseract.js's own dependency (see tessdata.ts). */
async function packages(): Promise<Record<OcrAssetPackage, Installed>> {
	if (installed) return installed;
	const tess = await packageAt('tesseract.js');
	installed = {
		'tesseract.js': tess,
		'tesseract.js-core': await packageAt('tesseract.js-core', tess.dir),
		'@tesseract.js-data/vie': await packageAt('@tesseract.js-data/vie')
	};
	return installed;
}

export interface OcrAssetFile extends OcrAssetRequest {
	bytes: Buffer;
}

/**
 * The bytes of a whitelisted OCR asset, or null: unknown name, a version other than the one
 * installed (an immutable URL must never answer with other content), or a file missing from
 * node_modules.
 */
export async function readOcrAsset(rest: string): Promise<OcrAssetFile | null> {
	const asset = parseOcrAssetPath(rest);
	if (!asset) return null;
	const pkg = (await packages())[asset.pkg];
	if (pkg.version !== asset.version) return null;
	try {
		return { ...asset, bytes: await fs.readFile(path.join(pkg.dir, asset.file)) };
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw e;
	}
}
