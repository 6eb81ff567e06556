import sharp from 'sharp';
import { Rng } from '../../synth/rng';
import { withCv, type Cv } from './opencv';

export interface DegradeOptions {
	/** Small rotation in degrees (scanner skew); the canvas keeps its size. */
	skewDeg?: number;
	/** Page put on its side or upside down; 90/270 swap width and height. */
	rotate90?: 0 | 90 | 180 | 270;
	/** 0..1: a phone photo's perspective, the page on a darker desk. */
	perspective?: number;
	/** Gaussian blur sigma in pixels. */
	blur?: number;
	/** 0..1: sensor noise (0.1 ≈ σ 2.5 grey levels). */
	noise?: number;
	/** Output JPEG at this quality (1..100); PNG when absent. */
	jpegQuality?: number;
	/** 0..1: faded ink (0.6 leaves 40% of the ink's contrast). */
	fade?: number;
	/** 0..1: light falling off from one side, as under a lamp or a window. */
	unevenLight?: number;
	/** 0..1: aged, yellowed paper. */
	paperTint?: number;
	seed: number | string;
}

export type PresetName = 'clean' | 'skewed' | 'faded' | 'phonePhoto' | 'hardPhoto';

/** Page classes of MEASURED.md, with the seed choosing signs and exact amounts. */
export const PRESETS: Record<PresetName, (seed: number | string) => DegradeOptions> = {
	clean: (seed) => ({ seed }),
	skewed: (seed) => {
		const r = new Rng(`${seed}:skewed`);
		return { seed, skewDeg: (r.chance(0.5) ? -1 : 1) * r.range(1.5, 3), noise: 0.03 };
	},
	faded: (seed) => ({ seed, fade: 0.55, paperTint: 0.6, blur: 0.6, noise: 0.05 }),
	phonePhoto: (seed) => {
		const r = new Rng(`${seed}:phone`);
		return {
			seed,
			perspective: r.range(0.35, 0.55),
			unevenLight: r.range(0.35, 0.55),
			noise: 0.12,
			skewDeg: r.range(-1.5, 1.5),
			blur: 0.8,
			paperTint: 0.3,
			jpegQuality: 60
		};
	},
	hardPhoto: (seed) => {
		const r = new Rng(`${seed}:hard`);
		return {
			seed,
			perspective: r.range(0.75, 1),
			unevenLight: r.range(0.7, 0.9),
			noise: 0.25,
			skewDeg: (r.chance(0.5) ? -1 : 1) * r.range(2.5, 4.5),
			blur: 1.4,
			fade: 0.3,
			paperTint: 0.5,
			jpegQuality: 45
		};
	}
};

export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

export function degradeWithPreset(
	png: Buffer,
	preset: PresetName,
	seed: number | string
): Promise<Buffer> {
	return degradePage(png, PRESETS[preset](seed));
}

interface Raw {
	data: Buffer;
	width: number;
	height: number;
}

async function toRaw(img: Buffer | sharp.Sharp): Promise<Raw> {
	const s = Buffer.isBuffer(img) ? sharp(img) : img;
	const { data, info } = await s.removeAlpha().raw().toBuffer({ resolveWithObject: true });
	return { data, width: info.width, height: info.height };
}

function fromRaw(r: Raw): sharp.Sharp {
	return sharp(r.data, { raw: { width: r.width, height: r.height, channels: 3 } });
}

/** Median of the page's border pixels: the paper colour, used to fill what rotation uncovers. */
function paperColour(r: Raw): [number, number, number] {
	const samples: number[][] = [[], [], []];
	for (let x = 0; x < r.width; x += 7) {
		for (const y of [2, r.height - 3]) {
			const i = (y * r.width + x) * 3;
			for (let c = 0; c < 3; c++) samples[c]!.push(r.data[i + c]!);
		}
	}
	return samples.map((s) => s.sort((a, b) => a - b)[s.length >> 1] ?? 255) as [
		number,
		number,
		number
	];
}

/** Fade and tint: ink moves towards paper; paper yellows. */
function tone(r: Raw, fade: number, tint: number): void {
	const mul = [1, 1 - 0.04 * tint, 1 - 0.16 * tint];
	const d = r.data;
	for (let i = 0; i < d.length; i += 3) {
		for (let c = 0; c < 3; c++) {
			const v = 255 - (255 - d[i + c]!) * (1 - fade);
			d[i + c] = v * mul[c]!;
		}
	}
}

function light(r: Raw, strength: number, rng: Rng): void {
	// Light source just off one edge; brightness falls off with distance, plus a soft shadow band.
	const angle = rng.range(0, Math.PI * 2);
	const cx = r.width * (0.5 + 0.7 * Math.cos(angle));
	const cy = r.height * (0.5 + 0.7 * Math.sin(angle));
	const diag = Math.hypot(r.width, r.height);
	const d = r.data;
	for (let y = 0; y < r.height; y++) {
		for (let x = 0; x < r.width; x++) {
			const dist = Math.hypot(x - cx, y - cy) / diag;
			const f = 1 - strength * 0.55 * Math.min(1, dist * dist * 1.6);
			const i = (y * r.width + x) * 3;
			d[i] = d[i]! * f;
			d[i + 1] = d[i + 1]! * f;
			d[i + 2] = d[i + 2]! * f * 0.98;
		}
	}
}

