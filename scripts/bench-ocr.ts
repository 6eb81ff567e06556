/**
 * `npm run bench:ocr`: the OCR pipeline against the issue's targets, on generated register pages
 * with ground truth (see docs/BENCHMARKS.md for results and how to read them).
 *   npm run bench:ocr -- [--pages N] [--presets clean,skewed,…] [--seed S] [--native PATH|none]
 * Per page class: field character error of the pipeline vs raw tesseract.js (the same zoning on the
 * unprocessed image), field exact match, how well low-confidence flags catch wrong fields, pages per
 * minute with the worker pool vs the native `tesseract` CLI on one thread, and memory per worker.
 * Results: a table on stdout and bench-results/ocr-<time>.json.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { generateEntries } from '../src/lib/synth/index';
import { loadTemplate } from '../src/lib/ocr/templates/index';
import { renderRegisterPage, type PageTruth } from '../src/lib/ocr/synth/render-page';
import { degradePage, PRESETS, PRESET_NAMES, type PresetName } from '../src/lib/ocr/synth/degrade';
import { createOcrPool, ocrPageAhead, type OcrPool } from '../src/lib/ocr/engine/ocr-pool';
import { tessPaths } from '../src/lib/ocr/engine/tessdata';
import { isPageError, ocrFile, type OcrPage } from '../src/lib/ocr/pipeline';
import { layoutFromTemplate } from '../src/lib/ocr/segment/template-adapter';
import { cer } from '../src/lib/ocr/metrics';
import type { PreprocessOptions } from '../src/lib/ocr/preprocess/index';

const { values: a } = parseArgs({
	options: {
		pages: { type: 'string', default: '4' },
		presets: { type: 'string', default: PRESET_NAMES.join(',') },
		seed: { type: 'string', default: 'bench' },
		native: { type: 'string', default: 'tesseract' }
	}
});
const pagesPerPreset = Number(a.pages);
const presets = a.presets!.split(',') as PresetName[];
for (const p of presets) if (!PRESETS[p]) throw new Error(`unknown preset ${p}: ${PRESET_NAMES}`);

const template = loadTemplate('birth-table-v1');
const layout = layoutFromTemplate(template);
// Raw: tesseract.js on the image as scanned; only the zoning is shared with the pipeline.
const RAW: PreprocessOptions = {
	perspective: false,
	orientation: false,
	deskew: false,
	flatten: false,
	binarize: 'none'
};

interface BenchPage {
	preset: PresetName;
	image: Buffer;
	truth: PageTruth;
}

async function makePages(): Promise<BenchPage[]> {
	const out: BenchPage[] = [];
	for (const preset of presets)
		for (let i = 0; i < pagesPerPreset; i++) {
			const seed = `${a.seed}:${preset}:${i}`;
			const entries = generateEntries({
				type: 'birth',
				count: template.entriesPerPage,
				year: 1995 + i * 7,
				bookNumber: i + 1,
				seed,
				entriesPerPage: template.entriesPerPage
			});
			const page = await renderRegisterPage({ template, entries, pageNumber: 1, seed });
			const image =
				preset === 'clean' ? page.png : await degradePage(page.png, PRESETS[preset](seed));
			out.push({ preset, image, truth: page.truth });
		}
	return out;
}

/** Character edits between a read value and the truth, and whether it is exactly right. */
function compare(read: string, truth: string): { edits: number; chars: number; exact: boolean } {
	const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
	const r = norm(read);
	const t = norm(truth);
	const chars = [...t].length;
	const edits = chars === 0 ? [...r].length : Math.round(cer(r, t) * chars);
	return { edits, chars, exact: r === t };
}

interface FieldScore {
	edits: number;
	chars: number;
	fields: number;
	exact: number;
	wrong: number;
	wrongFlagged: number;
	right: number;
	rightFlagged: number;
}

const zero = (): FieldScore => ({
	edits: 0,
	chars: 0,
	fields: 0,
	exact: 0,
	wrong: 0,
	wrongFlagged: 0,
	right: 0,
	rightFlagged: 0
});

