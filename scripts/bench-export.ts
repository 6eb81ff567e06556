/**
 * `npm run bench:export`: one book's export package against the issue's targets (see
 * docs/BENCHMARKS.md): a generated birth book of N entries (default 500, five to a page) on scanned
 * pages of every look (clean, skewed, faded, phone photo), all approved, exported R times.
 *   npm run bench:export -- [--entries 500] [--runs 3] [--sample 5] [--seed S]
 * Reports the export's wall time (median of the runs), PDF sizes (every one against the 100 KB
 * limit), the legibility sample, the zip and Excel sizes, whether the runs were byte-identical and
 * whether `unzip -t` accepts the zip. Results: a table on stdout and bench-results/export-<time>.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { unzipSync } from 'fflate';
import { createServices } from '../src/lib/server/container';
import { generateEntries } from '../src/lib/synth/index';
import { loadTemplate } from '../src/lib/ocr/templates/index';
import { renderRegisterPage } from '../src/lib/ocr/synth/render-page';
import { degradeWithPreset, type PresetName } from '../src/lib/ocr/synth/degrade';
import { createOcrPool, type OcrPool } from '../src/lib/ocr/engine/ocr-pool';
import { MAX_PDF_BYTES } from '../src/lib/server/export/entry-pdf';
import { readEnv } from '../src/lib/server/env';

const { values: a } = parseArgs({
	options: {
		entries: { type: 'string', default: '500' },
		runs: { type: 'string', default: '3' },
		sample: { type: 'string', default: '5' },
		seed: { type: 'string', default: 'bench-export' }
	}
});
const count = Number(a.entries);
const runs = Number(a.runs);
const looks: PresetName[] = ['clean', 'skewed', 'faded', 'phonePhoto'];
const template = loadTemplate('birth-table-v1');
const median = (xs: number[]) => {
	const s = [...xs].sort((x, y) => x - y);
	return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sohoa-bench-export-'));
const s = await createServices({
	env: readEnv({ DATA_DIR: dataDir, DATABASE_URL: '', SOHOA_DEMO: '0', SOHOA_WORKERS: '0' })
});
let pool: OcrPool | null = null;
try {
	// The book: pages rendered and "scanned" as JPEG, entries recorded as OCR records them.
	const setup = Date.now();
	const entries = generateEntries({
		type: 'birth',
		count,
		year: 2008,
		bookNumber: 2,
		seed: a.seed!,
		entriesPerPage: template.entriesPerPage
	});
	const bookId = await s.bookImport.createBook(null, {
		unitCode: '24121',
		registerType: 'birth',
		bookNumber: '02',
		year: 2008,
		title: 'Bench: sổ khai sinh 2008, quyển 02'
	});
	const perPage = template.entriesPerPage;
	for (let p = 0; p * perPage < entries.length; p++) {
		const rendered = await renderRegisterPage({
			template,
			entries: entries.slice(p * perPage, (p + 1) * perPage),
			pageNumber: p + 1,
			seed: `${a.seed}:p${p}`
		});
		const look = looks[p % looks.length]!;
		const png =
			look === 'clean'
				? rendered.png
				: await degradeWithPreset(rendered.png, look, `${a.seed}:${p}`);
		const jpeg = await sharp(png).jpeg({ quality: 85 }).toBuffer();
		const meta = await sharp(jpeg).metadata();
		const page = await s.bookImport.addPage(
			bookId,
			{
				bytes: jpeg,
				mime: 'image/jpeg',
				width: meta.width!,
				height: meta.height!,
				sourceFile: `p${p + 1}.jpg`,
				sourcePage: 1
			},
			null
		);
		await s.bookImport.recordPageEntries(
			page.id,
			rendered.truth.entries.map((e) => ({
				region: e.bbox,
				fields: Object.fromEntries(
					Object.entries({ ...rendered.truth.header, ...e.fields })
						.filter(([, f]) => f.value)
						.map(([k, f]) => [k, { value: f.value, confidence: 0.99, bbox: f.bbox, issues: [] }])
				)
			}))
		);
		if ((p + 1) % 20 === 0) process.stderr.write(`bench: ${(p + 1) * perPage} entries set up\n`);
	}
	// Approval is not what is measured: every entry is set approved directly.
	await s.database.db
		.updateTable('entry')
		.set({ state: 'approved' })
		.where('book_id', '=', bookId)
		.execute();
	const setupMs = Date.now() - setup;

	const results = [];
	for (let r = 0; r < runs; r++) {
		const t0 = Date.now();
		const result = await s.exports.exportNow(
			bookId,
			{ legibilitySample: Number(a.sample) },
			{ ocr: () => (pool ??= createOcrPool({ size: 1 })) }
		);
		const ms = Date.now() - t0;
		const sizes = Object.values(unzipSync(result.zip)).map((b) => b.length);
		results.push({ ms, result, sizes });
		process.stderr.write(`bench: run ${r + 1}: ${ms} ms\n`);
	}
	const first = results[0]!;
	const sizes = first.sizes;
	const zipFile = path.join(dataDir, first.result.zipName);
	writeFileSync(zipFile, first.result.zip);
	const unzipOk = /No errors detected/.test(
		execFileSync('unzip', ['-t', zipFile], { encoding: 'utf8' })
	);
	const identical = results.every(
		(x) =>
			Buffer.from(x.result.zip).equals(Buffer.from(first.result.zip)) &&
			Buffer.from(x.result.xlsx).equals(Buffer.from(first.result.xlsx))
	);
	const legibility = first.result.report.legibility;
	const summary = {
		machine: `${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}`,
		entries: first.result.entries,
		pages: Math.ceil(count / perPage),
		setupMs,
		runsMs: results.map((x) => x.ms),
		medianMs: median(results.map((x) => x.ms)),
		perEntryMs: median(results.map((x) => x.ms)) / first.result.entries,
		pdf: {
			count: sizes.length,
			withinLimit: sizes.filter((b) => b <= MAX_PDF_BYTES).length,
			medianBytes: median(sizes),
			maxBytes: Math.max(...sizes),
			minBytes: Math.min(...sizes)
		},
		zipBytes: first.result.zip.length,
		xlsxBytes: first.result.xlsx.length,
		legibility: { checked: legibility.checked, passed: legibility.passed },
		identicalAcrossRuns: identical,
		unzipTest: unzipOk
	};
	console.log(JSON.stringify(summary, null, 2));
	console.log(
		[
			'| measure | value | target |',
			'|---|---|---|',
			`| export of ${summary.entries} entries (${summary.pages} pages), median of ${runs} | ${(summary.medianMs / 1000).toFixed(1)} s (${summary.perEntryMs.toFixed(0)} ms/entry; runs ${summary.runsMs.map((m) => (m / 1000).toFixed(1)).join(', ')} s) | < 60 s |`,
			`| PDFs ≤ 100 KB | ${summary.pdf.withinLimit}/${summary.pdf.count} | 100% |`,
			`| PDF size median / min / max | ${(summary.pdf.medianBytes / 1000).toFixed(1)} / ${(summary.pdf.minBytes / 1000).toFixed(1)} / ${(summary.pdf.maxBytes / 1000).toFixed(1)} KB | ≤ 100 KB |`,
			`| legibility sample (name found by OCR) | ${legibility.passed}/${legibility.checked} | all |`,
			`| zip / Excel size | ${(summary.zipBytes / 1e6).toFixed(1)} MB / ${(summary.xlsxBytes / 1000).toFixed(0)} KB | |`,
			`| \`unzip -t\` | ${unzipOk ? 'no errors' : 'FAILED'} | no errors |`,
			`| runs byte-identical | ${identical ? 'yes' : 'NO'} | yes |`
		].join('\n')
	);
	mkdirSync('bench-results', { recursive: true });
	writeFileSync(
		path.join('bench-results', `export-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
		JSON.stringify(summary, null, 2)
	);
} finally {
	await (pool as OcrPool | null)?.close();
	await s.database.close();
	rmSync(dataDir, { recursive: true, force: true });
}
