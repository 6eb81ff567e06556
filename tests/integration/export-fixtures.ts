// Export tests' data: real rendered register pages, imported the way imports store them.
import sharp from 'sharp';
import type { Services } from '../../src/lib/server/container';
import { renderRegisterPage, type RenderedPage } from '../../src/lib/ocr/synth/render-page';
import { loadTemplate } from '../../src/lib/ocr/templates/index';
import { generateEntries } from '../../src/lib/synth/index';
import type { TestUser } from './fixtures';

const template = loadTemplate('birth-table-v1');
const place = {
	commune: 'Phường Tân Lập',
	district: 'thành phố Buôn Ma Thuột',
	province: 'tỉnh Đắk Lắk',
	provinceCode: '66'
};

// Two scanned pages of one 2008 birth book, rendered once for both databases.
let pagesOnce: Promise<RenderedPage[]> | undefined;
export const renderedPages = () =>
	(pagesOnce ??= (async () => {
		const entries = generateEntries({
			type: 'birth',
			count: 10,
			year: 2008,
			bookNumber: 2,
			seed: 'export-it',
			place,
			entriesPerPage: template.entriesPerPage
		});
		return Promise.all(
			[0, 1].map((p) =>
				renderRegisterPage({
					template,
					entries: entries.slice(p * 5, p * 5 + 5),
					pageNumber: p + 1,
					seed: `export-it:${p}`
				})
			)
		);
	})());

/** A book made the way imports make them: pages stored, OCR's entries recorded (as prefilled). */
export async function importBook(s: Services, unit: string, pages: RenderedPage[]) {
	const bookId = await s.bookImport.createBook(null, {
		unitCode: unit,
		registerType: 'birth',
		bookNumber: '02',
		year: 2008,
		title: `Sổ khai sinh 2008 quyển 02 (${unit})`
	});
	for (const [i, p] of pages.entries()) {
		const jpeg = await sharp(p.png).jpeg({ quality: 85 }).toBuffer();
		const page = await s.bookImport.addPage(
			bookId,
			{
				bytes: jpeg,
				mime: 'image/jpeg',
				width: p.width,
				height: p.height,
				sourceFile: `p${i}.jpg`,
				sourcePage: 1
			},
			null
		);
		await s.bookImport.recordPageEntries(
			page.id,
			p.truth.entries.map((e) => ({
				region: e.bbox,
				fields: Object.fromEntries(
					Object.entries({ ...p.truth.header, ...e.fields })
						.filter(([, f]) => f.value)
						.map(([k, f]) => [k, { value: f.value, confidence: 0.99, bbox: f.bbox, issues: [] }])
				)
			}))
		);
	}
	const entries = await s.database.db
		.selectFrom('entry')
		.select(['id', 'seq'])
		.where('book_id', '=', bookId)
		.orderBy('seq')
		.execute();
	return { bookId, entries: entries.map((e) => e.id) };
}

/** Clerk saves and submits, a second person (the officer) approves: the real workflow. */
export async function approveEntry(s: Services, clerk: TestUser, officer: TestUser, id: string) {
	const v = await s.entries.get(clerk, id);
	await s.entries.update(clerk, id, { version: v.version, fields: {} });
	await s.entries.submit(clerk, id);
	await s.entries.approve(officer, id);
}
