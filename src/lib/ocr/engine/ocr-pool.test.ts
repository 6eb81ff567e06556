import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest';
import { cleanText, createOcrPool, fromTsv, paddedPgm, type OcrPool } from './ocr-pool';

const here = path.dirname(fileURLToPath(import.meta.url));
const scans = path.join(here, '../../../../tests/fixtures/real-scans');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'sohoa-ocr-pool-'));
const titlePng = path.join(tmp, 'title.png');

describe('ocr pool', () => {
	let pool: OcrPool;
	beforeAll(async () => {
		// Title and author of the poem on page 1 of vietsample1.tif (real 300 dpi scan).
		await sharp(path.join(scans, 'vietsample1.tif'), { page: 0 })
			.extract({ left: 0, top: 0, width: 1200, height: 330 })
			.png()
			.toFile(titlePng);
		pool = createOcrPool({ size: 2 });
	});
	afterAll(() => pool.close());

	it('reads Vietnamese with word boxes and confidences in [0,1], NFC', async () => {
		const r = await pool.recognizePage(readFileSync(titlePng), { psm: 6 });
		expect(r.text).toContain('Đôi Mắt Người Sơn Tây');
		expect(r.text).toContain('Quang Dũng');
		expect(r.text).toBe(r.text.normalize('NFC'));
		expect(r.words.length).toBeGreaterThanOrEqual(7);
		for (const w of r.words) {
			expect(w.confidence).toBeGreaterThanOrEqual(0);
			expect(w.confidence).toBeLessThanOrEqual(1);
			expect(w.bbox[2]).toBeGreaterThan(w.bbox[0]);
			expect(w.bbox[3]).toBeGreaterThan(w.bbox[1]);
		}
		expect(r.confidence).toBeGreaterThan(0.8);
	});

	it('reads regions in order, boxes in the whole image, empty for slivers', async () => {
		const img = readFileSync(titlePng);
		const page = await pool.recognizePage(img, { psm: 6 });
		const quang = page.words.find((w) => w.text === 'Quang')!;
		const [x0, y0, x1, y1] = quang.bbox;
		const rs = await pool.recognizeRegions(
			img,
			[
				[x0 - 8, y0 - 8, x1 + 8, y1 + 8],
				[0, 0, 2, 2]
			],
			{ psm: 7 }
		);
		const [region, sliver] = rs;
		expect(region?.text).toBe('Quang');
		// Same place in page coordinates, within a few pixels.
		const word = region?.words[0];
		assert(word, 'no word read in the region');
		const [wx0, wy0, wx1, wy1] = word.bbox;
		for (const d of [wx0 - x0, wy0 - y0, wx1 - x1, wy1 - y1]) expect(Math.abs(d)).toBeLessThan(6);
		expect(sliver).toEqual({ text: '', words: [], confidence: 0 });
	});

	it("reads a region's words (TSV) exactly as a page read (JSON tree) gives them", async () => {
		const img = readFileSync(titlePng);
		const meta = await sharp(img).metadata();
		const page = await pool.recognizePage(img, { psm: 6 });
		const [whole] = await pool.recognizeRegions(img, [[0, 0, meta.width!, meta.height!]], {
			psm: 6
		});
		expect(whole).toEqual(page);
	});

	it('reads regions of a page given as pixels as it reads them from the encoded page', async () => {
		const img = readFileSync(titlePng);
		const { data, info } = await sharp(img).greyscale().raw().toBuffer({ resolveWithObject: true });
		const pixels = { data, width: info.width, height: info.height };
		const regions: [number, number, number, number][] = [
			[0, 0, info.width, info.height],
			[300, 150, 900, 330]
		];
		const fromPixels = await pool.recognizeRegions(pixels, regions, { psm: 6 });
		expect(fromPixels).toEqual(await pool.recognizeRegions(img, regions, { psm: 6 }));
		expect(fromPixels[0]?.text).toContain('Quang Dũng');
	});

	it('cuts a region onto a white margin as binary PGM', () => {
		// 4×3 page, pixel value = 10·y + x.
		const page = {
			data: Uint8Array.from({ length: 12 }, (_, i) => 10 * Math.floor(i / 4) + (i % 4)),
			width: 4,
			height: 3
		};
		const pgm = paddedPgm(page, { left: 1, top: 1, width: 2, height: 2 }, 1);
		const header = 'P5\n4 4\n255\n';
		expect(pgm.subarray(0, header.length).toString('latin1')).toBe(header);
		expect([...pgm.subarray(header.length)]).toEqual([
			255, 255, 255, 255, 255, 11, 12, 255, 255, 21, 22, 255, 255, 255, 255, 255
		]);
	});

	it('reads light text on dark by its inverted retry, which register reads turn off', async () => {
		const negative = await sharp(titlePng).negate().png().toBuffer();
		const { width, height } = await sharp(negative).metadata();
		const box: [number, number, number, number] = [0, 0, width!, height!];
		const [retried] = await pool.recognizeRegions(negative, [box], { psm: 6 });
		const [once] = await pool.recognizeRegions(negative, [box], { psm: 6, invertRetry: false });
		expect(retried?.text).toContain('Quang Dũng');
		expect(once?.text).not.toContain('Quang');
	});

	it('parses TSV words with their boxes, whole-percent confidences and line structure', () => {
		const row = (...c: (string | number)[]) => c.join('\t');
		const tsv = [
			row(1, 1, 0, 0, 0, 0, 0, 0, 600, 200, -1, ''),
			row(4, 1, 1, 1, 1, 0, 10, 10, 300, 30, -1, ''),
			row(5, 1, 1, 1, 1, 1, 10, 10, 90, 30, 96.4, 'Nguyê\u0303n'),
			row(5, 1, 1, 1, 1, 2, 110, 10, 60, 30, 91.99, 'Văn'),
			row(5, 1, 1, 1, 2, 1, 10, 50, 40, 30, 88, 'An'),
			row(5, 1, 1, 1, 2, 2, 60, 50, 40, 30, 50, ' '),
			row(5, 1, 2, 1, 1, 1, 10, 150, 80, 30, 70, 'Kinh')
		].join('\n');
		const r = fromTsv(tsv);
		expect(r.words).toEqual([
			{ text: 'Nguyễn', confidence: 0.96, bbox: [10, 10, 100, 40] },
			{ text: 'Văn', confidence: 0.91, bbox: [110, 10, 170, 40] },
			{ text: 'An', confidence: 0.88, bbox: [10, 50, 50, 80] },
			{ text: 'Kinh', confidence: 0.7, bbox: [10, 150, 90, 180] }
		]);
		expect(r.text).toBe('Nguyễn Văn\nAn\n\nKinh');
		expect(r.confidence).toBe(0.863);
		expect(fromTsv('')).toEqual({ text: '', words: [], confidence: 0 });
	});

	it('rejects a corrupt image without killing the pool', async () => {
		await expect(pool.recognizePage(Buffer.from('not an image'))).rejects.toBeTruthy();
		const r = await pool.recognizePage(readFileSync(titlePng), { psm: 6 });
		expect(r.text).toContain('Quang Dũng');
	});

	it('cleans page text: NFC, no trailing blanks, one blank line at most', () => {
		expect(cleanText('\n\nA  \n\n\n\nBe\u0301  \n\n')).toBe('A\n\nBé');
	});

	it('works with every network route blocked (nothing fetched, in the main thread or the worker)', async () => {
		const log = path.join(tmp, 'net.log');
		writeFileSync(log, '');
		const { stdout } = await promisify(execFile)(
			process.execPath,
			[
				'--require',
				path.join(here, 'testdata/block-network.cjs'),
				'--import',
				'tsx',
				path.join(here, 'testdata/ocr-offline.ts'),
				titlePng
			],
			{ env: { ...process.env, NET_LOG: log }, cwd: path.join(here, '../../../..') }
		);
		const out = JSON.parse(stdout);
		expect(out.sanity).toMatch(/network blocked/);
		expect(out.text).toContain('Quang Dũng');
		const lines = readFileSync(log, 'utf8').trim().split('\n');
		// The preload ran in the worker thread too, and the only attempt was the sanity fetch.
		expect(lines).toContain('preload main');
		expect(lines).toContain('preload worker');
		expect(lines.filter((l) => !l.startsWith('preload'))).toEqual([
			'fetch https://cdn.jsdelivr.net/'
		]);
	});
});
