import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The built server and `sohoa worker` processes of a run, with their output kept in log files. */

const root = process.cwd();

function started(args: string[], env: NodeJS.ProcessEnv, log: string, nice = 0): ChildProcess {
	const out = fs.openSync(log, 'a');
	const [command, argv] = nice
		? ['nice', ['-n', String(nice), process.execPath, ...args]]
		: [process.execPath, args];
	return spawn(command, argv, { cwd: root, env, stdio: ['ignore', out, out] });
}

/** `cpuProfDir`: write a V8 CPU profile of the server there when it stops (`--cpu-prof`). */
export async function startServer(
	env: NodeJS.ProcessEnv,
	base: string,
	log: string,
	cpuProfDir?: string
) {
	const profile = cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir] : [];
	const server = started([...profile, path.join(root, 'build', 'index.js')], env, log);
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (server.exitCode !== null) {
			throw new Error(`server exited early:\n${fs.readFileSync(log, 'utf8')}`);
		}
		try {
			if ((await fetch(`${base}/login`)).ok) return server;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	server.kill('SIGKILL');
	throw new Error(`server did not start:\n${fs.readFileSync(log, 'utf8')}`);
}

/**
 * A `sohoa worker` at the given niceness: OCR is batch work, and on a machine it shares with an app
 * node it should yield the CPU to clerks' requests (docs/DEPLOYMENT.md). `nice` execs node, so the
 * pid is the worker's own and every thread it starts inherits the priority.
 */
export function startWorker(env: NodeJS.ProcessEnv, log: string, nice: number): ChildProcess {
	return started([path.join(root, 'bin', 'sohoa.js'), 'worker'], env, log, nice);
}

/** SIGTERM (a worker finishes its current page first), SIGKILL after `graceMs`. */
export async function stop(child: ChildProcess, graceMs = 30_000): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((r) => child.once('exit', () => r()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
}
