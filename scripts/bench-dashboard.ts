/**
 * The supervisors' dashboard at scale (issue 7: under 500 ms with 1 million entries): seeds a
 * province of data straight into the tables (entries, OCR fields, the audit rows of their
 * lifecycle) on SQLite or PostgreSQL, builds the stats projection once, then times the dashboard's
 * and `/api/v1/stats`'s server work (`StatsService.dashboard`, which also brings the projection up
 * to date), the daily report, and the same with a few books changed before each call (clerks at
 * work).
 *
 * Usage: npm run bench:dashboard [-- --db sqlite|pg --entries 1000000 --per-book 500 --runs 30]
 *   --db pg       a schema of its own in BENCH_DATABASE_URL (default: the test database), dropped after
 *   --keep        keep the seeded data (SQLite: its folder; PostgreSQL: its schema) and print where
 *   --reuse X     time again on data kept before (X: that folder or schema); no seeding
 *   --out FILE    where to write the results (default docs/benchmarks/dashboard-<db>.md)
 *   --copy-from D with --db pg: load the rows (data and projection) of a SQLite bench kept in folder
 *                 D instead of seeding and building here (through the sqlite3 and psql programs)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { createServices } from '../src/lib/server/container';
import { fieldKeys } from '../src/lib/registers/index';
import { statsBody } from '../src/lib/server/services/stats-service';
import type { SessionUser } from '../src/lib/server/auth/session-service';
import { readEnv, type Env } from '../src/lib/server/env';

const { values: args } = parseArgs({
	options: {
		db: { type: 'string', default: 'sqlite' },
		entries: { type: 'string', default: '1000000' },
		'per-book': { type: 'string', default: '500' },
		runs: { type: 'string', default: '30' },
		keep: { type: 'boolean', default: false },
		reuse: { type: 'string' },
		'copy-from': { type: 'string' },
		out: { type: 'string' }
	}
});
const KIND = args.db === 'pg' ? 'pg' : 'sqlite';
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://sohoa:sohoa@127.0.0.1:5432/sohoa_test';
const ENTRIES = Number(args.entries);
const PER_BOOK = Number(args['per-book']);
const RUNS = Number(args.runs);
const PROVINCE = '66';
const DAYS = 60;
const FIELDS = fieldKeys('birth').slice(0, 6);
const SUPERVISOR = 'bench.supervisor';

/** A small seeded generator so runs are comparable. */
let state = 42;
const rnd = () => {
	state = (state * 1103515245 + 12345) & 0x7fffffff;
	return state / 0x7fffffff;
};

function quantile(xs: number[], q: number): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}
const fmt = (xs: number[]) =>
	`median ${quantile(xs, 0.5).toFixed(1)} ms, p95 ${quantile(xs, 0.95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (n=${xs.length})`;

type Value = string | number | null;

/** Where the seeded rows go: inserts grouped per book, one transaction per `commit`. */
interface RowWriter {
	insert(table: string, columns: readonly string[], values: Value[]): void;
	commit(): Promise<void>;
	/** Statistics for the planner, the audit chain's head; then closes. */
	finish(auditSeq: number): Promise<void>;
}

function sqliteWriter(file: string): RowWriter {
	const db = new SQLite(file);
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = OFF');
	const statements = new Map<string, SQLite.Statement>();
	let rows: { table: string; columns: readonly string[]; values: Value[] }[] = [];
	const run = db.transaction(() => {
		for (const r of rows) {
			let st = statements.get(r.table);
			if (!st) {
				st = db.prepare(
					`INSERT INTO ${r.table} (${r.columns.join(', ')}) VALUES (${r.columns.map(() => '?').join(', ')})`
				);
				statements.set(r.table, st);
			}
			st.run(...r.values);
		}
	});
	return {
		insert: (table, columns, values) => void rows.push({ table, columns, values }),
		commit: async () => {
			run();
			rows = [];
		},
		finish: async (auditSeq) => {
			db.prepare('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1').run(auditSeq, 'bench');
			db.pragma('wal_checkpoint(TRUNCATE)');
			db.exec('ANALYZE');
			db.close();
		}
	};
}

