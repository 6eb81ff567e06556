/**
 * Load (issue 9): simulated clerks working their books over HTTP against the built server
 * (`node build`) while `sohoa worker` processes OCR imported books, then checks from the database
 * that no acknowledged entry version was lost or duplicated and that the audit chain holds.
 *
 *   npm run build && npm run bench:load [-- --duration 300 --clerks 50 --think-ms 1000]
 *   npm run bench:load -- --db pg [--pg-url postgres://…]   (a fresh schema, dropped afterwards)
 *   npm run bench:load -- --cpu-prof DIR                    (a CPU profile of the server)
 *
 * Writes bench-results/load-<db>-<time>.json and its section of docs/benchmarks/load.md.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { readEnv } from '../src/lib/server/env';
import { connect } from '../src/lib/server/db/connect';
import { createServices, type Services } from '../src/lib/server/container';
import { fieldKeys } from '../src/lib/registers/index';
import { Recorder, runClerk, type RequestKind } from './load/clerk';
import { checkIntegrity, type IntegrityReport } from './load/integrity';
import { LoadSampler, machineLine, processCpuMs } from './load/machine';
import { OcrWatch } from './load/ocr-watch';
import { describe, fmtMs, summarise, type Summary } from './load/percentiles';
import { startServer, startWorker, stop } from './load/processes';
import { scanFiles, seedClerks, sohoa, type SeededClerk } from './load/seed';
import { blobBytes, tableSizes, type TableSize } from './load/storage';

const { values: args } = parseArgs({
	options: {
		duration: { type: 'string', default: '300' },
		clerks: { type: 'string', default: '50' },
		db: { type: 'string', default: 'sqlite' },
		'pg-url': { type: 'string', default: process.env.TEST_DATABASE_URL },
		'think-ms': { type: 'string', default: '1000' },
		saves: { type: 'string', default: '3' },
		'ocr-workers': { type: 'string', default: '2' },
		// Enough for two workers to stay busy for five minutes on an idle machine (~4 CPU-s a page).
		'ocr-pages': { type: 'string', default: '200' },
		/** Niceness of the OCR workers (0: the same priority as the server). */
		'worker-nice': { type: 'string', default: '10' },
		port: { type: 'string', default: '4493' },
		unit: { type: 'string', default: '24121' },
		'no-write': { type: 'boolean', default: false },
		/** A directory for a V8 CPU profile of the server (written when it stops). */
		'cpu-prof': { type: 'string' }
	}
});

const DURATION_S = Number(args.duration);
const CLERKS = Number(args.clerks);
const THINK_MS = Number(args['think-ms']);
const SAVES = Number(args.saves);
const OCR_WORKERS = Number(args['ocr-workers']);
const OCR_PAGES = Number(args['ocr-pages']);
const DB_KIND = args.db === 'pg' ? 'pg' : 'sqlite';
if (args.db !== 'pg' && args.db !== 'sqlite') throw new Error('--db is sqlite or pg');
if (DB_KIND === 'pg' && !args['pg-url'])
	throw new Error('--db pg needs --pg-url or TEST_DATABASE_URL');
const TARGETS = { save: 100, next: 200 };
const CALIBRATION = { next: 100, save: 200, submit: 100 };
const APP_NAME = 'sohoa-loadbench';
const root = process.cwd();

function ensureBuild(): void {
	if (fs.existsSync(path.join(root, 'build', 'index.js'))) return;
	console.log('no build/: running npm run build');
	const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
	if (r.status !== 0) throw new Error('npm run build failed');
}

/** A fresh database: a new DATA_DIR (SQLite), or a new schema in the given PostgreSQL database. */
async function freshDatabase() {
	if (DB_KIND === 'sqlite') {
		return { databaseUrl: '', pgSchema: undefined, drop: async () => {} };
	}
	const pgSchema = `loadbench_${Date.now().toString(36)}`;
	const admin = new pg.Client({ connectionString: args['pg-url'] });
	await admin.connect();
	await admin.query(`CREATE SCHEMA ${pgSchema}`);
	await admin.end();
	// Every process of the run (server, CLI, workers) finds its tables through the search path.
	const url = new URL(args['pg-url']!);
	url.searchParams.set('options', `-c search_path=${pgSchema}`);
	url.searchParams.set('application_name', APP_NAME);
	return {
		databaseUrl: url.toString(),
		pgSchema,
		drop: async () => {
			const c = new pg.Client({ connectionString: args['pg-url'] });
			await c.connect();
			await c.query(`DROP SCHEMA IF EXISTS ${pgSchema} CASCADE`);
			await c.end();
		}
	};
}

