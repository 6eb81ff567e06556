import sharp from 'sharp';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderRegisterPage } from '../../ocr/synth/render-page';
import { degradeWithPreset } from '../../ocr/synth/degrade';
import { loadTemplate } from '../../ocr/templates/index';
import { generateEntries } from '../../synth/index';
import { decodeGrey } from '../../ocr/preprocess/image';
import { createOcrPool } from '../../ocr/engine/ocr-pool';
import { nameWordsFound } from '../../export/legibility';
import {
	FIXED_PDF_DATE,
	MAX_PDF_BYTES,
	buildEntryPdf,
	cropBox,
	loadPageImage,
	percentiles,
	type Box,
	type PageImage
} from './entry-pdf';

const template = loadTemplate('birth-table-v1');
const entries = generateEntries({
	type: 'birth',
	count: 5,
	year: 2008,
	bookNumber: 2,
	seed: 'export-pdf',
	place: {
		commune: 'Phường Tân Lập',
		district: 'thành phố Buôn Ma Thuột',
		province: 'tỉnh Đắk Lắk',
		provinceCode: '66'
	},
	entriesPerPage: template.entriesPerPage
});

/** A PDF parsed back: one page, one JPEG image, the file's size and dates. */
async function parse(bytes: Uint8Array) {
	const doc = await PDFDocument.load(bytes, { updateMetadata: false });
	const images = doc.context
		.enumerateIndirectObjects()
		.map(([, o]) => o)
		.filter((o): o is PDFRawStream => o instanceof PDFRawStream)
		.filter((s) => s.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'));
	return {
		pages: doc.getPageCount(),
		images: images.map((s) => ({
			filter: String(s.dict.get(PDFName.of('Filter'))),
			jpeg: Buffer.from(s.contents)
		})),
		created: doc.getCreationDate(),
		title: doc.getTitle()
	};
}

describe('entry PDF', () => {
	let clean: { page: PageImage; regions: Box[] };
	let skewed: PageImage;

	beforeAll(async () => {
		const rendered = await renderRegisterPage({ template, entries, pageNumber: 1, seed: 'p1' });
		const jpeg = await sharp(rendered.png).jpeg({ quality: 85 }).toBuffer();
		clean = {
			page: await loadPageImage(jpeg),
			regions: rendered.truth.entries.map((e) => e.bbox)
		};
		skewed = await loadPageImage(await degradeWithPreset(rendered.png, 'skewed', 'p1'));
	}, 60_000);

	it('keeps a margin around the region, clamps it, and keeps the whole page for a page-sized entry', () => {
		expect(cropBox([100, 100, 500, 200], 1000, 800)).toEqual([88, 88, 512, 212]);
		expect(cropBox([-50, 5, 2000, 50], 1000, 800)).toEqual([0, 0, 1000, 62]);
		expect(cropBox([0, 20, 1000, 790], 1000, 800)).toBeNull();
		expect(cropBox(null, 1000, 800)).toBeNull();
		expect(cropBox([10, 10, 12, 12], 1000, 800)).toEqual([0, 0, 24, 24]);
		expect(cropBox([Number.NaN, 0, 5, 5], 1000, 800)).toBeNull();
	});

	it('finds the ink and paper levels of a page', () => {
		const grey = new Uint8Array(1000).fill(230);
		grey.fill(20, 0, 50);
		expect(percentiles(grey, [0.01, 0.04, 0.06, 0.99])).toEqual([20, 20, 230, 230]);
		// The generated page: dark ink, light paper.
		expect(clean.page.levels[0]).toBeLessThan(100);
		expect(clean.page.levels[1]).toBeGreaterThan(200);
	});

	it('each entry of a page: one page, one JPEG, at most 100 KB, the entry region in colour', async () => {
		for (const [i, region] of clean.regions.entries()) {
			const pdf = await buildEntryPdf({ page: clean.page, region, title: `entry ${i + 1}` });
			expect(pdf.bytes.length).toBeLessThanOrEqual(MAX_PDF_BYTES);
			const parsed = await parse(pdf.bytes);
			expect(parsed.pages).toBe(1);
			expect(parsed.images).toHaveLength(1);
			expect(parsed.images[0]!.filter).toBe('/DCTDecode');
			const meta = await sharp(parsed.images[0]!.jpeg).metadata();
			expect(meta.format).toBe('jpeg');
			expect(meta.channels).toBe(3);
			// A row of the table, not the page: wide and short.
			expect(meta.width! / meta.height!).toBeGreaterThan(3);
			expect(pdf.wholePage).toBe(false);
			expect(parsed.created?.getTime()).toBe(FIXED_PDF_DATE.getTime());
			expect(parsed.title).toBe(`entry ${i + 1}`);
		}
	});

	it('is byte-identical when built twice from the same scan and region', async () => {
		const a = await buildEntryPdf({ page: clean.page, region: clean.regions[0]!, title: 'x' });
		const b = await buildEntryPdf({ page: clean.page, region: clean.regions[0]!, title: 'x' });
		expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
	});

	it('levels a skewed scan: its ruling lines come out horizontal', async () => {
		// The page is measured as a whole (the generator tilted it by about 1.95°).
		expect(skewed.skew).toBeGreaterThan(1.5);
		expect(skewed.skew).toBeLessThan(2.5);
		const region = clean.regions[2]!;
		const levelled = await buildEntryPdf({ page: skewed, region, title: 'skewed' });
		const tilted = await buildEntryPdf({ page: { ...skewed, skew: 0 }, region, title: 'skewed' });
		// A horizontal rule puts its ink in one pixel row; a tilted one spreads it over many.
		const darkestRow = async (jpeg: Buffer) => {
			const g = await decodeGrey(jpeg);
			let best = 0;
			for (let y = 0; y < g.height; y++) {
				let ink = 0;
				for (let x = 0; x < g.width; x++) ink += 255 - g.data[y * g.width + x]!;
				best = Math.max(best, ink / g.width / 255);
			}
			return best;
		};
		expect(await darkestRow(levelled.jpeg)).toBeGreaterThan(2 * (await darkestRow(tilted.jpeg)));
		expect(levelled.bytes.length).toBeLessThanOrEqual(MAX_PDF_BYTES);
	});

	it('fits a whole noisy colour page of 12 Mpx into the limit, shrinking it as needed', async () => {
		const noise = Buffer.alloc(4000 * 3000 * 3);
		let x = 12345;
		for (let i = 0; i < noise.length; i++) {
			x = (x * 1103515245 + 12345) >>> 0;
			noise[i] = x >>> 24;
		}
		const page = await loadPageImage(
			await sharp(noise, { raw: { width: 4000, height: 3000, channels: 3 } })
				.jpeg({ quality: 95 })
				.toBuffer()
		);
		const pdf = await buildEntryPdf({ page, region: null, title: 'noise' });
		expect(pdf.wholePage).toBe(true);
		expect(pdf.bytes.length).toBeLessThanOrEqual(MAX_PDF_BYTES);
		expect(pdf.width).toBeLessThan(2000);
		expect((await parse(pdf.bytes)).images).toHaveLength(1);
	});

	it('honours a smaller limit and greyscale', async () => {
		const pdf = await buildEntryPdf(
			{ page: clean.page, region: clean.regions[1]!, title: 'g' },
			{ maxBytes: 30_000, greyscale: true }
		);
		expect(pdf.bytes.length).toBeLessThanOrEqual(30_000);
		expect((await sharp(pdf.jpeg).metadata()).channels).toBe(1);
	});

	it('stays legible: OCR of the compressed image finds the child’s name', async () => {
		const pool = createOcrPool({ size: 1 });
		try {
			for (const i of [0, 3]) {
				const pdf = await buildEntryPdf({
					page: clean.page,
					region: clean.regions[i]!,
					title: 'o'
				});
				const jpeg = (await parse(pdf.bytes)).images[0]!.jpeg;
				const read = await pool.recognizePage(jpeg, { psm: 6 });
				const name = entries[i]!.fields.nksHoTen!;
				const found = nameWordsFound(name, read.text);
				expect(found.found, `${name} in ${read.text}`).toBe(found.total);
			}
		} finally {
			await pool.close();
		}
	}, 120_000);
});