/** Multi-row INSERTs, a table at a time in the order first seen (parents before children). */
function pgWriter(schema: string): RowWriter {
	const pool = new pg.Pool({
		connectionString: PG_URL,
		max: 1,
		options: `-c search_path=${schema}`
	});
	let tables = new Map<string, { columns: readonly string[]; rows: Value[][] }>();
	const MAX_PARAMS = 60_000;
	return {
		insert: (table, columns, values) => {
			const t = tables.get(table) ?? { columns, rows: [] };
			t.rows.push(values);
			tables.set(table, t);
		},
		commit: async () => {
			const client = await pool.connect();
			try {
				await client.query('BEGIN');
				for (const [table, t] of tables) {
					const per = Math.floor(MAX_PARAMS / t.columns.length);
					for (let i = 0; i < t.rows.length; i += per) {
						const part = t.rows.slice(i, i + per);
						const params: Value[] = [];
						const tuples = part.map((r) => {
							const marks = r.map((v) => {
								params.push(v);
								return `$${params.length}`;
							});
							return `(${marks.join(',')})`;
						});
						await client.query(
							`INSERT INTO ${table} (${t.columns.join(', ')}) VALUES ${tuples.join(',')}`,
							params
						);
					}
				}
				await client.query('COMMIT');
			} finally {
				client.release();
			}
			tables = new Map();
		},
		finish: async (auditSeq) => {
			await pool.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1', [
				auditSeq,
				'bench'
			]);
			await pool.query('ANALYZE');
			await pool.end();
		}
	};
}