/** One field as read, for the confidence-threshold sweep. */
interface FieldSample {
	confidence: number;
	wrong: boolean;
	/** Flagged for a reason other than low confidence (or not read at all). */
	flaggedOtherwise: boolean;
}

/** Scores a read page field by field against the truth; a missing entry reads as all blank (flagged). */
function scorePage(page: OcrPage | null, truth: PageTruth, samples?: FieldSample[]): FieldScore {
	const s = zero();
	// As the book job does (book-page.ts): rows with nothing written are not entries.
	const written = page?.entries?.filter((e) => Object.values(e.fields).some((f) => f.value)) ?? [];
	truth.entries.forEach((t, i) => {
		const read = written[i];
		for (const [key, tf] of Object.entries(t.fields)) {
			if (!layout.fields.some((f) => f.key === key)) continue;
			const f = read?.fields[key];
			const c = compare(f?.value ?? '', tf.value);
			s.edits += c.edits;
			s.chars += c.chars;
			s.fields++;
			const flagged = f?.needsAttention ?? true;
			samples?.push({
				confidence: f?.confidence ?? 0,
				wrong: !c.exact,
				flaggedOtherwise: f ? f.issues.some((i) => i !== 'ocr.lowConfidence') : true
			});
			if (c.exact) {
				s.exact++;
				s.right++;
				if (flagged) s.rightFlagged++;
			} else {
				s.wrong++;
				if (flagged) s.wrongFlagged++;
			}
		}
	});
	return s;
}

function add(x: FieldScore, y: FieldScore): FieldScore {
	const out = zero();
	for (const k of Object.keys(out) as (keyof FieldScore)[]) out[k] = x[k] + y[k];
	return out;
}

async function readAll(
	pages: BenchPage[],
	pool: OcrPool,
	preprocess: PreprocessOptions | undefined,
	concurrency: number
): Promise<{ results: (OcrPage | null)[]; seconds: number; cpuSeconds: number }> {
	const results: (OcrPage | null)[] = new Array(pages.length).fill(null);
	let next = 0;
	const t0 = performance.now();
	const cpu0 = process.cpuUsage();
	const run = async () => {
		for (let i = next++; i < pages.length; i = next++) {
			const page = pages[i]!;
			const r = await ocrFile(
				page.image,
				{ type: 'birth', template: layout, fullText: false, preprocess },
				pool
			);
			const p = r.pages[0];
			results[i] = p && !isPageError(p) ? p : null;
		}
	};
	await Promise.all(Array.from({ length: concurrency }, run));
	const cpu = process.cpuUsage(cpu0);
	return {
		results,
		seconds: (performance.now() - t0) / 1000,
		// All threads of the process (main and tesseract workers): what a page costs on a shared
		// machine, where wall time mostly measures the other users.
		cpuSeconds: (cpu.user + cpu.system) / 1e6
	};
}

/** CPU seconds used by this process's waited-for children (Linux /proc), or null elsewhere. */
function childrenCpuSeconds(): number | null {
	try {
		// Fields after the parenthesised command name; cutime and cstime are the 16th and 17th.
		const stat = readFileSync('/proc/self/stat', 'utf8');
		const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
		return (Number(f[13]) + Number(f[14])) / ticks;
	} catch {
		return null;
	}
}

