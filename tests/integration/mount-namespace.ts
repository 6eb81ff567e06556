// A small disk of the test's own without root: a tmpfs mounted in a private user + mount
// namespace (`unshare -Urm`), seen only by the command run inside it. Real ENOSPC and EROFS from
// the kernel, not an injected failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SCRIPT = `mount -t tmpfs -o "$2" tmpfs "$1" || exit 97
d="$1"; shift 2
"$@"; rc=$?
echo "files left on the small disk: $(find "$d" -type f | wc -l)" >&2
exit $rc`;

/** The command prefix that runs a program with a tmpfs (mount `options`, e.g. size=128k) on `dir`. */
export function inMountNamespace(dir: string, options: string): string[] {
	return ['unshare', '-Urm', 'sh', '-c', SCRIPT, 'sh', dir, options];
}

/** Whether this machine lets an unprivileged process mount a tmpfs in its own namespace. */
export function namespacesWork(): { ok: boolean; reason?: string } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-ns-'));
	try {
		const r = spawnSync('unshare', [...inMountNamespace(dir, 'size=64k').slice(1), 'true'], {
			encoding: 'utf8'
		});
		if (r.error) return { ok: false, reason: r.error.message };
		return r.status === 0 ? { ok: true } : { ok: false, reason: r.stderr.trim() };
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}