async function login(base: string, clerk: SeededClerk): Promise<string> {
	const res = await fetch(`${base}/api/v1/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username: clerk.username, password: clerk.password })
	});
	if (res.status !== 200) throw new Error(`login ${clerk.username}: ${res.status}`);
	return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** PostgreSQL backends serving the run's connections (their CPU is the database's share). */
async function pgBackends(url: string | undefined): Promise<number[]> {
	if (!url) return [];
	const c = new pg.Client({ connectionString: args['pg-url'] });
	await c.connect();
	const r = await c.query<{ pid: number }>(
		'SELECT pid FROM pg_stat_activity WHERE application_name = $1',
		[APP_NAME]
	);
	await c.end();
	return r.rows.map((x) => x.pid);
}

/**
 * Each request kind alone, one at a time, on an otherwise idle server (workers stopped): the CPU
 * the server (and PostgreSQL's backends) spent per request, for sizing.
 */
async function calibrate(base: string, clerk: SeededClerk, serverPid: number, dbUrl: string) {
	const cookie = await login(base, clerk);
	const json = { 'content-type': 'application/json', cookie };
	const key = fieldKeys('birth').find((k) => k.includes('HoTen')) ?? fieldKeys('birth')[0]!;
	const versions = new Map<string, number>();
	const rec = new Recorder();
	const ids = clerk.entryIds.slice(0, CALIBRATION.next);
	const out: Partial<Record<RequestKind, { serverCpuMs: number; dbCpuMs: number; wall: Summary }>> =
		{};
	const phase = async (kind: RequestKind, count: number, one: (i: number) => Promise<void>) => {
		const db0 = new Map((await pgBackends(dbUrl)).map((p) => [p, processCpuMs(p)]));
		const cpu0 = processCpuMs(serverPid);
		const lat: number[] = [];
		for (let i = 0; i < count; i++) {
			const t0 = performance.now();
			await one(i);
			lat.push(performance.now() - t0);
		}
		const cpu = processCpuMs(serverPid) - cpu0;
		// Per backend: the pool closes idle connections and opens new ones, so the sums of two
		// different sets of backends cannot be subtracted (that once gave 0). A backend that ended
		// during the phase is missed; one that began in it counts from its start.
		let dbCpu = 0;
		for (const p of await pgBackends(dbUrl)) dbCpu += processCpuMs(p) - (db0.get(p) ?? 0);
		out[kind] = {
			serverCpuMs: cpu / count,
			dbCpuMs: dbUrl ? Math.max(0, dbCpu) / count : 0,
			wall: summarise(lat)
		};
	};
	const call = async (url: string, init: RequestInit = {}) => {
		const res = await fetch(base + url, init);
		const body = await res.text();
		if (!res.ok) throw new Error(`calibration ${url}: ${res.status} ${body.slice(0, 200)}`);
		return body ? (JSON.parse(body) as { version?: number }) : {};
	};
	await phase('next', ids.length, async (i) => {
		await call(`/entries/${ids[i]}/__data.json?x-sveltekit-invalidated=01`, {
			headers: { cookie }
		});
		versions.set(ids[i]!, 1);
	});
	await phase('save', CALIBRATION.save, async (i) => {
		const id = ids[i % ids.length]!;
		const value = `Trần Văn Đo ${i}`;
		const r = await call(`/api/v1/entries/${id}`, {
			method: 'PATCH',
			headers: json,
			body: JSON.stringify({ version: versions.get(id), fields: { [key]: value } })
		});
		versions.set(id, r.version!);
		rec.ack(id, r.version!, { [key]: value });
	});
	await phase('submit', ids.length, async (i) => {
		const id = ids[i]!;
		const r = await call(`/api/v1/entries/${id}/submit`, {
			method: 'POST',
			headers: json,
			body: JSON.stringify({ version: versions.get(id) })
		});
		rec.ack(id, r.version!);
	});
	return { perKind: out, acked: rec.acked };
}

interface Result {
	db: string;
	at: string;
	machine: string;
	load: { min: number; median: number; max: number };
	options: Record<string, number>;
	elapsedS: number;
	requests: number;
	perSecond: number;
	entriesSubmitted: number;
	clerksOutOfEntries: number;
	latency: Record<RequestKind, Summary>;
	failures: { kind: string; status: number; detail: string }[];
	failureCount: number;
	serverCpuS: number;
	ocr: {
		workers: number;
		pagesImported: number;
		pagesRead: number;
		doneAtS: number | null;
		workerCpuS: number;
	};
	calibration: Partial<
		Record<RequestKind, { serverCpuMs: number; dbCpuMs: number; wall: Summary }>
	>;
	integrity: IntegrityReport & { unacknowledgedWrites: number };
	auditVerify: { ok: boolean; output: string };
	tables: TableSize[];
	blobs: { files: number; bytes: number };
}

function markdown(r: Result): string {
	const kinds: RequestKind[] = ['next', 'save', 'submit'];
	const target = (k: RequestKind) =>
		k === 'save' ? `p95 < ${TARGETS.save} ms` : k === 'next' ? `p95 < ${TARGETS.next} ms` : '—';
	const met = (k: RequestKind) =>
		k === 'submit' ? '' : r.latency[k].p95 < TARGETS[k] ? ' (met)' : ' (**not met**)';
	const lines = [
		`### ${r.db === 'pg' ? 'PostgreSQL' : 'SQLite'} (${r.at.slice(0, 16).replace('T', ' ')} UTC)`,
		'',
		`Machine: ${r.machine}. Load average (1 min) during the run: min ${r.load.min.toFixed(1)}, ` +
			`median ${r.load.median.toFixed(1)}, max ${r.load.max.toFixed(1)} (other engineers' work shares the cores).`,
		`${r.options.clerks} clerks, think time ${r.options.thinkMs} ms (0.5–1.5×), ${r.options.saves} saves ` +
			`per entry, ${r.elapsedS.toFixed(0)} s; ${r.ocr.workers} \`sohoa worker\` processes (nice ${r.options.workerNice}) OCR-ing ` +
			`${r.ocr.pagesImported} imported pages at the same time.`,
		'',
		'| request | n | median | p95 | p99 | max | target |',
		'| --- | --- | --- | --- | --- | --- | --- |',
		...kinds.map((k) => {
			const s = r.latency[k];
			return `| ${k} | ${s.n} | ${fmtMs(s.median)} | ${fmtMs(s.p95)} | ${fmtMs(s.p99)} | ${fmtMs(s.max)} | ${target(k)}${met(k)} |`;
		}),
		'',
		`- Throughput: ${r.requests} requests, **${r.perSecond.toFixed(1)} requests/s**; ` +
			`${r.entriesSubmitted} entries submitted; clerks who ran out of entries: ${r.clerksOutOfEntries}.`,
		`- Errors (any non-2xx, 409s included): **${r.failureCount}**` +
			(r.failures.length ? ` (first: ${r.failures[0]!.kind} ${r.failures[0]!.status})` : '') +
			'.',
		`- OCR during the run: ${r.ocr.pagesRead} of ${r.ocr.pagesImported} pages read by ${r.ocr.workers} workers ` +
			`(${r.ocr.workerCpuS.toFixed(0)} CPU-s; ` +
			`${r.ocr.pagesRead ? (r.ocr.workerCpuS / r.ocr.pagesRead).toFixed(1) : '–'} CPU-s per page); ` +
			(r.ocr.doneAtS === null
				? 'the workers were still reading at the end of the run.'
				: `**all pages were read ${r.ocr.doneAtS.toFixed(0)} s into the run**: OCR did not last the whole run.`),
		`- Server process CPU over the run: ${r.serverCpuS.toFixed(1)} s ` +
			`(${((r.serverCpuS * 1000) / Math.max(1, r.requests)).toFixed(2)} CPU-ms per request on average).`,
		`- Integrity after the run: ${r.integrity.entries} entries, ${r.integrity.acknowledgedVersions} ` +
			`acknowledged versions, ${r.integrity.auditedVersions} audited; problems: **${r.integrity.problems.length}**` +
			`; writes without an acknowledgement: ${r.integrity.unacknowledgedWrites}. ` +
			`\`sohoa audit verify\`: **${r.auditVerify.ok ? 'passes' : 'FAILS'}**.`,
		'',
		'Cost of one request alone (one at a time, workers stopped):',
		'',
		'| request | server CPU-ms | database CPU-ms | wall median | wall p95 |',
		'| --- | --- | --- | --- | --- |',
		...kinds.map((k) => {
			const c = r.calibration[k];
			return c
				? `| ${k} | ${c.serverCpuMs.toFixed(2)} | ${r.db === 'pg' ? c.dbCpuMs.toFixed(2) : 'in process'} | ${fmtMs(c.wall.median)} | ${fmtMs(c.wall.p95)} |`
				: `| ${k} | – | – | – | – |`;
		}),
		'',
		'Database after the run (table + indexes):',
		'',
		'| table | rows | bytes | bytes per row |',
		'| --- | --- | --- | --- |',
		...r.tables.map(
			(t) =>
				`| ${t.table} | ${t.rows} | ${t.bytes} | ${t.rows ? (t.bytes / t.rows).toFixed(0) : '–'} |`
		),
		'',
		`Page blobs: ${r.blobs.files} files, ${(r.blobs.bytes / r.blobs.files / 1024).toFixed(0)} KiB each on average.`
	];
	return lines.join('\n');
}

