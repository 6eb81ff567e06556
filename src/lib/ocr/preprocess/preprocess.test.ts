import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { assert, beforeAll, describe, expect, it } from 'vitest';
import { loadCv, type Cv } from './cv';
import { estimateSkew } from './deskew';
import { decodeGrey, rotate90, type Grey } from './image';
import { detectOrientation } from './orientation';
import { findPageQuad } from './perspective';
import { preprocessPage } from './index';
import { compose, invert, mapPoint, rotation90, rotationAbout } from './transform';

const here = path.dirname(fileURLToPath(import.meta.url));
const scan = (f: string) => path.join(here, '../../../../tests/fixtures/real-scans', f);

let cv: Cv;
let prose: Grey;
beforeAll(async () => {
	({ cv } = await loadCv());
	prose = await decodeGrey(await sharp(scan('vietsample.tif'), { page: 1 }).png().toBuffer());
});

const turned = (deg: number) =>
	sharp(scan('vietsample.tif'), { page: 1 })
		.greyscale()
		.rotate(deg, { background: '#fff' })
		.png()
		.toBuffer()
		.then((b) => decodeGrey(b));

describe('orientation', () => {
	it.each([0, 90, 180, 270] as const)('a real page turned %i° is turned back', (deg) => {
		const g = detectOrientation(rotate90(prose, deg));
		expect(g.rotate).toBe((360 - deg) % 360);
		expect(g.upScore).toBeGreaterThan(1.5);
	});

	it('the first page of vietsample2.tif lies on its side (needs 270° clockwise)', async () => {
		const g = await decodeGrey(await sharp(scan('vietsample2.tif'), { page: 0 }).png().toBuffer());
		expect(detectOrientation(g).rotate).toBe(270);
	});
});

describe('deskew', () => {
	it.each([-5, -3.5, 1, 4])('measures a page turned by %f° to within 0.2°', async (deg) => {
		const est = estimateSkew(cv, await turned(deg));
		// sharp turns clockwise for positive degrees; the estimate is the counter-clockwise fix.
		expect(Math.abs(est.angle - deg)).toBeLessThan(0.2);
		expect(est.lines).toBeGreaterThan(10);
	});

	it.each([-4, 87, 183, 268])('preprocessPage levels and turns a page at %f°', async (deg) => {
		const p = await preprocessPage(await turned(deg));
		const fix = (((Math.round(deg / 90) * 90) % 360) + 360) % 360;
		expect(p.steps.rotate).toBe((360 - fix) % 360);
		expect(estimateSkew(cv, p.image).angle).toBeCloseTo(0, 0);
	});
});

describe('perspective', () => {
	it('finds the page of a photo and leaves a flat scan alone', async () => {
		// A page photographed at an angle: paper warped onto a dark table.
		const W = 1200;
		const H = 1600;
		const page = await sharp(scan('vietsample1.tif'), { page: 0 })
			.resize(800, 1200)
			.png()
			.toBuffer();
		const svgQuad: [number, number][] = [
			[220, 180],
			[1010, 230],
			[1060, 1450],
			[150, 1390]
		];
		const bg = await sharp({ create: { width: W, height: H, channels: 3, background: '#303030' } })
			.composite([
				{
					input: Buffer.from(
						`<svg width="${W}" height="${H}"><polygon points="${svgQuad.map((p) => p.join(',')).join(' ')}" fill="#f4f0e6"/></svg>`
					)
				}
			])
			.png()
			.toBuffer();
		const q = findPageQuad(cv, await decodeGrey(bg));
		expect(q).not.toBeNull();
		q!.forEach((p, i) => {
			const corner = svgQuad[i];
			assert(corner);
			expect(Math.hypot(p[0] - corner[0], p[1] - corner[1])).toBeLessThan(25);
		});
		expect(findPageQuad(cv, await decodeGrey(page))).toBeNull();
	});
});

describe('transform', () => {
	it('composes and inverts', () => {
		const t = compose(rotation90(90, 100, 50), rotationAbout(3, 25, 50, 4, 7));
		const [x, y] = mapPoint(t, 10, 20);
		const back = mapPoint(invert(t), x, y);
		expect(back[0]).toBeCloseTo(10, 6);
		expect(back[1]).toBeCloseTo(20, 6);
		// 90° clockwise: the top-left corner goes to the top-right.
		expect(mapPoint(rotation90(90, 100, 50), 0, 0)).toEqual([49, 0]);
	});
});

describe('a ruled register page of known shape', () => {
	// A tilted birth-table page that the line tests alone once took for a page on its side.
	let page: Buffer;
	beforeAll(async () => {
		const { generateEntries } = await import('../../synth/index');
		const { renderRegisterPage } = await import('../synth/render-page');
		const { degradePage, PRESETS } = await import('../synth/degrade');
		const { loadTemplate } = await import('../templates/index');
		const seed = 'bench:skewed:5';
		const template = loadTemplate('birth-table-v1');
		const entries = generateEntries({ type: 'birth', count: 5, year: 2030, bookNumber: 6, seed });
		const r = await renderRegisterPage({ template, entries, pageNumber: 1, seed });
		page = await degradePage(r.png, PRESETS.skewed(seed));
	});

	it.each([0, 90, 180, 270] as const)(
		'turned by %i° comes out upright and landscape',
		async (deg) => {
			const img = await decodeGrey(await sharp(page).rotate(deg).png().toBuffer());
			const p = await preprocessPage(img, { pageAspect: 'landscape' });
			expect(p.image.width).toBeGreaterThan(p.image.height);
			expect(p.steps.rotate).toBe((360 - deg) % 360);
		}
	);
});
