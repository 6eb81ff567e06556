import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { generateEntries } from '../../synth/entries';
import { loadTemplate } from '../templates/index';
import { renderRegisterPage, type PxBox } from './render-page';

const inside = (b: PxBox, outer: PxBox) =>
	b[0] >= outer[0] && b[1] >= outer[1] && b[2] <= outer[2] && b[3] <= outer[3];

async function grey(png: Buffer) {
	const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
	return { data, width: info.width, height: info.height };
}

const cases = [
	['birth-table-v1', 'birth', 'serif'],
	['death-table-v1', 'death', 'sans'],
	['marriage-table-v1', 'marriage', 'condensed'],
	['birth-form-v1', 'birth', 'mono']
] as const;

describe('renderRegisterPage', () => {
	it.each(cases)(
		'%s: truth boxes inside page and entry, ink where the boxes say',
		async (id, type, font) => {
			const template = loadTemplate(id);
			const entries = generateEntries({
				type,
				count: template.entriesPerPage,
				year: 2018,
				bookNumber: 2,
				seed: 4,
				minorityShare: 0.3
			});
			const page = await renderRegisterPage({ template, entries, pageNumber: 3, seed: 1, font });
			const img = await grey(page.png);
			expect([img.width, img.height]).toEqual([page.width, page.height]);
			const pageBox: PxBox = [0, 0, page.width, page.height];
			expect(page.truth.entries).toHaveLength(template.entriesPerPage);
			expect(page.truth.header.quyenSo?.value).toBe('02/2018');

			const mask = new Uint8Array(img.width * img.height);
			let inkIn = 0;
			let areaIn = 0;
			let written = 0;
			page.truth.entries.forEach((e, i) => {
				expect(inside(e.bbox, pageBox)).toBe(true);
				for (const f of template.fields) {
					const tf = e.fields[f.key]!;
					expect(tf.value).toBe(entries[i]!.fields[f.key]);
					if (!tf.bbox) {
						expect(tf.value.trim()).toBe('');
						continue;
					}
					written++;
					expect(inside(tf.bbox, e.bbox), f.key).toBe(true);
					let dark = 0;
					const [x0, y0, x1, y1] = tf.bbox;
					for (let y = y0; y < y1; y++)
						for (let x = x0; x < x1; x++) {
							mask[y * img.width + x] = 1;
							if (img.data[y * img.width + x]! < 128) dark++;
						}
					// Every written value leaves ink in its box.
					expect(dark, f.key).toBeGreaterThan(3);
					inkIn += dark;
					areaIn += (x1 - x0) * (y1 - y0);
				}
			});
			expect(written).toBeGreaterThan(template.fields.length * 0.6 * template.entriesPerPage);
			// Outside the field boxes and the printed parts, the entry area is paper (ruling lines aside).
			let inkOut = 0;
			let areaOut = 0;
			for (const e of page.truth.entries) {
				const [x0, y0, x1, y1] = e.bbox;
				for (let y = y0 + 6; y < y1 - 6; y++)
					for (let x = x0 + 6; x < x1 - 6; x++) {
						if (mask[y * img.width + x]) continue;
						areaOut++;
						if (img.data[y * img.width + x]! < 128) inkOut++;
					}
			}
			const densityIn = inkIn / areaIn;
			const densityOut = inkOut / areaOut;
			expect(densityIn).toBeGreaterThan(0.08);
			expect(densityOut).toBeLessThan(densityIn / 5);
			for (const e of entries) expect(page.truth.text).toContain(e.fields.so!.slice(0, 2));
			expect(page.truth.text).toContain(
				entries[0]!.fields.nksHoTen ?? entries[0]!.fields.nktHoTen ?? entries[0]!.fields.chongHoTen
			);
		}
	);

	it('is deterministic: same seed, same bytes; another seed, another page', async () => {
		const template = loadTemplate('birth-table-v1');
		const entries = generateEntries({
			type: 'birth',
			count: 5,
			year: 2009,
			bookNumber: 1,
			seed: 8
		});
		const a = await renderRegisterPage({ template, entries, pageNumber: 1, seed: 5 });
		const b = await renderRegisterPage({ template, entries, pageNumber: 1, seed: 5 });
		const c = await renderRegisterPage({ template, entries, pageNumber: 1, seed: 6 });
		expect(a.png.equals(b.png)).toBe(true);
		expect(a.truth).toEqual(b.truth);
		expect(c.png.equals(a.png)).toBe(false);
		expect([a.width, a.height]).toEqual([2339, 1654]);
	});

	it('honours dpi and renders a partly filled last page', async () => {
		const template = loadTemplate('death-table-v1');
		const entries = generateEntries({
			type: 'death',
			count: 2,
			year: 2021,
			bookNumber: 1,
			seed: 2
		});
		const p = await renderRegisterPage({ template, entries, pageNumber: 9, seed: 1, dpi: 150 });
		expect([p.width, p.height]).toEqual([1754, 1240]);
		expect(p.truth.entries).toHaveLength(2);
		expect(p.truth.header.trangSo?.value).toBe('9');
	});
});