/** Replaces (or appends) this database's section of docs/benchmarks/load.md. */
function writeSection(r: Result): void {
	const file = path.join(root, 'docs', 'benchmarks', 'load.md');
	const open = `<!-- bench:load ${r.db} -->`;
	const close = `<!-- /bench:load ${r.db} -->`;
	const section = `${open}\n${markdown(r)}\n${close}`;
	const text = fs.existsSync(file)
		? fs.readFileSync(file, 'utf8')
		: '# Load: `npm run bench:load`\n';
	const start = text.indexOf(open);
	const end = text.indexOf(close);
	const next =
		start >= 0 && end > start
			? text.slice(0, start) + section + text.slice(end + close.length)
			: `${text.trimEnd()}\n\n${section}\n`;
	fs.writeFileSync(file, next);
}

async function main(): Promise<void> {
	ensureBuild();
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-load-'));
	const database = await freshDatabase();
	const base = `http://127.0.0.1:${args.port}`;
	const env: NodeJS.ProcessEnv = {
		...process.env,
		DATA_DIR: dataDir,
		DATABASE_URL: database.databaseUrl,
		SOHOA_DEMO: '0',
		// Background jobs run only in the `sohoa worker` processes, as in the deployment.
		SOHOA_WORKERS: '0',
		HOST: '127.0.0.1',
		PORT: args.port,
		ORIGIN: base
	};
	const children: ChildProcess[] = [];
	const open = () => createServices({ env: readEnv(env), pgSchema: database.pgSchema });
	try {
		console.log(`Load benchmark (${DB_KIND}), ${machineLine()}; data in ${dataDir}`);
		// Enough entries for the fastest clerk: one entry per (saves + 1) think times, doubled.
		const perClerk = Math.ceil(((DURATION_S * 1000) / (THINK_MS * (SAVES + 1))) * 2) + 10;
		let s: Services = await open();
		const t0 = performance.now();
		const clerks = await seedClerks(s, {
			unit: args.unit!,
			clerks: CLERKS,
			entriesPerClerk: perClerk,
			prefix: 'load.clerk'
		});
		const [calibrator] = await seedClerks(s, {
			unit: args.unit!,
			clerks: 1,
			entriesPerClerk: CALIBRATION.next,
			prefix: 'load.calibration'
		});
		await s.database.close();
		console.log(
			`seeded ${CLERKS} clerks × ${perClerk} entries (+ calibration) in ${((performance.now() - t0) / 1000).toFixed(0)} s`
		);
		const perBook = Math.ceil(OCR_PAGES / Math.max(1, OCR_WORKERS));
		const books = await scanFiles(path.join(dataDir, 'scans'), Math.max(1, OCR_WORKERS), perBook);
		books.forEach((files, b) =>
			sohoa(env, [
				'import-book',
				...files,
				...['--unit', args.unit!, '--type', 'birth', '--book', `OCR-${b + 1}`, '--year', '2009']
			])
		);
		console.log(`imported ${books.length} books of ${perBook} scanned pages for OCR`);

		const server = await startServer(env, base, path.join(dataDir, 'server.log'), args['cpu-prof']);
		children.push(server);
		const cookies = await Promise.all(clerks.map((c) => login(base, c)));
		const workers = Array.from({ length: OCR_WORKERS }, (_, i) =>
			startWorker(env, path.join(dataDir, `worker-${i + 1}.log`), Number(args['worker-nice']))
		);
		children.push(...workers);

		const sampler = new LoadSampler();
		sampler.start();
		const serverCpu0 = processCpuMs(server.pid!);
		const rec = new Recorder();
		const editableKeys = fieldKeys('birth').filter((k) => /HoTen|NoiSinh|QueQuan|DanToc/.test(k));
		const began = performance.now();
		const until = began + DURATION_S * 1000;
		const ocrWatch = new OcrWatch(
			connect({
				databaseUrl: database.databaseUrl,
				sqlitePath: path.join(dataDir, 'sohoa.sqlite'),
				pgSchema: database.pgSchema
			}),
			perBook * books.length
		);
		ocrWatch.start(began);
		const progress = setInterval(() => {
			const done = ((performance.now() - began) / 1000).toFixed(0);
			console.log(
				`  ${done} s: ${rec.requests} requests, ${rec.failures.length} errors, ${ocrWatch.pagesRead} pages read`
			);
		}, 30_000);
		const done = await Promise.all(
			clerks.map((c, i) =>
				runClerk(
					{
						base,
						cookie: cookies[i]!,
						firstEntry: c.firstEntry,
						editableKeys: editableKeys.length ? editableKeys : fieldKeys('birth'),
						savesPerEntry: SAVES,
						thinkMs: THINK_MS,
						until,
						label: String(i + 1)
					},
					rec
				)
			)
		);
		clearInterval(progress);
		const elapsedS = (performance.now() - began) / 1000;
		const load = sampler.stop();
		const serverCpuS = (processCpuMs(server.pid!) - serverCpu0) / 1000;
		const workerCpuS = workers.reduce((sum, w) => sum + processCpuMs(w.pid!), 0) / 1000;
		await ocrWatch.stop(began);
		await Promise.all(workers.map((w) => stop(w)));
		console.log(`run over (${elapsedS.toFixed(0)} s); calibrating request costs`);
		const calibration = await calibrate(base, calibrator!, server.pid!, database.databaseUrl);
		await stop(server);

		s = await open();
		const acked = new Map([...rec.acked, ...calibration.acked]);
		const integrity = await checkIntegrity(s.database.db, acked);
		const touched = await s.database.db
			.selectFrom('entry')
			.select('id')
			.where('version', '>', 1)
			.where(
				'book_id',
				'in',
				[...clerks, calibrator!].map((c) => c.bookId)
			)
			.execute();
		const unacknowledgedWrites = touched.filter((e) => !acked.has(e.id)).length;
		const tables = await tableSizes(s.database.db, s.database.dialect, database.pgSchema);
		await s.database.close();
		const verify = spawnSync(
			process.execPath,
			[path.join(root, 'bin', 'sohoa.js'), 'audit', 'verify'],
			{
				cwd: root,
				env,
				encoding: 'utf8'
			}
		);

		const result: Result = {
			db: DB_KIND,
			at: new Date().toISOString(),
			machine: machineLine(),
			load,
			options: {
				clerks: CLERKS,
				durationS: DURATION_S,
				thinkMs: THINK_MS,
				saves: SAVES,
				workerNice: Number(args['worker-nice'])
			},
			elapsedS,
			requests: rec.requests,
			perSecond: rec.requests / elapsedS,
			entriesSubmitted: done.reduce((a, b) => a + b, 0),
			clerksOutOfEntries: done.filter((d) => d >= perClerk).length,
			latency: {
				next: summarise(rec.latencies.next),
				save: summarise(rec.latencies.save),
				submit: summarise(rec.latencies.submit)
			},
			failures: rec.failures.slice(0, 20),
			failureCount: rec.failures.length,
			serverCpuS,
			ocr: {
				workers: OCR_WORKERS,
				pagesImported: perBook * books.length,
				pagesRead: ocrWatch.pagesRead,
				doneAtS: ocrWatch.doneAtS,
				workerCpuS
			},
			calibration: calibration.perKind,
			integrity: { ...integrity, unacknowledgedWrites },
			auditVerify: {
				ok: verify.status === 0,
				output: (verify.stdout + verify.stderr).trim().slice(0, 500)
			},
			tables,
			blobs: blobBytes(dataDir)
		};
		for (const k of ['next', 'save', 'submit'] as const)
			console.log(`${k}: ${describe(result.latency[k])}`);
		console.log(markdown(result));
		if (integrity.problems.length) console.log(integrity.problems.slice(0, 20).join('\n'));
		fs.mkdirSync(path.join(root, 'bench-results'), { recursive: true });
		const json = path.join(
			root,
			'bench-results',
			`load-${DB_KIND}-${result.at.replace(/[:.]/g, '-')}.json`
		);
		fs.writeFileSync(json, JSON.stringify(result, null, '\t'));
		console.log(`results: ${json}`);
		if (!args['no-write']) writeSection(result);
	} finally {
		for (const c of children) c.kill('SIGKILL');
		// The server's and workers' logs outlive the run's data, to look into any error.
		const logs = path.join(root, 'bench-results', `load-${DB_KIND}-logs`);
		fs.rmSync(logs, { recursive: true, force: true });
		fs.mkdirSync(logs, { recursive: true });
		for (const f of fs.readdirSync(dataDir).filter((n) => n.endsWith('.log'))) {
			fs.copyFileSync(path.join(dataDir, f), path.join(logs, f));
		}
		await database.drop();
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}

await main();