function addNoise(r: Raw, amount: number, rng: Rng): void {
	const sd = amount * 25;
	const d = r.data;
	for (let i = 0; i < d.length; i += 3) {
		// Sum of uniforms ≈ Gaussian, much cheaper than Box–Muller per pixel.
		const n = (rng.next() + rng.next() + rng.next() - 1.5) * 2 * sd;
		const chroma = (rng.next() - 0.5) * sd * 0.3;
		d[i] = d[i]! + n + chroma;
		d[i + 1] = d[i + 1]! + n;
		d[i + 2] = d[i + 2]! + n - chroma;
	}
}

/** A desk: dark wood/grey with a gradient and grain. */
function desk(width: number, height: number, rng: Rng): Buffer {
	const base = rng.pick([
		[74, 56, 42],
		[58, 58, 62],
		[96, 78, 60],
		[40, 42, 48]
	]);
	const out = Buffer.alloc(width * height * 3);
	for (let y = 0; y < height; y++) {
		const grain = Math.sin(y * 0.05 + rng.next() * 0.3) * 6;
		for (let x = 0; x < width; x++) {
			const g = 1 - (0.35 * x) / width + grain / 100;
			const i = (y * width + x) * 3;
			out[i] = base[0]! * g;
			out[i + 1] = base[1]! * g;
			out[i + 2] = base[2]! * g;
		}
	}
	return out;
}

function warp(cv: Cv, r: Raw, strength: number, rng: Rng): Raw {
	const { width: w, height: h } = r;
	const scale = 0.9 - 0.1 * strength;
	const mx = (w * (1 - scale)) / 2;
	const my = (h * (1 - scale)) / 2;
	const j = (k: number) => rng.range(-1, 1) * strength * k;
	// Corners move independently: a phone held at an angle, above one side of the page.
	const dst = [
		mx + j(0.07 * w),
		my + j(0.07 * h),
		w - mx + j(0.07 * w),
		my + j(0.07 * h),
		w - mx + j(0.07 * w),
		h - my + j(0.07 * h),
		mx + j(0.07 * w),
		h - my + j(0.07 * h)
	];
	const src = cv.matFromArray(4, 1, cv.CV_32FC2, [0, 0, w, 0, w, h, 0, h]);
	const to = cv.matFromArray(4, 1, cv.CV_32FC2, dst);
	const m = cv.getPerspectiveTransform(src, to);
	const page = new cv.Mat(h, w, cv.CV_8UC3);
	page.data.set(r.data);
	const mask = new cv.Mat(h, w, cv.CV_8UC1, new cv.Scalar(255));
	const outPage = new cv.Mat();
	const outMask = new cv.Mat();
	const size = new cv.Size(w, h);
	try {
		cv.warpPerspective(
			page,
			outPage,
			m,
			size,
			cv.INTER_LINEAR,
			cv.BORDER_CONSTANT,
			new cv.Scalar(0, 0, 0, 0)
		);
		cv.warpPerspective(
			mask,
			outMask,
			m,
			size,
			cv.INTER_LINEAR,
			cv.BORDER_CONSTANT,
			new cv.Scalar(0)
		);
		const bg = desk(w, h, rng);
		const p: Uint8Array = outPage.data;
		const a: Uint8Array = outMask.data;
		for (let i = 0, k = 0; k < a.length; k++, i += 3) {
			const t = a[k]! / 255;
			bg[i] = p[i]! * t + bg[i]! * (1 - t);
			bg[i + 1] = p[i + 1]! * t + bg[i + 1]! * (1 - t);
			bg[i + 2] = p[i + 2]! * t + bg[i + 2]! * (1 - t);
		}
		return { data: bg, width: w, height: h };
	} finally {
		for (const mat of [src, to, m, page, mask, outPage, outMask]) mat.delete();
	}
}

/** Degrade a rendered page: scanner skew, fading, aged paper, phone-photo perspective on a desk,
 * uneven light, noise, blur, JPEG. Deterministic for a given seed. Returns PNG, or JPEG when
 * `jpegQuality` is set. */
export async function degradePage(png: Buffer, o: DegradeOptions): Promise<Buffer> {
	const rng = new Rng(`${o.seed}:degrade`);
	let r = await toRaw(png);
	if (o.fade || o.paperTint) tone(r, o.fade ?? 0, o.paperTint ?? 0);
	if (o.skewDeg) {
		const [pr, pg, pb] = paperColour(r);
		const { width, height } = r;
		const rotated = await toRaw(
			fromRaw(r).rotate(o.skewDeg, { background: { r: pr, g: pg, b: pb } })
		);
		// Crop back to the original frame, as a scanner's bed would.
		const left = Math.floor((rotated.width - width) / 2);
		const top = Math.floor((rotated.height - height) / 2);
		r = await toRaw(fromRaw(rotated).extract({ left, top, width, height }));
	}
	if (o.perspective) {
		const before = r;
		r = await withCv((cv) => warp(cv, before, o.perspective!, rng));
	}
	if (o.unevenLight) light(r, o.unevenLight, rng);
	if (o.noise) addNoise(r, o.noise, rng);
	let out = fromRaw(r);
	if (o.blur && o.blur >= 0.3) out = out.blur(o.blur);
	if (o.rotate90) out = sharp(await out.png().toBuffer()).rotate(o.rotate90);
	return o.jpegQuality
		? out.jpeg({ quality: o.jpegQuality, mozjpeg: false }).toBuffer()
		: out.png({ compressionLevel: 6 }).toBuffer();
}
