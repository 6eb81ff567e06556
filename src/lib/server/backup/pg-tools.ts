import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';

export type PgTool = 'pg_dump' | 'pg_restore' | 'psql';

/**
 * Finds a PostgreSQL client program: on PATH first, then Debian's versioned folders
 * (/usr/lib/postgresql/<n>/bin, newest first: a newer pg_dump reads older servers).
 */
export function findPgTool(tool: PgTool, envPath = process.env.PATH ?? ''): string {
	const dirs = envPath.split(path.delimiter).filter(Boolean);
	const debian = '/usr/lib/postgresql';
	if (fs.existsSync(debian)) {
		const versions = fs
			.readdirSync(debian)
			.filter((v) => /^\d+$/.test(v))
			.sort((a, b) => Number(b) - Number(a));
		dirs.push(...versions.map((v) => path.join(debian, v, 'bin')));
	}
	for (const dir of dirs) {
		const file = path.join(dir, tool);
		try {
			fs.accessSync(file, fs.constants.X_OK);
			return file;
		} catch {
			// not here
		}
	}
	throw new AppError(422, 'backup.pgToolMissing', { tool });
}

/**
 * libpq's view of DATABASE_URL: the password moves to PGPASSWORD so it never shows in the process
 * list, and node-postgres-only query parameters are dropped (libpq refuses unknown ones).
 */
export function libpqConnection(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
	const u = new URL(databaseUrl);
	const env: NodeJS.ProcessEnv = {};
	if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
	u.password = '';
	for (const key of [...u.searchParams.keys()])
		if (!LIBPQ_PARAMS.has(key)) u.searchParams.delete(key);
	return { url: u.toString(), env };
}

const LIBPQ_PARAMS = new Set([
	'sslmode',
	'sslcert',
	'sslkey',
	'sslrootcert',
	'sslcrl',
	'application_name',
	'connect_timeout',
	'options',
	'target_session_attrs',
	'host',
	'port',
	'dbname',
	'user'
]);

export interface StartedTool {
	/** The program's output, when asked for (`stdout: true`); otherwise ignored. */
	stdout: NodeJS.ReadableStream | null;
	/** Settles when the program has exited: rejects with `backup.pgToolFailed` on a non-zero exit. */
	done: Promise<void>;
}

/**
 * Starts a client program. `stdin`, when given, feeds the program's input (it is closed after);
 * a non-zero exit rejects `done` with the program's last lines of stderr.
 */
export function startPgTool(
	tool: PgTool,
	args: string[],
	opts: {
		env?: NodeJS.ProcessEnv;
		stdin?: (input: NodeJS.WritableStream) => Promise<void>;
		stdout?: boolean;
	} = {}
): StartedTool {
	const child = spawn(findPgTool(tool), args, {
		env: { ...process.env, ...opts.env },
		stdio: [opts.stdin ? 'pipe' : 'ignore', opts.stdout ? 'pipe' : 'ignore', 'pipe']
	});
	let stderr = '';
	child.stderr!.on('data', (d: Buffer) => {
		stderr = (stderr + d.toString()).slice(-4000);
	});
	let feedError: unknown = null;
	if (opts.stdin) {
		// A program that stops reading (it failed) closes the pipe: its exit status says why.
		child.stdin!.on('error', () => {});
		opts
			.stdin(child.stdin!)
			.then(() => child.stdin!.end())
			.catch((e: unknown) => {
				feedError = e;
				child.kill();
			});
	}
	const done = new Promise<void>((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (code) => {
			if (code === 0 && !feedError) return resolve();
			// Killed because its input failed: that failure is the reason, not the kill. A program
			// that failed by itself (and so stopped reading) is the reason otherwise.
			if (feedError && (code === 0 || code === null)) return reject(feedError);
			const detail = stderr.trim().split('\n').slice(-3).join(' ').slice(0, 600);
			reject(new AppError(422, 'backup.pgToolFailed', { tool, detail: detail || `exit ${code}` }));
		});
	});
	return { stdout: child.stdout, done };
}

export const runPgTool = (
	tool: PgTool,
	args: string[],
	opts: { env?: NodeJS.ProcessEnv } = {}
): Promise<void> => startPgTool(tool, args, opts).done;
