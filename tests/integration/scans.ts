import sharp from 'sharp';
import { generateEntries } from '../../src/lib/synth/index';
import { renderRegisterPage } from '../../src/lib/ocr/synth/render-page';
import { loadTemplate } from '../../src/lib/ocr/templates/index';

/** A scanned birth-register page (JPEG, as scanners deliver) with its known entries. */
export async function scannedPage(seed: string) {
	const template = loadTemplate('birth-table-v1');
	const entries = generateEntries({
		type: 'birth',
		count: template.entriesPerPage,
		year: 2012,
		bookNumber: 1,
		seed,
		place: { commune: 'Phường Tân Lập', province: 'tỉnh Đắk Lắk', provinceCode: '66' },
		entriesPerPage: template.entriesPerPage
	});
	const page = await renderRegisterPage({ template, entries, pageNumber: 1, seed });
	const { data, info } = await sharp(page.png)
		.jpeg({ quality: 85 })
		.toBuffer({ resolveWithObject: true });
	return { bytes: data, width: info.width, height: info.height, truth: page.truth };
}
