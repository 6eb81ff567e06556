import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	CORE_VERSION,
	ocrAssetUrls,
	OCR_ASSET_BASE,
	parseOcrAssetPath,
	TESSERACT_VERSION,
	VIE_VERSION
} from './asset-paths';

const require = createRequire(import.meta.url);
const pkgDir = (name: string, from?: string) =>
	path.dirname(
		(from ? createRequire(path.join(from, 'package.json')) : require).resolve(
			`${name}/package.json`
		)
	);
const versionOf = (dir: string) =>
	(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string })
		.version;

describe('OCR asset paths', () => {
	it('name the installed packages (a stale version would break the immutable URLs)', () => {
		const tess = pkgDir('tesseract.js');
		expect(TESSERACT_VERSION).toBe(versionOf(tess));
		expect(CORE_VERSION).toBe(versionOf(pkgDir('tesseract.js-core', tess)));
		expect(VIE_VERSION).toBe(versionOf(pkgDir('@tesseract.js-data/vie')));
	});

	it('accepts the URLs the browser module asks for, and every core build in the package', () => {
		const rel = (u: string) => u.slice(OCR_ASSET_BASE.length + 1);
		expect(parseOcrAssetPath(rel(ocrAssetUrls.workerPath))).toMatchObject({
			pkg: 'tesseract.js',
			file: 'dist/worker.min.js',
			contentType: 'text/javascript; charset=utf-8'
		});
		expect(parseOcrAssetPath(`${rel(ocrAssetUrls.langPath)}/vie.traineddata.gz`)).toMatchObject({
			pkg: '@tesseract.js-data/vie',
			file: '4.0.0_best_int/vie.traineddata.gz',
			contentType: 'application/gzip'
		});
		const coreFiles = fs
			.readdirSync(pkgDir('tesseract.js-core', pkgDir('tesseract.js')))
			.filter((f) => /\.(js|wasm)$/.test(f) && f !== 'index.js');
		expect(coreFiles.length).toBe(18);
		for (const f of coreFiles) {
			const got = parseOcrAssetPath(`${rel(ocrAssetUrls.corePath)}/${f}`);
			expect(got, f).toMatchObject({ pkg: 'tesseract.js-core', version: CORE_VERSION, file: f });
			expect(got!.contentType).toBe(
				f.endsWith('.wasm') ? 'application/wasm' : 'text/javascript; charset=utf-8'
			);
		}
	});

	it.each([
		'',
		'tesseract.js@7.0.0',
		'tesseract.js@/worker.min.js',
		'tesseract.js@7.0.0/../../package.json',
		'tesseract.js@7.0.0/src/index.js',
		'tesseract.js-core@7.0.0/index.js',
		'tesseract.js-core@7.0.0/package.json',
		'tesseract.js-core@7.0.0/tesseract-core-simd.wasm.js/x',
		'tesseract.js-core@7.0.0/..%2Fpackage.json',
		'tesseract.js-core@7.0.0/tesseract-core-fast.wasm',
		'vie@1.0.0/4.0.0/vie.traineddata.gz',
		'vie@1.0.0/4.0.0_best_int/eng.traineddata.gz',
		'vie@1.0.0/../4.0.0_best_int/vie.traineddata.gz',
		'eng@1.0.0/4.0.0_best_int/vie.traineddata.gz',
		'/etc/passwd'
	])('refuses %j', (p) => {
		expect(parseOcrAssetPath(p)).toBeNull();
	});
});
