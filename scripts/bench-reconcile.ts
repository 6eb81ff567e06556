/**
 * `npm run bench:reconcile`: reconciliation against the issue's targets on a generated extract.
 *   npm run bench:reconcile -- [--residents 1000000] [--entries 1000] [--seed S] [--fuse-sample 10]
 * Residents have realistic names (Kinh surname frequencies, Ê Đê, Jrai, Thái, H'Mông, Khmer names)
 * and parents; entries are perturbed copies (diacritic slips, missing middle names, year-only and
 * swapped dates, upper case, NFD, typos) and 20% are people absent from the extract (half of them
 * namesakes of a resident born the same year). Reports recall@1/@5, auto-links and their precision,
 * false links on absent people, time per entry, index build time and memory, and a naive fuse.js
 * search over all residents on a sample of entries. Results: stdout and bench-results/*.json.
 */
import { spawnSync } from 'node:child_process';
import {
	closeSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	rmSync,
	writeFileSync,
	writeSync
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import Fuse, { type Expression } from 'fuse.js';
import {
	ETHNICITIES,
	formatPlace,
	makeName,
	makePersonalId,
	pickPlace,
	Rng,
	type Ethnicity,
	type Place,
	type Sex
} from '../src/lib/synth/index';
import {
	ResidentIndexBuilder,
	type ResidentRecord
} from '../src/lib/verify/reconcile/resident-index';
import {
	defaultWeights,
	distinguishes,
	Matcher,
	type EntryRecord
} from '../src/lib/verify/reconcile/matcher';

const { values: a } = parseArgs({
	options: {
		residents: { type: 'string', default: '1000000' },
		entries: { type: 'string', default: '1000' },
		seed: { type: 'string', default: 'bench-1' },
		'fuse-sample': { type: 'string', default: '10' },
		'absent-share': { type: 'string', default: '0.2' },
		/** Also time `sohoa residents import` of the generated extract written as CSV (SQLite). */
		import: { type: 'boolean', default: false },
		/** Only write the generated extract as CSV to this file and stop (to time imports alone). */
		'csv-only': { type: 'string' },
		out: { type: 'string' }
	}
});
const N = Number(a.residents);
const E = Number(a.entries);
const ABSENT = Number(a['absent-share']);
const rng = new Rng(`${a.seed}:reconcile`);

// ---- residents ----

const places: Place[] = [];
for (let i = 0; i < 3000; i++)
	places.push(pickPlace(rng, rng.chance(0.5) ? 2025 : rng.int(1990, 2024)));
const minorityPlaces = new Map<Ethnicity, Place[]>();
for (const e of ETHNICITIES)
	minorityPlaces.set(
		e,
		Array.from({ length: 200 }, () => pickPlace(rng, 2025, e))
	);

function ethnicity(): Ethnicity {
	const x = rng.next();
	if (x < 0.86) return 'Kinh';
	if (x < 0.89) return 'Thái';
	if (x < 0.92) return 'Mông';
	if (x < 0.95) return 'Khmer';
	if (x < 0.975) return 'Ê Đê';
	return 'Gia Rai';
}

const pad = (n: number) => String(n).padStart(2, '0');

function makeResident(i: number): ResidentRecord & { year: number; sexCode: Sex; eth: Ethnicity } {
	const eth = ethnicity();
	const sex: Sex = rng.chance(0.51) ? 1 : 2;
	const year = rng.int(1935, 2024);
	const month = rng.int(1, 12);
	const day = rng.int(1, 28);
	const father = makeName(rng, eth, 1, year - 28);
	const mother = makeName(rng, rng.chance(0.9) ? eth : 'Kinh', 2, year - 25);
	const matrilineal = eth === 'Ê Đê' || eth === 'Gia Rai';
	const name = makeName(rng, eth, sex, year, matrilineal ? mother.family : father.family);
	const place = eth === 'Kinh' ? rng.pick(places) : rng.pick(minorityPlaces.get(eth)!);
	return {
		id: `R${i}`,
		full_name: name.fullName,
		birth_date: `${pad(day)}/${pad(month)}/${year}`,
		sex: sex === 1 ? 'Nam' : 'Nữ',
		father_name: rng.chance(0.92) ? father.fullName : '',
		mother_name: rng.chance(0.97) ? mother.fullName : '',
		birth_place: formatPlace(place),
		personal_id: makePersonalId(rng, place.provinceCode, sex, year),
		year,
		sexCode: sex,
		eth
	};
}

// ---- perturbations ----

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
function slipWord(w: string): string {
	const nfd = w.normalize('NFD');
	if (rng.chance(0.5)) return nfd.replace(TONES, '').normalize('NFC');
	const tones = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
	return nfd.replace(TONES, rng.pick(tones)).normalize('NFC');
}
function perturbName(name: string, opts: { dropMiddle: number }): string {
	let words = name.split(' ');
	if (words.length >= 3 && !/^(Y|H')/.test(name) && rng.chance(opts.dropMiddle))
		words = [words[0]!, ...words.slice(2)].filter(
			(_, i, all) => i === 0 || i === all.length - 1 || true
		);
	if (words.length >= 3 && !/^(Y|H')/.test(name) && words.length > 3 && rng.chance(opts.dropMiddle))
		words.splice(1, 1);
	if (rng.chance(0.2)) {
		const k = rng.int(0, words.length - 1);
		words[k] = slipWord(words[k]!);
	}
	if (rng.chance(0.08))
		words = words.map((w) =>
			w.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
		);
	if (rng.chance(0.03)) {
		// A typo: one letter of the given name doubled or dropped.
		const k = words.length - 1;
		const w = words[k]!;
		if (w.length > 3) words[k] = w.slice(0, -2) + w.slice(-1);
	}
	let out = words.join(' ');
	if (rng.chance(0.6)) out = out.toLocaleUpperCase('vi');
	if (rng.chance(0.2)) out = out.normalize('NFD');
	return out;
}

function perturbDate(d: string): string {
	const [dd, mm, yyyy] = d.split('/');
	let year = Number(yyyy);
	if (rng.chance(0.03)) year += rng.chance(0.5) ? 1 : -1;
	const x = rng.next();
	if (x < 0.2) return String(year);
	if (x < 0.25) return `${mm}/${year}`;
	if (x < 0.35 && Number(dd) <= 12) return `${mm}/${dd}/${year}`;
	if (x < 0.4) return `${Number(dd)}-${Number(mm)}-${year}`;
	return `${dd}/${mm}/${year}`;
}

function toEntry(r: ResidentRecord, id: string): EntryRecord {
	const e: EntryRecord = { id, full_name: perturbName(r.full_name, { dropMiddle: 0.15 }) };
	if (rng.chance(0.96)) e.birth_date = perturbDate(r.birth_date!);
	if (rng.chance(0.95)) e.sex = r.sex!;
	if (r.mother_name && rng.chance(0.85))
		e.mother_name = perturbName(r.mother_name, { dropMiddle: 0.1 });
	if (r.father_name && rng.chance(0.7))
		e.father_name = perturbName(r.father_name, { dropMiddle: 0.1 });
	if (rng.chance(0.6))
		e.birth_place = r
			.birth_place!.split(', ')
			.filter((_, i, all) => i === 0 || i === all.length - 1 || rng.chance(0.5))
			.join(', ');
	if (rng.chance(0.3)) e.personal_id = r.personal_id!;
	return e;
}

// ---- run ----

type Truth = { entry: EntryRecord; truth: string | null; kind: string };

function main() {
	const present = Math.round(E * (1 - ABSENT));
	const picks = new Map<number, number>();
	while (picks.size < present) picks.set(rng.int(0, N - 1), picks.size);
	const entries: Truth[] = [];
	const picked: ResidentRecord[] = [];
	const builder = new ResidentIndexBuilder();
	const fuseRows: { id: string; name: string; date: string }[] = [];
	const sample = Number(a['fuse-sample']);
	const t0 = performance.now();
	let genMs = 0;
	const csvPath = a['csv-only']
		? a['csv-only']
		: a.import
			? path.join(mkdtempSync(path.join(os.tmpdir(), 'sohoa-bench-')), 'residents.csv')
			: null;
	const csv = csvPath ? openSync(csvPath, 'w') : null;
	let csvChunk: string[] = [];
	const cell = (v: string | null | undefined) =>
		v && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : (v ?? '');
	// The population database's own headers (they contain commas, so they are quoted).
	const headers = [
		'Số định danh cá nhân',
		'Họ, chữ đệm và tên',
		'Ngày, tháng, năm sinh',
		'Giới tính',
		'Nơi đăng ký khai sinh',
		'Họ, chữ đệm và tên cha',
		'Họ, chữ đệm và tên mẹ'
	];
	if (csv !== null) writeSync(csv, '\uFEFF' + headers.map(cell).join(',') + '\n');
	for (let i = 0; i < N; i++) {
		const g0 = performance.now();
		const r = makeResident(i);
		if (csv !== null) {
			csvChunk.push(
				[
					r.personal_id,
					r.full_name,
					r.birth_date,
					r.sex,
					r.birth_place,
					r.father_name,
					r.mother_name
				]
					.map(cell)
					.join(',')
			);
			if (csvChunk.length >= 10_000) {
				writeSync(csv, csvChunk.join('\n') + '\n');
				csvChunk = [];
			}
		}
		genMs += performance.now() - g0;
		if (a['csv-only']) continue;
		builder.add(r);
		if (sample > 0) fuseRows.push({ id: r.id, name: r.full_name, date: r.birth_date! });
		if (picks.has(i)) picked.push(r);
	}
	if (csv !== null) {
		if (csvChunk.length) writeSync(csv, csvChunk.join('\n') + '\n');
		closeSync(csv);
	}
	if (a['csv-only']) {
		console.log(`${N} residents written to ${a['csv-only']}`);
		return;
	}
	const mem0 = process.memoryUsage();
	const index = builder.build();
	const buildMs = performance.now() - t0 - genMs;
	global.gc?.();
	const mem = process.memoryUsage();
	for (const r of picked)
		entries.push({ entry: toEntry(r, `E${entries.length}`), truth: r.id, kind: 'present' });
	// People absent from the extract: half are namesakes of a resident born the same year.
	for (let k = 0; entries.length < E; k++) {
		const model = makeResident(N + k);
		if (k % 2 === 0) {
			const twin = picked[rng.int(0, picked.length - 1)]!;
			model.full_name = twin.full_name;
			model.birth_date = `${pad(rng.int(1, 28))}/${pad(rng.int(1, 12))}/${twin.birth_date!.slice(-4)}`;
			model.sex = twin.sex;
		}
		entries.push({
			entry: toEntry(model, `E${entries.length}`),
			truth: null,
			kind: k % 2 === 0 ? 'absent-namesake' : 'absent'
		});
	}
	// Shuffle so absent people are spread through the run.
	for (let i = entries.length - 1; i > 0; i--) {
		const j = rng.int(0, i);
		[entries[i], entries[j]] = [entries[j]!, entries[i]!];
	}

	const matcher = new Matcher(index, { top: 5 });
	const times: number[] = [];
	let r1 = 0;
	let r5 = 0;
	let links = 0;
	let goodLinks = 0;
	let absentLinks = 0;
	let presentLinks = 0;
	const misses: unknown[] = [];
	// For the calibration sweep: the top candidate's weight, its lead and whether it may link.
	const tops: {
		weight: number;
		margin: number;
		distinct: boolean;
		correct: boolean;
		absent: boolean;
	}[] = [];
	for (const { entry, truth } of entries) {
		const s = performance.now();
		const c = matcher.match(entry, 5);
		times.push(performance.now() - s);
		const top = c[0];
		if (top)
			tops.push({
				weight: top.weight,
				margin: top.weight - (c[1]?.weight ?? -Infinity),
				distinct: distinguishes(top.agreements, defaultWeights.match.distinguishing),
				correct: top.residentId === truth,
				absent: !truth
			});
		if (truth) {
			if (top?.residentId === truth) r1++;
			else if (misses.length < 15)
				misses.push({
					entry,
					truth,
					got: c.slice(0, 2).map((x) => ({ ...x, r: index.view(x.index) })),
					want: picked.find((p) => p.id === truth)
				});
			if (c.some((x) => x.residentId === truth)) r5++;
		}
		if (top?.match) {
			links++;
			if (top.residentId === truth) goodLinks++;
			if (!truth) absentLinks++;
			else presentLinks++;
		}
	}
	times.sort((x, y) => x - y);
	const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
	const absentN = entries.filter((e) => !e.truth).length;

	// Naive fuse.js over all residents, name + date, on a sample of entries.
	let fuse: Record<string, number> | null = null;
	if (sample > 0) {
		const f0 = performance.now();
		const engine = new Fuse(fuseRows, {
			keys: ['name', 'date'],
			threshold: 0.4,
			ignoreLocation: true
		});
		const fuseBuildMs = performance.now() - f0;
		const subset = entries.filter((e) => e.truth).slice(0, sample);
		let hits = 0;
		const ft: number[] = [];
		for (const { entry, truth } of subset) {
			const s = performance.now();
			// Both keys must match: name AND date (a name alone returns thousands of namesakes).
			const query: Expression = entry.birth_date
				? { $and: [{ name: entry.full_name ?? '' }, { date: entry.birth_date }] }
				: { name: entry.full_name ?? '' };
			const res = engine.search(query, { limit: 5 });
			ft.push(performance.now() - s);
			if (res[0]?.item.id === truth) hits++;
		}
		ft.sort((x, y) => x - y);
		fuse = {
			entries: subset.length,
			buildMs: Math.round(fuseBuildMs),
			medianMs: Math.round(ft[Math.floor(ft.length / 2)]!),
			recallAt1: hits / subset.length
		};
	}

	// Auto-link rule sweep (minWeight × minMargin), to calibrate weights.vN.json on a dev seed.
	const sweep: Record<string, number | string>[] = [];
	for (const minWeight of [16, 18, 20, 22, 24, 26, 28, 30, 32, 34]) {
		for (const minMargin of [2, 4, 6, 8, 10]) {
			const linked = tops.filter(
				(t) => t.distinct && t.weight >= minWeight && t.margin >= minMargin
			);
			const wrong = linked.filter((t) => !t.correct).length;
			sweep.push({
				minWeight,
				minMargin,
				linkedOfPresent: +(linked.filter((t) => !t.absent).length / present).toFixed(4),
				precision: +(linked.length ? (linked.length - wrong) / linked.length : 1).toFixed(4),
				absentLinked: +(linked.filter((t) => t.absent).length / absentN).toFixed(4)
			});
		}
	}
	if (process.env.BENCH_SWEEP) console.error(JSON.stringify(sweep));

	// `sohoa residents import` of the same extract, in its own process on a fresh SQLite database.
	let importRun: Record<string, number | string> | null = null;
	if (csvPath) {
		const dataDir = path.join(path.dirname(csvPath), 'data');
		const started = performance.now();
		const run = spawnSync(
			'/usr/bin/time',
			[
				'-f',
				'maxrss_kb=%M',
				process.execPath,
				'bin/sohoa.js',
				'residents',
				'import',
				csvPath,
				'--unit',
				'66'
			],
			{
				env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', SOHOA_DEMO: '0' },
				encoding: 'utf8'
			}
		);
		const seconds = (performance.now() - started) / 1000;
		const rss = /maxrss_kb=(\d+)/.exec(run.stderr)?.[1];
		importRun = {
			exit: run.status ?? -1,
			seconds: +seconds.toFixed(1),
			peakRssMB: rss ? Math.round(Number(rss) / 1024) : 'n/a',
			summary:
				run.stderr.split('\n').find((l) => l.startsWith('imported')) ?? run.stderr.slice(-300)
		};
		rmSync(path.dirname(csvPath), { recursive: true, force: true });
	}

	const result = {
		machine: '2 cores (shared), Node ' + process.version,
		seed: a.seed,
		residents: index.size,
		entries: E,
		present,
		absent: absentN,
		weightsVersion: matcher.weightsVersion,
		recallAt1: r1 / present,
		recallAt5: r5 / present,
		autoLinkShareOfPresent: presentLinks / present,
		autoLinkShareOfAll: links / E,
		autoLinkPrecision: links ? goodLinks / links : 1,
		falseLinksOnAbsent: absentLinks / absentN,
		msPerEntry: { p50: +q(0.5).toFixed(2), p95: +q(0.95).toFixed(2), max: +q(1).toFixed(2) },
		indexBuildMs: Math.round(buildMs),
		generationMs: Math.round(genMs),
		heapUsedMB: Math.round(mem.heapUsed / 2 ** 20),
		arrayBuffersMB: Math.round(mem.arrayBuffers / 2 ** 20),
		rssMB: Math.round(mem.rss / 2 ** 20),
		heapBeforeBuildMB: Math.round(mem0.heapUsed / 2 ** 20),
		fuse,
		import: importRun,
		sweep
	};
	console.log(JSON.stringify(result, null, 2));
	if (process.env.BENCH_MISSES) console.error(JSON.stringify(misses, null, 1));
	const out =
		a.out ??
		path.join('bench-results', `reconcile-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
	mkdirSync(path.dirname(out), { recursive: true });
	writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
}

main();
