/** Writes synthetic register pages with ground truth, for people to look at and for ad-hoc runs.
 *   npx tsx scripts/gen-pages.ts --out /tmp/pages --type birth --pages 3 --preset phonePhoto
 * Options: --template ID (default <type>-table-v1), --year YYYY, --book N, --seed S,
 * --font sans|serif|mono|condensed, --minority 0..1, --dpi N, --residents (also residents.json). */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateEntries, generateResidents, type RegisterType } from '../src/lib/synth/index';
import { loadTemplate } from '../src/lib/ocr/templates/index';
import { renderRegisterPage } from '../src/lib/ocr/synth/render-page';
import { PRESETS, PRESET_NAMES, type PresetName } from '../src/lib/ocr/synth/degrade';
import { degradePage } from '../src/lib/ocr/synth/degrade';
import type { PageFont } from '../src/lib/ocr/synth/fonts';

const { values: a } = parseArgs({
	options: {
		out: { type: 'string' },
		type: { type: 'string', default: 'birth' },
		template: { type: 'string' },
		pages: { type: 'string', default: '3' },
		preset: { type: 'string', default: 'clean' },
		year: { type: 'string', default: '2008' },
		book: { type: 'string', default: '2' },
		seed: { type: 'string', default: '1' },
		font: { type: 'string' },
		minority: { type: 'string', default: '0.1' },
		dpi: { type: 'string' },
		residents: { type: 'boolean', default: false }
	}
});

function fail(msg: string): never {
	process.stderr.write(`gen-pages: ${msg}\n`);
	process.exit(1);
}

if (!a.out) fail('--out DIR is required');
if (!['birth', 'death', 'marriage'].includes(a.type!)) fail(`unknown --type ${a.type}`);
if (!PRESET_NAMES.includes(a.preset as PresetName))
	fail(`--preset must be one of ${PRESET_NAMES.join(', ')}`);
const type = a.type as RegisterType;
const template = loadTemplate(a.template ?? `${type}-table-v1`);
if (template.registerType !== type) fail(`template ${template.id} is for ${template.registerType}`);
const pages = Number(a.pages);
const year = Number(a.year);
const entries = generateEntries({
	type,
	count: pages * template.entriesPerPage,
	year,
	bookNumber: Number(a.book),
	seed: a.seed!,
	minorityShare: Number(a.minority),
	entriesPerPage: template.entriesPerPage
});
mkdirSync(a.out, { recursive: true });
for (let p = 0; p < pages; p++) {
	const pageEntries = entries.slice(p * template.entriesPerPage, (p + 1) * template.entriesPerPage);
	const page = await renderRegisterPage({
		template,
		entries: pageEntries,
		pageNumber: p + 1,
		seed: `${a.seed}:${p}`,
		font: a.font as PageFont | undefined,
		dpi: a.dpi ? Number(a.dpi) : undefined
	});
	const opts = PRESETS[a.preset as PresetName](`${a.seed}:${p}`);
	const image = a.preset === 'clean' ? page.png : await degradePage(page.png, opts);
	const base = path.join(a.out, `${template.id}-p${String(p + 1).padStart(3, '0')}`);
	const ext = opts.jpegQuality ? 'jpg' : 'png';
	writeFileSync(`${base}.${ext}`, image);
	writeFileSync(
		`${base}.json`,
		JSON.stringify(
			{
				image: path.basename(`${base}.${ext}`),
				template: template.id,
				preset: a.preset,
				degrade: opts,
				// Boxes are in the undegraded page's pixels; skew/perspective move the ink.
				width: page.width,
				height: page.height,
				dpi: page.dpi,
				font: page.font,
				truth: page.truth,
				entries: pageEntries.map((e) => e.fields)
			},
			null,
			1
		)
	);
	process.stderr.write(`${base}.${ext}\n`);
}
if (a.residents)
	writeFileSync(
		path.join(a.out, 'residents.json'),
		JSON.stringify(generateResidents({ entries, seed: a.seed! }), null, 1)
	);
