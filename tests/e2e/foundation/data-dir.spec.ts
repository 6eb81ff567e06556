import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';

/**
 * The built server started on a DATA_DIR it cannot use stops at once with one line in both
 * languages, before it opens a database or listens: no stack trace, nothing written.
 */
test('the server refuses to start on a DATA_DIR that is a file, and says so', () => {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-bad-datadir-'));
	try {
		const file = path.join(tmp, 'data');
		fs.writeFileSync(file, 'not a folder');
		const r = spawnSync(process.execPath, [path.join(process.cwd(), 'build', 'index.js')], {
			env: {
				...process.env,
				DATA_DIR: file,
				DATABASE_URL: '',
				HOST: '127.0.0.1',
				PORT: String(4900 + Math.floor(Math.random() * 90)),
				SOHOA_DEMO: '0'
			},
			encoding: 'utf8',
			timeout: 30_000
		});
		expect(r.status).toBe(1);
		expect(r.stderr).toContain(
			`sohoa: DATA_DIR (${file}) is a file, not a folder. Point DATA_DIR at a folder. / ` +
				`DATA_DIR (${file}) là một tệp, không phải thư mục.`
		);
		expect(r.stderr).not.toMatch(/\n\s+at /);
		expect(r.stdout).not.toContain('ready at');
		expect(fs.readFileSync(file, 'utf8')).toBe('not a folder');
		expect(fs.readdirSync(tmp)).toEqual(['data']);
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
});
