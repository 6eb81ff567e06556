// What the crash tests share: real `sohoa` processes on a test's database (SQLite under its
// DATA_DIR, or its own PostgreSQL schema), killed with SIGKILL (no handler runs, nothing is
// flushed) at a moment the test sees in the database.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { sohoa } from '../cli-harness';
import type { DatabaseContext } from '../databases';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = path.join(root, 'bin', 'sohoa.js');

/** The settings that make a `sohoa` process open the test's database. */
export function databaseEnv(t: DatabaseContext): Record<string, string> {
	return { DATABASE_URL: t.env.databaseUrl ?? '', DATABASE_SCHEMA: t.pgSchema ?? '' };
}

/** `sohoa …` run to its end on the test's database. */
export const run = (t: DatabaseContext, args: string[], input = '') =>
	sohoa(t.dataDir, args, input, databaseEnv(t));

/** A short lease, so a killed worker's job is taken over in seconds rather than a minute. */
export const LEASE_SECONDS = 3;

/** A long-running `sohoa …` process (a worker, an import) that the test kills when it chooses. */
export class SohoaProcess {
	readonly #child: ChildProcess;
	readonly exited: Promise<number | null>;
	#output = '';

	constructor(t: DatabaseContext, args: string[], env: Record<string, string> = {}) {
		this.#child = spawn(process.execPath, [bin, ...args], {
			cwd: root,
			env: {
				...process.env,
				DATA_DIR: t.dataDir,
				...databaseEnv(t),
				SOHOA_DEMO: '0',
				SOHOA_JOB_LEASE_SECONDS: String(LEASE_SECONDS),
				...env
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		this.#child.stdout!.on('data', (d: Buffer) => (this.#output += d.toString()));
		this.#child.stderr!.on('data', (d: Buffer) => (this.#output += d.toString()));
		this.exited = new Promise((resolve) => this.#child.once('exit', (code) => resolve(code)));
	}

	/** What it wrote so far, stdout and stderr together. */
	get output(): string {
		return this.#output;
	}

	get running(): boolean {
		return this.#child.exitCode === null && this.#child.signalCode === null;
	}

	/** A crash: SIGKILL, then wait until the process is gone. */
	async kill9(): Promise<void> {
		if (!this.running) throw new Error(`the process ended before the kill:\n${this.#output}`);
		this.#child.kill('SIGKILL');
		await this.exited;
	}

	/** Ends it if still running (cleanup after a failed test). */
	async dispose(): Promise<void> {
		if (this.running) await this.kill9();
	}
}

/**
 * Polls `probe` until it returns a truthy value (the moment to act on), failing with `what` after
 * `timeoutMs`; `running` (when given) must stay up meanwhile.
 */
export async function until<T>(
	what: string,
	probe: () => T | Promise<T>,
	opts: { timeoutMs?: number; running?: SohoaProcess } = {}
): Promise<NonNullable<T>> {
	const deadline = Date.now() + (opts.timeoutMs ?? 90_000);
	for (;;) {
		const value = await probe();
		if (value) return value as NonNullable<T>;
		if (opts.running && !opts.running.running)
			throw new Error(`the process ended while waiting for ${what}:\n${opts.running.output}`);
		if (Date.now() > deadline)
			throw new Error(`timed out waiting for ${what}\n${opts.running?.output ?? ''}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

/**
 * 'ok' when the database's files are sound after the kill. SQLite: `PRAGMA integrity_check` of the
 * DATA_DIR's file. PostgreSQL keeps its own files whole (its WAL); what a killed client can break
 * is rows, which the tests check; here every table of the schema is read through (a count forces a
 * full scan), so a damaged table would still show as the error it raises.
 */
export async function databaseIntegrity(t: DatabaseContext): Promise<string> {
	if (t.kind === 'sqlite') {
		const db = new SQLite(path.join(t.dataDir, 'sohoa.sqlite'), { readonly: true });
		try {
			const rows = db.pragma('integrity_check') as { integrity_check: string }[];
			return rows.map((r) => r.integrity_check).join('\n');
		} finally {
			db.close();
		}
	}
	const db = t.services.database.db;
	try {
		const tables = await sql<{ table_name: string }>`
			SELECT table_name FROM information_schema.tables
			WHERE table_schema = ${t.pgSchema!} AND table_type = 'BASE TABLE'`.execute(db);
		for (const { table_name } of tables.rows)
			await sql`SELECT count(*) FROM ${sql.table(`${t.pgSchema!}.${table_name}`)}`.execute(db);
		return tables.rows.length > 0 ? 'ok' : 'no tables';
	} catch (e) {
		return String(e);
	}
}

/** `sohoa audit verify` in its own process: exit 0 when the chain is whole. */
export function auditVerify(t: DatabaseContext) {
	return run(t, ['audit', 'verify']);
}

/**
 * Blob files whose content does not match their name (a half-written file published under its
 * final name); `.tmp` files are a crashed write's leftovers, never read.
 */
export function corruptBlobs(dataDir: string): string[] {
	const dir = path.join(dataDir, 'blobs');
	if (!fs.existsSync(dir)) return [];
	const bad: string[] = [];
	for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile() || entry.name.endsWith('.tmp')) continue;
		const bytes = fs.readFileSync(path.join(entry.parentPath, entry.name));
		if (createHash('sha256').update(bytes).digest('hex') !== entry.name) bad.push(entry.name);
	}
	return bad;
}