/** The province: users per commune, books of entries at every stage, their audit rows. */
async function seed(w: RowWriter, communes: string[], supervisorId: string): Promise<string> {
	const now = Date.now();
	const dayMs = 86_400_000;
	const iso = (ms: number) => new Date(ms).toISOString();
	const userCols = [
		'id',
		'username',
		'display_name',
		'role',
		'password_hash',
		'disabled',
		'locale',
		'created_at'
	];
	const user = (id: string, username: string, name: string, role: string) =>
		w.insert('app_user', userCols, [id, username, name, role, 'x', 0, 'vi', iso(now)]);
	const unitCols = ['user_id', 'unit_code'];
	const bookCols = [
		'id',
		'unit_code',
		'register_type',
		'book_number',
		'year',
		'title',
		'expected_entries',
		'template_id',
		'created_at',
		'created_by'
	];
	const entryCols = [
		'id',
		'book_id',
		'unit_code',
		'register_type',
		'page_id',
		'seq',
		'region',
		'state',
		'version',
		'transcribed_by',
		'last_edited_by',
		'submitted_by',
		'approved_by',
		'return_reason',
		'created_at',
		'updated_at'
	];
	const fieldCols = [
		'entry_id',
		'key',
		'value',
		'normalized_override',
		'ocr_value',
		'ocr_confidence',
		'ocr_issues',
		'flag',
		'bbox',
		'updated_at',
		'updated_by'
	];
	const auditCols = [
		'seq',
		'at',
		'actor_id',
		'action',
		'subject_type',
		'subject_id',
		'data',
		'prev_hash',
		'hash'
	];
	let seq = 0;
	const audit = (at: string, actor: string, action: string, id: string, data: string) =>
		w.insert('audit_log', auditCols, [
			++seq,
			at,
			actor,
			action,
			'entry',
			id,
			data,
			'bench',
			'bench'
		]);

	user(supervisorId, SUPERVISOR, 'Bench supervisor', 'supervisor');
	w.insert('user_unit', unitCols, [supervisorId, PROVINCE]);
	const clerksOf = new Map<string, string[]>();
	const officerOf = new Map<string, string>();
	for (const c of communes) {
		const cl = [randomUUID(), randomUUID()];
		for (const [i, id] of cl.entries()) user(id, `cb.${c}.${i}`, `Cán bộ ${c}-${i}`, 'clerk');
		const officer = randomUUID();
		user(officer, `cc.${c}.0`, `Công chức ${c}-0`, 'officer');
		clerksOf.set(c, cl);
		officerOf.set(c, officer);
	}
	await w.commit();

	const books = Math.ceil(ENTRIES / PER_BOOK);
	let made = 0;
	for (let b = 0; b < books; b++) {
		const unit = communes[b % communes.length]!;
		const bookId = randomUUID();
		const n = Math.min(PER_BOOK, ENTRIES - made);
		// Books start over the period; each moves at its own pace.
		const start = now - Math.floor(rnd() * DAYS) * dayMs - dayMs;
		const progress = rnd();
		w.insert('book', bookCols, [
			bookId,
			unit,
			'birth',
			`${b + 1}/2008`,
			2008,
			`Sổ khai sinh ${b + 1}`,
			n,
			null,
			iso(start),
			null
		]);
		for (let i = 0; i < n; i++) {
			const id = randomUUID();
			const clerk = clerksOf.get(unit)![i % 2]!;
			const officer = officerOf.get(unit)!;
			const r = rnd();
			const stage =
				r < progress * 0.8
					? 'done'
					: r < progress * 0.9
						? 'submitted'
						: r < progress
							? 'in_progress'
							: 'prefilled';
			const exported = stage === 'done' && rnd() < 0.3;
			const state = stage === 'done' ? (exported ? 'exported' : 'approved') : stage;
			const tSub = Math.min(now - 60_000, start + Math.floor(rnd() * (now - start)));
			const tApp = Math.min(now - 1000, tSub + Math.floor(rnd() * dayMs));
			const updated = stage === 'done' ? tApp : stage === 'prefilled' ? start : tSub;
			const worked = stage !== 'prefilled';
			// prettier-ignore
			w.insert('entry', entryCols, [
				id, bookId, unit, 'birth', null, i + 1, null, state, 3,
				worked ? clerk : null, worked ? clerk : null,
				stage === 'done' || stage === 'submitted' ? clerk : null,
				stage === 'done' ? officer : null, null, iso(start), iso(updated)
			]);
			for (const [k, key] of FIELDS.entries()) {
				const ocr = `Giá trị ${k} ${i}`;
				const changedByClerk = worked && rnd() < 0.12;
				// prettier-ignore
				w.insert('entry_field', fieldCols, [
					id, key, changedByClerk ? `${ocr}x` : ocr, null, ocr, 0.5 + rnd() * 0.5,
					null, null, null, iso(updated), null
				]);
			}
			if (worked) audit(iso(tSub - 60_000), clerk, 'entry.edit', id, '{"version":2}');
			if (stage === 'done' || stage === 'submitted')
				audit(iso(tSub), clerk, 'entry.submit', id, '{"version":3}');
			if (stage === 'done') {
				if (rnd() < 0.05)
					audit(
						iso(tApp - 1000),
						officer,
						'entry.correct',
						id,
						`{"changes":{"${FIELDS[0]}":{"before":{"value":"a"},"after":{"value":"b"}}}}`
					);
				audit(iso(tApp), officer, 'entry.approve', id, '{"version":3}');
				if (exported) audit(iso(tApp + 500), officer, 'entry.export', id, '{}');
			}
		}
		await w.commit();
		made += n;
	}
	await w.finish(seq);
	return (
		`${made.toLocaleString('en')} entries in ${books} books over ${communes.length} communes, ` +
		`${(made * FIELDS.length).toLocaleString('en')} fields, ${seq.toLocaleString('en')} audit rows`
	);
}

/** The tables a seeded and projected bench database is made of, parents first. */
const COPIED = [
	'app_user',
	'user_unit',
	'book',
	'entry',
	'entry_field',
	'audit_log',
	'audit_head',
	'stats_book',
	'stats_book_day',
	'stats_field_day',
	'stats_user_day',
	'stats_reason_day',
	'stats_unit_day',
	'stats_unit_field_day',
	'stats_unit_user_day',
	'stats_unit_reason_day',
	'stats_watermark'
];

