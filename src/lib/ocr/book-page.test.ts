import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEntries } from '../synth/index';
import { forBookPage, ocrBookPage, readPageImage, type BookPageSource } from './book-page';
import { createOcrPool, type OcrPool } from './engine/ocr-pool';
import { cer } from './metrics';
import { degradeWithPreset } from './synth/degrade';
import { renderRegisterPage, type RenderedPage } from './synth/render-page';
import { loadTemplate } from './templates';

const source: BookPageSource = {
	registerType: 'birth',
	templateId: 'birth-table-v1',
	name: 'Quyển 01, trang 1',
	pageNo: 1
};

let pool: OcrPool;
let page: RenderedPage;
beforeAll(async () => {
	pool = createOcrPool({ size: 1 });
	const template = loadTemplate('birth-table-v1');
	const entries = generateEntries({
		type: 'birth',
		count: 4,
		year: 2012,
		bookNumber: 1,
		seed: 'book-page-test',
		place: { commune: 'Phường Tân Lập', province: 'tỉnh Đắk Lắk', provinceCode: '66' },
		entriesPerPage: template.entriesPerPage
	});
	// Four entries on a five-row page: the last ruled row stays blank, as on a book's last page.
	page = await renderRegisterPage({ template, entries, pageNumber: 1, seed: 'book-page-test' });
});
afterAll(() => pool.close());

describe('ocrBookPage', () => {
	it.each(['clean', 'skewed'] as const)(
		'reads a %s JPEG scan into one entry per written row, keyed by register fields',
		async (look) => {
			const png = look === 'clean' ? page.png : await degradeWithPreset(page.png, look, 'bp');
			const jpeg = await sharp(png).jpeg({ quality: 85 }).toBuffer();
			const r = await ocrBookPage(jpeg, source, pool);
			if ('error' in r) throw new Error(r.error.message);
			expect(r.entries).toHaveLength(page.truth.entries.length);
			r.entries.forEach((e, i) => {
				const truth = page.truth.entries[i]!.fields;
				expect(e.fields.nksNgaySinh?.value).toBe(truth.nksNgaySinh?.value);
				expect(e.fields.nksGioiTinh?.value).toBe(truth.nksGioiTinh?.value);
				expect(e.fields.nksNgaySinhBangChu?.issues).not.toContain('date.wordsMismatch');
				expect(cer(e.fields.nksHoTen?.value ?? '', truth.nksHoTen?.value ?? '')).toBeLessThan(0.3);
				// The entry's box holds its name's box, both on the scanned page.
				const [x0, y0, x1, y1] = e.region;
				const nameBox = e.fields.nksHoTen?.bbox;
				expect(nameBox).not.toBeNull();
				expect(nameBox![0]).toBeGreaterThanOrEqual(x0 - 2);
				expect(nameBox![1]).toBeGreaterThanOrEqual(y0 - 2);
				expect(nameBox![2]).toBeLessThanOrEqual(x1 + 2);
				expect(nameBox![3]).toBeLessThanOrEqual(y1 + 2);
			});
		}
	);

	it('says why a value needs a look, including register rules the entry as read breaks', async () => {
		const template = loadTemplate('birth-table-v1');
		const [entry] = generateEntries({
			type: 'birth',
			count: 1,
			year: 2012,
			bookNumber: 1,
			seed: 'book-page-issues',
			entriesPerPage: template.entriesPerPage
		});
		if (!entry) throw new Error('no entry generated');
		// As a register sometimes has it: the date in words does not say the date in figures.
		const wrong = {
			fields: { ...entry.fields, nksNgaySinhBangChu: 'Ngày Một Tháng Một Năm Hai Nghìn Linh Một' }
		};
		const rendered = await renderRegisterPage({
			template,
			entries: [wrong],
			pageNumber: 1,
			seed: 'book-page-issues'
		});
		const r = await ocrBookPage(rendered.png, source, pool);
		if ('error' in r) throw new Error(r.error.message);
		const [read] = r.entries;
		expect(read?.fields.nksNgaySinhBangChu?.issues).toContain('date.wordsMismatch');
		// The rule names the words, not the figures, which were read as written.
		expect(read?.fields.nksNgaySinh?.value).toBe(entry.fields.nksNgaySinh);
		expect(read?.fields.nksNgaySinh?.issues).not.toContain('date.wordsMismatch');
	});

	it('refuses a page on which no entry is written', async () => {
		const blank = await sharp({
			create: { width: 2339, height: 1654, channels: 3, background: '#ffffff' }
		})
			.png()
			.toBuffer();
		const r = await ocrBookPage(blank, source, pool);
		expect(r).toMatchObject({ error: { code: 'ocr.noEntries', params: { page: 1 } } });
	});

	it.each([
		['bytes that are no image', Buffer.from('not an image'), 'ocr.unsupportedFormat'],
		['an empty file', Buffer.alloc(0), 'ocr.emptyFile']
	])('refuses %s with a code naming the page', async (_, bytes, code) => {
		const r = await ocrBookPage(bytes, source, pool);
		expect(r).toMatchObject({ error: { code, params: { file: source.name } } });
	});

	it('reads an image once for every book page that shows it, each named in its errors', async () => {
		const other = { name: 'Quyển 07, trang 12', pageNo: 12 };
		const unreadable = await readPageImage(
			Buffer.from('not an image'),
			loadTemplate('birth-table-v1'),
			pool
		);
		for (const p of [source, other]) {
			const r = forBookPage(unreadable, p);
			expect(r).toMatchObject({
				error: { code: 'ocr.unsupportedFormat', params: { file: p.name } }
			});
			if ('error' in r) expect(r.error.message).toContain(p.name);
			expect(forBookPage({ entries: [] }, p)).toMatchObject({
				error: { code: 'ocr.noEntries', params: { page: p.pageNo } }
			});
		}
	});

	it('refuses an unknown layout and a register type with none', async () => {
		const png = page.png;
		expect(await ocrBookPage(png, { ...source, templateId: 'nope-v9' }, pool)).toMatchObject({
			error: { code: 'ocr.unknownTemplate', params: { id: 'nope-v9' } }
		});
		expect(
			await ocrBookPage(png, { ...source, registerType: 'adoption', templateId: null }, pool)
		).toMatchObject({ error: { code: 'ocr.noTemplate', params: { type: 'adoption' } } });
	});
});
