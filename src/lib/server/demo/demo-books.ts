import sharp from 'sharp';
import type { Services } from '../container';
import { generateEntries, generateResidents, type Place, type SynthEntry } from '../../synth/index';
import { renderRegisterPage } from '../../ocr/synth/render-page';
import { degradeWithPreset, type PresetName } from '../../ocr/synth/degrade';
import { loadTemplate } from '../../ocr/templates/index';
import { ImportDraft } from '../services/book-import';
import type { ResidentInput } from '../services/resident-service';

interface DemoBook {
	unit: string;
	place: Place;
	year: number;
	bookNumber: number;
	entries: number;
	/** How each page looks once "scanned": a flatbed scan, a tilted one, a faded old page… */
	pageLooks: readonly PresetName[];
}

const province = { province: 'tỉnh Đắk Lắk', provinceCode: '66' };

/**
 * Two birth registers of real Đắk Lắk communes: an older book written under the three-level
 * names (before the 2025 merger) and a current one. Pages are rendered by the OCR issue's page
 * generator, never placeholder images, and read by the background OCR job like any import.
 */
export const demoBooks: readonly DemoBook[] = [
	{
		unit: '24121',
		place: { commune: 'Phường Tân Lập', district: 'thành phố Buôn Ma Thuột', ...province },
		year: 2012,
		bookNumber: 1,
		entries: 10,
		pageLooks: ['clean', 'skewed']
	},
	{
		unit: '24133',
		place: { commune: 'Phường Buôn Ma Thuột', ...province },
		year: 2025,
		bookNumber: 1,
		entries: 10,
		pageLooks: ['clean', 'faded']
	}
];

const TEMPLATE_ID = 'birth-table-v1';

/** Scanners deliver JPEG; keeping pages as JPEG also keeps the demo's data folder small. */
async function asScan(png: Buffer): Promise<{ bytes: Buffer; width: number; height: number }> {
	const { data, info } = await sharp(png)
		.jpeg({ quality: 85 })
		.toBuffer({ resolveWithObject: true });
	return { bytes: data, width: info.width, height: info.height };
}

function toResidentRows(entries: readonly SynthEntry[], seed: string): ResidentInput[] {
	return generateResidents({ entries, seed }).map((r) => ({
		full_name: r.full_name,
		birth_date: r.birth_date,
		sex: r.sex,
		personal_id: r.personal_id,
		birth_place: r.birth_place,
		father_name: r.father_name,
		mother_name: r.mother_name,
		residence: r.residence
	}));
}

/** Seeds the demo books (pages queued for OCR) and each commune's resident extract. */
export async function seedDemoBooks(s: Services, log: (line: string) => void): Promise<void> {
	const template = loadTemplate(TEMPLATE_ID);
	for (const b of demoBooks) {
		const seed = `demo:${b.unit}:${b.year}:${b.bookNumber}`;
		const entries = generateEntries({
			type: 'birth',
			count: b.entries,
			year: b.year,
			bookNumber: b.bookNumber,
			seed,
			place: b.place,
			entriesPerPage: template.entriesPerPage
		});
		const bookNumber = String(b.bookNumber).padStart(2, '0');
		// The pages are staged, then book, pages and OCR job written in one transaction: the same
		// path as `sohoa import-book`, so the demo never shows a book without its pages or its job.
		const draft = new ImportDraft();
		for (let i = 0; i * template.entriesPerPage < entries.length; i++) {
			const onPage = entries.slice(i * template.entriesPerPage, (i + 1) * template.entriesPerPage);
			const rendered = await renderRegisterPage({
				template,
				entries: onPage,
				pageNumber: i + 1,
				seed: `${seed}:p${i + 1}`
			});
			const look = b.pageLooks[i % b.pageLooks.length] ?? 'clean';
			const png =
				look === 'clean'
					? rendered.png
					: await degradeWithPreset(rendered.png, look, `${seed}:p${i + 1}`);
			const scan = await asScan(png);
			await s.bookImport.stagePage(draft, {
				bytes: scan.bytes,
				mime: 'image/jpeg',
				width: scan.width,
				height: scan.height,
				sourceFile: `so-khai-sinh-${b.year}-q${bookNumber}-trang-${i + 1}.jpg`,
				sourcePage: 1
			});
		}
		await s.bookImport.commitImport(
			null,
			{
				unitCode: b.unit,
				registerType: 'birth',
				bookNumber,
				year: b.year,
				title: `Sổ đăng ký khai sinh ${b.year}, quyển ${bookNumber}`,
				expectedEntries: b.entries,
				templateId: TEMPLATE_ID
			},
			draft
		);
		const residents = await s.residents.importExtract(null, {
			unitCode: b.unit,
			fileName: `trich-xuat-dan-cu-${b.unit}.csv`,
			rows: toResidentRows(entries, seed)
		});
		log(
			`sohoa: demo book ${b.unit} ${b.year}/${bookNumber}: ${entries.length} births on ` +
				`${Math.ceil(entries.length / template.entriesPerPage)} pages (OCR queued), ` +
				`${residents.rows} residents`
		);
	}
}