/** Copies a kept SQLite bench's rows into the (migrated, empty) PostgreSQL schema, table by table. */
function copyFromSqlite(file: string, schema: string): void {
	for (const table of COPIED) {
		const columns = (
			execFileSync('sqlite3', [file, `select name from pragma_table_info('${table}')`]) + ''
		)
			.trim()
			.split('\n');
		const list = columns.join(', ');
		const csv = execFileSync('sqlite3', ['-csv', file, `select ${list} from ${table}`], {
			maxBuffer: 4e9
		});
		execFileSync(
			'psql',
			[
				PG_URL,
				'-v',
				'ON_ERROR_STOP=1',
				'-c',
				`delete from ${schema}.${table}`,
				'-c',
				`\\copy ${schema}.${table} (${list}) from stdin with (format csv)`
			],
			{ input: csv, stdio: ['pipe', 'ignore', 'inherit'] }
		);
	}
	execFileSync('psql', [PG_URL, '-c', `analyze`], {
		stdio: 'ignore',
		env: { ...process.env, PGOPTIONS: `-c search_path=${schema}` }
	});
}

async function pgQuery(text: string): Promise<void> {
	const client = new pg.Client({ connectionString: PG_URL });
	await client.connect();
	try {
		await client.query(text);
	} finally {
		await client.end();
	}
}

async function main() {
	const lines: string[] = [];
	const log = (s: string) => {
		console.error(s);
		lines.push(s);
	};
	const load = () =>
		os
			.loadavg()
			.map((x) => x.toFixed(1))
			.join(' ');
	const reuse = args.reuse;
	const dataDir =
		KIND === 'sqlite' && reuse
			? reuse
			: fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-bench-dash-'));
	const schema =
		KIND === 'pg' ? (reuse ?? `bench_dash_${randomBytes(4).toString('hex')}`) : undefined;
	if (schema && !reuse) await pgQuery(`CREATE SCHEMA ${schema}`);
	const env: Env = readEnv({
		DATA_DIR: dataDir,
		DATABASE_URL: KIND === 'pg' ? PG_URL : '',
		SOHOA_DEMO: '0',
		SOHOA_WORKERS: '0'
	});
	const open = () => createServices({ env, pgSchema: schema });
	const where = KIND === 'pg' ? `PostgreSQL schema ${schema}` : `SQLite in ${dataDir}`;
	try {
		const from = args['copy-from'];
		if (!reuse && from && schema) {
			await (await open()).database.close(); // the schema, migrated
			const t0 = performance.now();
			copyFromSqlite(path.join(from, 'sohoa.sqlite'), schema);
			log(
				`copied the data and projection of the SQLite bench kept in ${from}: ${((performance.now() - t0) / 1000).toFixed(0)} s (${where})`
			);
		} else if (!reuse) {
			let services = await open();
			const communes = (await services.units.children(PROVINCE)).map((u) => u.code);
			await services.database.close();
			const t0 = performance.now();
			const writer =
				KIND === 'pg' ? pgWriter(schema!) : sqliteWriter(path.join(dataDir, 'sohoa.sqlite'));
			const what = await seed(writer, communes, randomUUID());
			log(`seeded ${what}: ${((performance.now() - t0) / 1000).toFixed(0)} s (${where})`);
			services = await open();
			const t = performance.now();
			const rebuilt = await services.statsProjection.refresh();
			log(
				`first projection build (all ${rebuilt} books, from watermark 0): ${((performance.now() - t) / 1000).toFixed(1)} s`
			);
			await services.database.close();
		}
		await time(open, log, load);
	} finally {
		if (args.keep || reuse) console.error(`kept ${where}`);
		else {
			fs.rmSync(dataDir, { recursive: true, force: true });
			if (schema) await pgQuery(`DROP SCHEMA ${schema} CASCADE`);
		}
	}

	const out = path.resolve(args.out ?? `docs/benchmarks/dashboard-${KIND}.md`);
	fs.mkdirSync(path.dirname(out), { recursive: true });
	const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
	const engine = KIND === 'pg' ? 'PostgreSQL (local server)' : 'SQLite (WAL)';
	fs.writeFileSync(
		out,
		`# Supervisors' dashboard on ${engine}: \`npm run bench:dashboard -- --db ${KIND}\`

Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores (${cpu}),
${(os.totalmem() / 1e9).toFixed(0)} GB, shared with other work; Node ${process.version}. Times are the server's work
for one request, in process (\`StatsService.dashboard\`, which first brings the stats projection up to date).
Reading and earlier runs: [dashboard.md](dashboard.md).

\`\`\`
${lines.join('\n')}
\`\`\`
`
	);
	console.error(`wrote ${out}`);
}

