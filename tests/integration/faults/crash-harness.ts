// What the crash tests share: real `sohoa` processes on a test's SQLite DATA_DIR, killed with
// SIGKILL (no handler runs, nothing is flushed) at a moment the test sees in the database.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { sohoa } from '../cli-harness';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = path.join(root, 'bin', 'sohoa.js');

/** A short lease, so a killed worker's job is taken over in seconds rather than a minute. */
export const LEASE_SECONDS = 3;

/** A long-running `sohoa …` process (a worker, an import) that the test kills when it chooses. */
export class SohoaProcess {
	readonly #child: ChildProcess;
	readonly exited: Promise<number | null>;
	#output = '';

	constructor(dataDir: string, args: string[], env: Record<string, string> = {}) {
		this.#child = spawn(process.execPath, [bin, ...args], {
			cwd: root,
			env: {
				...process.env,
				DATA_DIR: dataDir,
				DATABASE_URL: '',
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

/** `PRAGMA integrity_check` of the data directory's SQLite file: 'ok' when sound. */
export function sqliteIntegrity(dataDir: string): string {
	const db = new SQLite(path.join(dataDir, 'sohoa.sqlite'), { readonly: true });
	try {
		const rows = db.pragma('integrity_check') as { integrity_check: string }[];
		return rows.map((r) => r.integrity_check).join('\n');
	} finally {
		db.close();
	}
}

/** `sohoa audit verify` in its own process: exit 0 when the chain is whole. */
export function auditVerify(dataDir: string) {
	return sohoa(dataDir, ['audit', 'verify']);
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
