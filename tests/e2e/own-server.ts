import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Role } from '../../src/lib/auth/roles';
import { fieldKeys } from '../../src/lib/registers/index';

/**
 * A server of the test's own (`node build`) on a fresh SQLite DATA_DIR without the demo, with users
 * made through the CLI and entries written straight into the file: for HTTP tests that must not
 * depend on the demo's data, and for the kill test.
 */

const root = process.cwd();

export function cli(dataDir: string, args: string[], input = '') {
	const r = spawnSync(process.execPath, [path.join(root, 'bin', 'sohoa.js'), ...args], {
		cwd: root,
		env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
		input,
		encoding: 'utf8'
	});
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The birth register's full-name field (any field of it if the schema changes). */
export function nameField(): string {
	const keys = fieldKeys('birth');
	if (keys.length === 0) throw new Error('the birth register has no fields');
	return keys.includes('nksHoTen') ? 'nksHoTen' : keys[0]!;
}

/**
 * A book of its own with `n` birth entries prefilled by "OCR" in a unit of the SQLite database in
 * `dataDir` (a running server's too: WAL lets both write); returns the ids.
 */
export function addBirthEntries(
	dataDir: string,
	unit: string,
	n: number
): { book: string; entries: string[] } {
	const key = nameField();
	const db = new SQLite(path.join(dataDir, 'sohoa.sqlite'));
	try {
		const at = new Date().toISOString();
		const book = randomUUID();
		db.prepare(
			`INSERT INTO book (id, unit_code, register_type, book_number, year, title, expected_entries,
			 template_id, created_at, created_by) VALUES (?, ?, 'birth', ?, 2008, 'Sổ khai sinh', ?, NULL, ?, NULL)`
		).run(book, unit, `Q-${book.slice(0, 6)}`, n, at);
		const entries: string[] = [];
		for (let i = 1; i <= n; i++) {
			const id = randomUUID();
			db.prepare(
				`INSERT INTO entry (id, book_id, unit_code, register_type, page_id, seq, region, state, version,
				 transcribed_by, last_edited_by, submitted_by, approved_by, return_reason, created_at, updated_at)
				 VALUES (?, ?, ?, 'birth', NULL, ?, NULL, 'prefilled', 1, NULL, NULL, NULL, NULL, NULL, ?, ?)`
			).run(id, book, unit, i, at, at);
			db.prepare(
				`INSERT INTO entry_field (entry_id, key, value, normalized_override, ocr_value, ocr_confidence,
				 flag, bbox, updated_at, updated_by) VALUES (?, ?, 'OCR', NULL, 'OCR', 0.5, NULL, NULL, ?, NULL)`
			).run(id, key, at);
			entries.push(id);
		}
		return { book, entries };
	} finally {
		db.close();
	}
}

export class OwnServer {
	readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-http-'));
	readonly port: number;
	readonly base: string;
	/** Extra environment for the server (e.g. BODY_SIZE_LIMIT). */
	readonly env: Record<string, string>;
	readonly passwords = new Map<string, string>();
	#server: ChildProcess | null = null;
	log = '';

	constructor(opts: { port?: number; env?: Record<string, string> } = {}) {
		this.port = opts.port ?? 4400 + Math.floor(Math.random() * 500);
		this.base = `http://127.0.0.1:${this.port}`;
		this.env = opts.env ?? {};
		const r = cli(this.dataDir, ['migrate']);
		if (r.code !== 0) throw new Error(`sohoa migrate failed: ${r.stderr}`);
	}

	addUser(username: string, role: Role, unit: string): void {
		const password = `pw-${randomUUID()}`;
		const r = cli(
			this.dataDir,
			['user', 'add', '--username', username, '--role', role, '--unit', unit, '--password-stdin'],
			password + '\n'
		);
		if (r.code !== 0) throw new Error(`sohoa user add ${username} failed: ${r.stderr}`);
		this.passwords.set(username, password);
	}

	/** A book with `n` prefilled birth entries in a unit; returns the entry ids. */
	addEntries(unit: string, n: number): { book: string; entries: string[] } {
		return addBirthEntries(this.dataDir, unit, n);
	}

	async start(): Promise<void> {
		const server = spawn(process.execPath, [path.join(root, 'build', 'index.js')], {
			cwd: root,
			env: {
				...process.env,
				DATA_DIR: this.dataDir,
				DATABASE_URL: '',
				SOHOA_DEMO: '0',
				HOST: '127.0.0.1',
				PORT: String(this.port),
				ORIGIN: this.base,
				...this.env
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		this.#server = server;
		server.stdout!.on('data', (d: Buffer) => (this.log += d.toString()));
		server.stderr!.on('data', (d: Buffer) => (this.log += d.toString()));
		const deadline = Date.now() + 30_000;
		while (Date.now() < deadline) {
			if (server.exitCode !== null) throw new Error(`server exited early:\n${this.log}`);
			try {
				if ((await fetch(`${this.base}/login`)).ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 200));
		}
		throw new Error(`server did not start:\n${this.log}`);
	}

	/** Stops the server: 'SIGKILL' is a crash (no cleanup at all), 'SIGTERM' a normal stop. */
	async stop(signal: 'SIGKILL' | 'SIGTERM' = 'SIGTERM'): Promise<void> {
		const server = this.#server;
		this.#server = null;
		if (!server || server.exitCode !== null || server.signalCode !== null) return;
		const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
		server.kill(signal);
		await exited;
	}

	/** Logs in through the API; returns the cookie header to send. */
	async login(username: string): Promise<string> {
		const res = await fetch(`${this.base}/api/v1/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username, password: this.passwords.get(username) })
		});
		if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
		return res.headers.get('set-cookie')!.split(';')[0]!;
	}

	/** A JSON call as a signed-in user (cookie) or anonymously. */
	async call(
		method: string,
		url: string,
		cookie: string | null,
		body?: unknown
	): Promise<{ status: number; body: Record<string, unknown> }> {
		const res = await fetch(this.base + url, {
			method,
			headers: {
				...(cookie ? { cookie } : {}),
				...(body !== undefined ? { 'content-type': 'application/json' } : {})
			},
			body: body !== undefined ? JSON.stringify(body) : undefined
		});
		const text = await res.text();
		return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
	}

	async dispose(): Promise<void> {
		await this.stop('SIGKILL');
		fs.rmSync(this.dataDir, { recursive: true, force: true });
	}
}
