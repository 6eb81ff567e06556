import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateEntries } from '../../synth/entries';
import { loadTemplate } from '../templates/index';
import { degradePage, degradeWithPreset, PRESET_NAMES } from './degrade';
import { renderRegisterPage } from './render-page';

let png: Buffer;
let stats: sharp.Stats;

beforeAll(async () => {
	const template = loadTemplate('birth-table-v1');
	const entries = generateEntries({ type: 'birth', count: 5, year: 2017, bookNumber: 1, seed: 1 });
	// 100 dpi keeps the suite fast; the pipeline does not depend on resolution.
	png = (await renderRegisterPage({ template, entries, pageNumber: 1, seed: 1, dpi: 100 })).png;
	stats = await sharp(png).stats();
});

async function meanAbsDiff(a: Buffer, b: Buffer): Promise<number> {
	const ra = await sharp(a).greyscale().raw().toBuffer();
	const rb = await sharp(b)
		.greyscale()
		.resize(
			await sharp(a)
				.metadata()
				.then((m) => ({ width: m.width, height: m.height, fit: 'fill' as const }))
		)
		.raw()
		.toBuffer();
	let s = 0;
	for (let i = 0; i < ra.length; i++) s += Math.abs(ra[i]! - rb[i]!);
	return s / ra.length;
}

describe('degradePage', () => {
	it.each(PRESET_NAMES)('%s keeps the frame size and is deterministic', async (preset) => {
		const a = await degradeWithPreset(png, preset, 7);
		const b = await degradeWithPreset(png, preset, 7);
		expect(a.equals(b)).toBe(true);
		const meta = await sharp(a).metadata();
		expect([meta.width, meta.height]).toEqual([1169, 827]);
		expect(meta.format).toBe(preset.endsWith('Photo') ? 'jpeg' : 'png');
		const diff = await meanAbsDiff(png, a);
		if (preset === 'clean') expect(diff).toBeLessThan(0.5);
		else expect(diff).toBeGreaterThan(1);
	});

	it('photos put the page on a darker desk; fading lightens the ink', async () => {
		const photo = await sharp(await degradeWithPreset(png, 'hardPhoto', 3)).stats();
		const corner = await sharp(await degradeWithPreset(png, 'hardPhoto', 3))
			.extract({ left: 0, top: 0, width: 20, height: 20 })
			.stats();
		expect(corner.channels[0]!.mean).toBeLessThan(140);
		expect(photo.channels[0]!.mean).toBeLessThan(stats.channels[0]!.mean);
		const faded = await sharp(await degradePage(png, { seed: 1, fade: 0.7 }))
			.greyscale()
			.stats();
		const clean = await sharp(png).greyscale().stats();
		expect(faded.channels[0]!.min).toBeGreaterThan(clean.channels[0]!.min + 40);
	});

	it('rotate90 turns the page on its side; skew keeps the size', async () => {
		const side = await sharp(await degradePage(png, { seed: 1, rotate90: 90 })).metadata();
		expect([side.width, side.height]).toEqual([827, 1169]);
		const skew = await degradePage(png, { seed: 1, skewDeg: 3 });
		const m = await sharp(skew).metadata();
		expect([m.width, m.height]).toEqual([1169, 827]);
		expect(await meanAbsDiff(png, skew)).toBeGreaterThan(2);
	});
});