/** Native tesseract on one thread, whole page (PSM 3), the same `vie` model: seconds for all pages. */
function nativeSeconds(
	pages: BenchPage[]
): { seconds: number; cpuSeconds: number | null; version: string } | null {
	if (a.native === 'none') return null;
	const probe = spawnSync(a.native!, ['--version'], { encoding: 'utf8' });
	if (probe.status !== 0) return null;
	const dir = mkdtempSync(path.join(os.tmpdir(), 'sohoa-bench-'));
	try {
		const model = readFileSync(path.join(tessPaths().langPath, 'vie.traineddata.gz'));
		writeFileSync(path.join(dir, 'vie.traineddata'), gunzipSync(model));
		const files = pages.map((p, i) => {
			const f = path.join(dir, `p${i}.img`);
			writeFileSync(f, p.image);
			return f;
		});
		const env = { ...process.env, OMP_THREAD_LIMIT: '1', TESSDATA_PREFIX: dir };
		const cpu0 = childrenCpuSeconds();
		const t0 = performance.now();
		for (const f of files)
			execFileSync(a.native!, [f, '-', '-l', 'vie', '--psm', '3', '--dpi', '200'], {
				env,
				stdio: ['ignore', 'ignore', 'ignore']
			});
		const seconds = (performance.now() - t0) / 1000;
		const cpu1 = childrenCpuSeconds();
		return {
			seconds,
			cpuSeconds: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0,
			version: (probe.stdout.split('\n')[0] ?? '').trim()
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

const median = (xs: number[]) => {
	const s = [...xs].sort((x, y) => x - y);
	const m = s.length >> 1;
	return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};
const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '–');

async function main() {
	const loadBefore = os.loadavg()[0] ?? 0;
	process.stderr.write(`generating ${presets.length * pagesPerPreset} pages…\n`);
	const pages = await makePages();
	const workers = os.availableParallelism();
	const rssBase = process.memoryUsage().rss;
	let rssPeak = rssBase;
	const sampler = setInterval(() => {
		rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
	}, 100);
	const pool = createOcrPool({ size: workers });
	// Warm-up (worker start, model load, OpenCV init) is not throughput.
	await readAll(pages.slice(0, 1), pool, undefined, 1);
	process.stderr.write(`pipeline, ${workers} workers…\n`);
	const pipeline = await readAll(pages, pool, undefined, ocrPageAhead(workers));
	clearInterval(sampler);
	process.stderr.write('raw tesseract.js…\n');
	const raw = await readAll(pages, pool, RAW, ocrPageAhead(workers));
	await pool.close();
	process.stderr.write('native tesseract…\n');
	const native = nativeSeconds(pages);

	const samples: FieldSample[] = [];
	const rows = presets.map((preset) => {
		const idx = pages.flatMap((p, i) => (p.preset === preset ? [i] : []));
		const score = (results: (OcrPage | null)[], fields?: FieldSample[]) =>
			idx.map((i) => scorePage(results[i] ?? null, pages[i]!.truth, fields));
		const ps = score(pipeline.results, samples);
		const rs = score(raw.results);
		const total = ps.reduce(add, zero());
		const rawTotal = rs.reduce(add, zero());
		return {
			preset,
			pages: idx.length,
			pipelineCer: total.edits / total.chars,
			pipelineCerMedian: median(ps.map((s) => s.edits / s.chars)),
			rawCer: rawTotal.edits / rawTotal.chars,
			rawCerMedian: median(rs.map((s) => s.edits / s.chars)),
			exactMatch: total.exact / total.fields,
			wrongFlagged: total.wrong ? total.wrongFlagged / total.wrong : null,
			rightFlagged: total.right ? total.rightFlagged / total.right : null,
			total
		};
	});
	const all = rows.map((r) => r.total).reduce(add, zero());
	// What other word-confidence thresholds would flag (LOW_WORD_CONFIDENCE is the one in use).
	const sweep = [0.75, 0.85, 0.9, 0.92, 0.93, 0.94, 0.95].map((threshold) => {
		const flag = (x: FieldSample) => x.flaggedOtherwise || x.confidence < threshold;
		const wrong = samples.filter((x) => x.wrong);
		const right = samples.filter((x) => !x.wrong);
		return {
			threshold,
			wrongFlagged: wrong.filter(flag).length / Math.max(1, wrong.length),
			rightFlagged: right.filter(flag).length / Math.max(1, right.length)
		};
	});
	const pagesPerMin = (pages.length / pipeline.seconds) * 60;
	const nativePerMin = native ? (pages.length / native.seconds) * 60 : null;
	const cpuPerPage = pipeline.cpuSeconds / pages.length;
	const nativeCpuPerPage = native?.cpuSeconds != null ? native.cpuSeconds / pages.length : null;
	// What the ratio would be with every core busy on OCR alone: the pool's `workers` cores against
	// native's one thread, each at its CPU cost per page.
	const cpuRatio = nativeCpuPerPage !== null ? (workers * nativeCpuPerPage) / cpuPerPage : null;
	const report = {
		at: new Date().toISOString(),
		machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
		pages: pages.length,
		workers,
		rows: rows.map(({ total: _total, ...r }) => r),
		sweep,
		flags: {
			wrongFlagged: all.wrong ? all.wrongFlagged / all.wrong : null,
			rightFlagged: all.right ? all.rightFlagged / all.right : null
		},
		throughput: {
			pipelinePagesPerMin: pagesPerMin,
			nativePagesPerMin: nativePerMin,
			ratio: nativePerMin ? pagesPerMin / nativePerMin : null,
			pipelineCpuSecondsPerPage: cpuPerPage,
			nativeCpuSecondsPerPage: nativeCpuPerPage,
			cpuRatio,
			loadAverage: { before: loadBefore, after: os.loadavg()[0] },
			native: native?.version ?? 'not run (install tesseract-ocr, or --native PATH)'
		},
		memory: {
			rssBaseMiB: Math.round(rssBase / 2 ** 20),
			rssPeakMiB: Math.round(rssPeak / 2 ** 20),
			perWorkerMiB: Math.round((rssPeak - rssBase) / workers / 2 ** 20)
		}
	};

	const f = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)}%`);
	console.log(`OCR benchmark, ${report.machine}; ${pages.length} pages, ${workers} workers`);
	console.log(
		'class       pages  field CER pipeline (median)  raw (median)        exact   wrong flagged  right flagged'
	);
	for (const r of rows)
		console.log(
			`${r.preset.padEnd(11)} ${String(r.pages).padStart(5)}  ${f(r.pipelineCer).padStart(7)} (${f(r.pipelineCerMedian)})`.padEnd(
				48
			) +
				`${f(r.rawCer).padStart(7)} (${f(r.rawCerMedian)})`.padEnd(20) +
				`${f(r.exactMatch).padStart(6)}  ${f(r.wrongFlagged).padStart(13)}  ${f(r.rightFlagged).padStart(13)}`
		);
	console.log(
		`all flags: wrong fields flagged ${pct(all.wrongFlagged, all.wrong)}, right fields flagged ${pct(all.rightFlagged, all.right)}`
	);
	console.log(
		'confidence threshold sweep: ' +
			sweep.map((x) => `${x.threshold}: ${f(x.wrongFlagged)} / ${f(x.rightFlagged)}`).join(', ')
	);
	console.log(
		`throughput: pipeline ${pagesPerMin.toFixed(1)} pages/min (${workers} workers, preprocessing included); ` +
			(nativePerMin
				? `native ${nativePerMin.toFixed(1)} pages/min on one thread (${report.throughput.native}); ratio ${report.throughput.ratio!.toFixed(2)}×`
				: report.throughput.native)
	);
	const cpuLine = nativeCpuPerPage
		? `, native ${nativeCpuPerPage.toFixed(2)} s: ${cpuRatio!.toFixed(2)}× with ${workers} cores on OCR alone`
		: '';
	console.log(
		`CPU per page (all threads): pipeline ${cpuPerPage.toFixed(2)} s${cpuLine}; load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after`
	);
	console.log(
		`memory: RSS ${report.memory.rssBaseMiB} MiB before the pool, peak ${report.memory.rssPeakMiB} MiB: ~${report.memory.perWorkerMiB} MiB per worker`
	);
	mkdirSync('bench-results', { recursive: true });
	const out = path.join('bench-results', `ocr-${report.at.replace(/[:.]/g, '-')}.json`);
	writeFileSync(out, JSON.stringify(report, null, 1));
	console.log(`written ${out}`);
}

await main();
