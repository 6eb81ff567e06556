import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { splitScan, type PageFailure, type PageImage } from './page-source';

const here = path.dirname(fileURLToPath(import.meta.url));
const scans = path.join(here, '../../../tests/fixtures/real-scans');

async function split(name: string, bytes: Buffer, maxPixels?: number) {
	const scan = await splitScan(name, bytes, { maxPixels });
	if ('error' in scan) throw new Error(scan.error.message);
	return scan.pages;
}

async function readAll(name: string, bytes: Buffer, maxPixels?: number) {
	const scan = await splitScan(name, bytes, { maxPixels });
	if ('error' in scan) throw new Error(scan.error.message);
	return Promise.all(scan.pages.map((p) => p.read()));
}

describe('splitScan', () => {
	it('keeps a phone photo byte for byte and gives its upright size', async () => {
		// Stored 400 wide × 300 high, EXIF orientation 6: shown (and read by OCR) turned a quarter.
		const photo = await sharp({
			create: { width: 400, height: 300, channels: 3, background: '#c84' }
		})
			.jpeg()
			.withMetadata({ orientation: 6 })
			.toBuffer();
		const [page] = (await readAll('photo.jpg', photo)) as PageImage[];
		expect(page).toMatchObject({ page: 1, mime: 'image/jpeg', width: 300, height: 400 });
		expect(page?.bytes.equals(photo)).toBe(true);
	});

	it('keeps a WebP as it is', async () => {
		const webp = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#fff' } })
			.webp()
			.toBuffer();
		const [page] = (await readAll('p.webp', webp)) as PageImage[];
		expect(page).toMatchObject({ mime: 'image/webp', width: 30, height: 20 });
		expect(page?.bytes.equals(webp)).toBe(true);
	});

	it('holds each TIFF page to the pixel limit on its own, so the file still opens', async () => {
		// vietsample.tif: two 2550×3300 pages (8.4 Mpx each).
		const tif = readFileSync(path.join(scans, 'vietsample.tif'));
		const pages = (await readAll('big.tif', tif, 5_000_000)) as PageFailure[];
		expect(pages.map((p) => [p.page, p.error.code, p.error.params.page])).toEqual([
			[1, 'ocr.tooManyPixels', 1],
			[2, 'ocr.tooManyPixels', 2]
		]);
		const within = (await readAll('big.tif', tif, 9_000_000)) as PageImage[];
		expect(within.map((p) => [p.page, p.mime, p.width, p.height])).toEqual([
			[1, 'image/png', 2550, 3300],
			[2, 'image/png', 2550, 3300]
		]);
	});

	it('stores a TIFF page with an orientation tag upright', async () => {
		const sideways = await sharp({
			create: { width: 60, height: 40, channels: 3, background: '#fff' }
		})
			.tiff()
			.withMetadata({ orientation: 8 })
			.toBuffer();
		const [page] = (await readAll('s.tif', sideways)) as PageImage[];
		expect([page?.width, page?.height]).toEqual([40, 60]);
		const stored = await sharp(page!.bytes).metadata();
		expect([stored.width, stored.height, stored.orientation]).toEqual([40, 60, undefined]);
	});

	it('offers OCR each TIFF page as the TIFF itself and its page index, not a PNG', async () => {
		const tif = readFileSync(path.join(scans, 'vietsample.tif'));
		const pages = await split('two.tif', tif);
		expect(pages.map((p) => [p.page, 'index' in p.encoded && p.encoded.index])).toEqual([
			[1, 0],
			[2, 1]
		]);
		for (const p of pages) expect('bytes' in p.encoded && p.encoded.bytes).toBe(tif);
	});

	it('gives a PDF page without a scan the same failure both ways', async () => {
		const doc = await PDFDocument.create();
		doc.addPage([600, 900]).drawText('born digital');
		const [page] = await split('text.pdf', Buffer.from(await doc.save()));
		const failure = {
			page: 1,
			error: {
				code: 'ocr.pdfPageNoImage',
				params: { file: 'text.pdf', page: 1 },
				message: 'text.pdf page 1: ocr.pdfPageNoImage'
			}
		};
		expect(page?.encoded).toEqual(failure);
		expect(await page?.read()).toEqual(failure);
	});

	it('refuses a file that is one image too large to decode as a whole, a one-page TIFF too', async () => {
		const blank = sharp({ create: { width: 200, height: 100, channels: 3, background: '#fff' } });
		for (const [name, bytes] of [
			['big.png', await blank.clone().png().toBuffer()],
			['big.jpg', await blank.clone().jpeg().toBuffer()],
			['big.tif', await blank.clone().tiff().toBuffer()]
		] as const) {
			const scan = await splitScan(name, bytes, { maxPixels: 10_000 });
			expect('error' in scan && scan.error, name).toMatchObject({
				code: 'ocr.tooManyPixels',
				params: { file: name, page: 1 }
			});
			expect('pages' in (await splitScan(name, bytes, { maxPixels: 20_000 })), name).toBe(true);
		}
	});

	it('refuses an image whose header is cut short as a whole file', async () => {
		const png = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#fff' } })
			.png()
			.toBuffer();
		const scan = await splitScan('cut.png', png.subarray(0, 40));
		expect('error' in scan && scan.error).toMatchObject({
			code: 'ocr.corruptImage',
			params: { file: 'cut.png', page: 1 }
		});
	});
});
