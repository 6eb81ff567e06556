#!/usr/bin/env node
// `npm start`: build when the sources changed since the last build, then run the server, which
// migrates, seeds the demo on an empty database and prints the URL and demo logins.
import { spawnSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = path.join(root, 'build', '.source-stamp');

/** A fingerprint of everything the build reads: file paths, sizes and modification times. */
function sourceStamp() {
	const hash = createHash('sha256');
	const walk = (dir) => {
		for (const e of fs
			.readdirSync(dir, { withFileTypes: true })
			.sort((a, b) => a.name.localeCompare(b.name))) {
			const p = path.join(dir, e.name);
			if (e.isDirectory()) walk(p);
			else if (!e.name.endsWith('.test.ts')) {
				const s = fs.statSync(p);
				hash.update(`${path.relative(root, p)}:${s.size}:${s.mtimeMs}\n`);
			}
		}
	};
	walk(path.join(root, 'src'));
	walk(path.join(root, 'static'));
	for (const f of ['package-lock.json', 'svelte.config.js', 'vite.config.ts']) {
		const s = fs.statSync(path.join(root, f));
		hash.update(`${f}:${s.size}:${s.mtimeMs}\n`);
	}
	return hash.digest('hex');
}

const stamp = sourceStamp();
const built = fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp;
if (!built) {
	console.log('sohoa: building the workbench (first start or sources changed)…');
	const r = spawnSync(
		process.execPath,
		[path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'],
		{
			cwd: root,
			stdio: ['ignore', 'inherit', 'inherit']
		}
	);
	if (r.status !== 0) {
		console.error('sohoa: the build failed (see above)');
		process.exit(r.status ?? 1);
	}
	fs.writeFileSync(stampFile, stamp);
}

const env = {
	...process.env,
	HOST: process.env.HOST || '127.0.0.1',
	PORT: process.env.PORT || '3000',
	// The upload limit (resident extracts on the admin page); larger files go through the CLI.
	BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT || '100M'
};
const server = spawn(process.execPath, [path.join(root, 'build', 'index.js')], {
	cwd: root,
	env,
	stdio: 'inherit'
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