/** Times each page and level, RUNS calls after a warm-up, the load average noted before and after. */
async function time(
	open: () => ReturnType<typeof createServices>,
	log: (s: string) => void,
	load: () => string
): Promise<void> {
	const s = await open();
	const db = s.database.db;
	let t = performance.now();
	const caughtUp = await s.statsProjection.refresh();
	log(`catch-up refresh: ${caughtUp} books, ${(performance.now() - t).toFixed(0)} ms`);
	const sup = await db
		.selectFrom('app_user')
		.select(['id', 'display_name'])
		.where('username', '=', SUPERVISOR)
		.executeTakeFirstOrThrow();
	const supervisor: SessionUser = {
		id: sup.id,
		username: SUPERVISOR,
		displayName: sup.display_name,
		role: 'supervisor',
		locale: 'vi',
		units: [PROVINCE]
	};
	const entries = await db
		.selectFrom('entry')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	const commune = (await s.units.children(PROVINCE))[0]!.code;
	log(`load average before timing: ${load()}`);
	const run = async (name: string, fn: () => Promise<unknown>, before?: () => Promise<void>) => {
		const xs: number[] = [];
		await fn(); // warm
		for (let i = 0; i < RUNS; i++) {
			await before?.();
			t = performance.now();
			await fn();
			xs.push(performance.now() - t);
		}
		log(`${name}: ${fmt(xs)}`);
	};
	await run(
		`dashboard, province (all ${Number(entries.n).toLocaleString('en')} entries; = /api/v1/stats + page data)`,
		() => s.stats.dashboard(supervisor, {})
	);
	await run('/api/v1/stats body, province', async () =>
		statsBody(await s.stats.dashboard(supervisor, {}))
	);
	await run('dashboard, one commune', () => s.stats.dashboard(supervisor, { unit: commune }));
	await run('daily report, province', () => s.dailyReports.report(supervisor, {}));
	// Clerks at work: a few books changed (an entry edited each) before every call, written as the
	// entry service writes an edit: the entry changes and an audit row says so.
	const some = await db
		.selectFrom('entry')
		.select('id')
		.where('seq', '=', 250)
		.limit(200)
		.execute();
	let k = 0;
	const touch = async () => {
		for (let i = 0; i < 3; i++) {
			const id = some[k++ % some.length]!.id;
			const at = new Date().toISOString();
			await db.transaction().execute(async (trx) => {
				const head = await trx
					.updateTable('audit_head')
					.set((eb) => ({ seq: eb('seq', '+', 1) }))
					.where('id', '=', 1)
					.returning('seq')
					.executeTakeFirstOrThrow();
				await trx.updateTable('entry').set({ updated_at: at }).where('id', '=', id).execute();
				await trx
					.insertInto('audit_log')
					.values({
						seq: Number(head.seq),
						at,
						actor_id: null,
						action: 'entry.edit',
						subject_type: 'entry',
						subject_id: id,
						data: '{}',
						prev_hash: 'bench',
						hash: 'bench'
					})
					.execute();
			});
		}
	};
	await run(
		'dashboard, province, 3 books changed before each call',
		() => s.stats.dashboard(supervisor, {}),
		touch
	);
	log(`load average after timing: ${load()}`);
	await s.database.close();
}

main().catch((e: unknown) => {
	console.error(e);
	process.exit(1);
});
