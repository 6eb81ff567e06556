// What the CLI tests share: running `bin/sohoa.js` in its own process, and capturing what an
// in-process `main()` writes. Kept out of the test files so importing it runs no tests twice.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin', 'sohoa.js');

export interface Run {
	code: number | null;
	stdout: string;
	stderr: string;
}

/**
 * `node bin/sohoa.js …` in its own process, on a SQLite DATA_DIR (or the database `env` names:
 * DATABASE_URL and DATABASE_SCHEMA for a suite's PostgreSQL schema). `command` runs it through a
 * wrapper instead (e.g. a mount namespace).
 */
export function sohoa(
	dataDir: string,
	args: string[],
	input = '',
	env: Record<string, string> = {},
	command: string[] = []
): Promise<Run> {
	return new Promise((resolve, reject) => {
		const [file, ...prefix] = command.length ? command : [process.execPath];
		const child = spawn(
			file!,
			[...prefix, ...(command.length ? [process.execPath] : []), bin, ...args],
			{
				cwd: root,
				env: {
					...process.env,
					DATA_DIR: dataDir,
					DATABASE_URL: '',
					DATABASE_SCHEMA: '',
					SOHOA_DEMO: '0',
					...env
				},
				stdio: ['pipe', 'pipe', 'pipe']
			}
		);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
		child.stdin.end(input);
	});
}

/** A CliIo that keeps what a command writes. */
export function captureIo() {
	const out: string[] = [];
	const err: string[] = [];
	return {
		io: {
			stdout: { write: (s: string) => out.push(s) },
			stderr: { write: (s: string) => err.push(s) }
		},
		out: () => out.join(''),
		err: () => err.join('')
	};
}
