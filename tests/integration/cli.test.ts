import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src/lib/server/container';
import { sohoa } from './cli-harness';
import { testEnv } from './databases';

const lines = (s: string) => s.split('\n').filter((l) => l.trim() !== '');

describe('sohoa CLI', () => {
	let dataDir: string;
	beforeAll(() => {
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-cli-'));
	});
	afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

	async function canLogIn(username: string, password: string) {
		const s = await createServices({ env: testEnv(dataDir, null) });
		try {
			return (await s.sessions.login(username, password)).user;
		} finally {
			await s.database.close();
		}
	}

	it('migrate creates the database, then finds it up to date', async () => {
		const first = await sohoa(dataDir, ['migrate']);
		expect(first.code, first.stderr).toBe(0);
		expect(fs.existsSync(path.join(dataDir, 'sohoa.sqlite'))).toBe(true);
		expect(first.stderr).toMatch(/migrated/);
		expect(first.stderr).toMatch(/3\D?355 units/);
		const again = await sohoa(dataDir, ['migrate']);
		expect(again.code, again.stderr).toBe(0);
		expect(again.stderr).toMatch(/already up to date/);
		expect(again.stdout).toBe('');
	});

	it('units list --json prints [{code,name,level,parent}] on stdout only', async () => {
		const r = await sohoa(dataDir, ['units', 'list', '--json']);
		expect(r.code, r.stderr).toBe(0);
		const units = JSON.parse(r.stdout) as Record<string, unknown>[];
		expect(units).toHaveLength(3355);
		for (const u of units)
			expect(Object.keys(u).sort()).toEqual(['code', 'level', 'name', 'parent']);
		expect(units).toContainEqual({
			code: '66',
			name: 'Tỉnh Đắk Lắk',
			level: 'province',
			parent: null
		});
		expect(units).toContainEqual({
			code: '24121',
			name: 'Phường Tân Lập',
			level: 'commune',
			parent: '66'
		});
	});

	it('user add prints a generated password once, and it works', async () => {
		const r = await sohoa(dataDir, [
			'user',
			'add',
			'--username',
			'canbo.cli',
			'--role',
			'clerk',
			'--unit',
			'24121'
		]);
		expect(r.code, r.stderr).toBe(0);
		const out = lines(r.stdout);
		expect(out).toHaveLength(1);
		const [username, password] = out[0]!.split('\t');
		expect(username).toBe('canbo.cli');
		expect(password).toMatch(/^\S{12,}$/);
		expect(r.stderr).not.toContain(password!);
		expect(await canLogIn('canbo.cli', password!)).toMatchObject({
			role: 'clerk',
			units: ['24121']
		});
	});

	it('user add --password-stdin takes the password from standard input and prints none', async () => {
		const secret = 'một-mật-khẩu-đủ-dài';
		const r = await sohoa(
			dataDir,
			[
				'user',
				'add',
				'--username',
				'congchuc.cli',
				'--role',
				'officer',
				'--unit',
				'24133',
				'--password-stdin'
			],
			secret + '\n'
		);
		expect(r.code, r.stderr).toBe(0);
		expect(r.stdout).toBe('');
		expect(r.stderr).not.toContain(secret);
		expect(await canLogIn('congchuc.cli', secret)).toMatchObject({ role: 'officer' });
	});

	const refusals: { name: string; args: string[]; code: number; mentions: RegExp }[] = [
		{
			name: 'an unknown unit code',
			args: ['user', 'add', '--username', 'x.unit', '--role', 'clerk', '--unit', '99999'],
			code: 1,
			mentions: /99999/
		},
		{
			name: 'a bad role',
			args: ['user', 'add', '--username', 'x.role', '--role', 'superuser', '--unit', '24121'],
			code: 1,
			mentions: /superuser/
		},
		{
			name: 'a duplicate username',
			args: ['user', 'add', '--username', 'canbo.cli', '--role', 'clerk', '--unit', '24121'],
			code: 1,
			mentions: /canbo\.cli/
		},
		{
			name: 'missing --unit (usage error)',
			args: ['user', 'add', '--username', 'x.args', '--role', 'clerk'],
			code: 2,
			mentions: /usage/i
		},
		{ name: 'no subcommand (usage error)', args: ['user'], code: 2, mentions: /usage/i },
		{
			name: 'an unknown option (usage error)',
			args: ['units', 'list', '--bogus'],
			code: 2,
			mentions: /bogus/
		},
		{ name: 'no command at all', args: [], code: 2, mentions: /usage/i }
	];

	for (const r of refusals) {
		it(`refuses ${r.name}: exit ${r.code}, one line on stderr`, async () => {
			const res = await sohoa(dataDir, r.args);
			expect(res.code).toBe(r.code);
			const text = r.args.length ? res.stderr : res.stdout + res.stderr;
			expect(text).toMatch(r.mentions);
			if (r.args.length) {
				expect(lines(res.stderr), res.stderr).toHaveLength(1);
				expect(res.stdout).toBe('');
			}
		});
	}

	it('wrote nothing for the refused users', async () => {
		const db = new SQLite(path.join(dataDir, 'sohoa.sqlite'), { readonly: true });
		try {
			const names = db.prepare('SELECT username FROM app_user ORDER BY username').all();
			expect(names).toEqual([{ username: 'canbo.cli' }, { username: 'congchuc.cli' }]);
		} finally {
			db.close();
		}
	});

	it('audit verify passes, then fails (exit 1) once a row is altered in the file', async () => {
		const ok = await sohoa(dataDir, ['audit', 'verify']);
		expect(ok.code, ok.stderr).toBe(0);
		// Two user.add rows and the two logins above.
		expect(ok.stderr).toMatch(/intact: 4 rows/);

		const db = new SQLite(path.join(dataDir, 'sohoa.sqlite'));
		try {
			db.prepare(`UPDATE audit_log SET data = '{"role":"admin"}' WHERE seq = 1`).run();
		} finally {
			db.close();
		}
		const broken = await sohoa(dataDir, ['audit', 'verify', '--json']);
		expect(broken.code).toBe(1);
		expect(JSON.parse(broken.stdout)).toMatchObject({
			ok: false,
			breaks: [{ kind: 'altered', seq: 1 }]
		});
		expect(broken.stderr).toMatch(/altered/);
	});
});
