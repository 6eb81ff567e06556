import { spawnSync } from 'node:child_process';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { unzipSync, strFromU8 } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import { test, expect } from '@playwright/test';
import { cli, OwnServer } from '../own-server';

/**
 * The server (`node build`, its job runner inside) killed with SIGKILL while it runs a resident
 * import uploaded on the admin page, then while it builds a book's export; restarted, it takes the
 * job up again once the dead process's lease has run out and finishes it: every person once, a
 * whole package, nothing half-done ever shown as done, the audit chain and the database sound.
 */
const LEASE = { SOHOA_JOB_LEASE_SECONDS: '3', BODY_SIZE_LIMIT: '100M' };

/** Reads the server's database from the outside (readonly), as often as a test polls. */
function query<T>(srv: OwnServer, sql: string, ...params: unknown[]): T[] {
	const db = new SQLite(path.join(srv.dataDir, 'sohoa.sqlite'), { readonly: true });
	try {
		return db.prepare(sql).all(...params) as T[];
	} finally {
		db.close();
	}
}

async function until(what: string, probe: () => boolean, timeoutMs = 45_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!probe()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 25));
	}
}

function expectSound(srv: OwnServer): void {
	const db = new SQLite(path.join(srv.dataDir, 'sohoa.sqlite'), { readonly: true });
	try {
		expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
	} finally {
		db.close();
	}
	const verify = cli(srv.dataDir, ['audit', 'verify']);
	expect(verify.code, verify.stderr).toBe(0);
}

const N = 30_000;
const extract = () =>
	'\uFEFFHọ, chữ đệm và tên;Ngày, tháng, năm sinh;Số định danh cá nhân\n' +
	Array.from(
		{ length: N },
		(_, i) => `Trần Thị Bình ${i};02/03/1991;066191${String(i).padStart(6, '0')}`
	).join('\n') +
	'\n';

test('a server killed during an uploaded resident import finishes it after restart, each person once', async () => {
	test.setTimeout(120_000);
	const srv = new OwnServer({ port: 4460, env: LEASE });
	try {
		srv.addUser('quantri.crash', 'admin', '66');
		await srv.start();
		const admin = await srv.login('quantri.crash');
		const form = new FormData();
		form.set('unit', '24121');
		form.set('file', new Blob([extract()]), 'trich-xuat.csv');
		const res = await fetch(`${srv.base}/admin/residents?/import`, {
			method: 'POST',
			headers: { cookie: admin, origin: srv.base },
			body: form
		});
		expect(res.status).toBeLessThan(400);
		const residents = () =>
			query<{ n: number }>(srv, `SELECT count(*) AS n FROM resident WHERE unit_code = '24121'`)[0]!
				.n;
		await until('the import to be writing people', () => residents() > 0);
		await srv.stop('SIGKILL');

		expect(residents()).toBeLessThan(N);
		// Unfinished: its extract has no rows yet, so the admin page does not list it as imported.
		expect(query(srv, `SELECT state, attempts FROM job`)).toEqual([
			{ state: 'running', attempts: 1 }
		]);
		expect(query(srv, `SELECT rows FROM resident_extract`)).toEqual([{ rows: 0 }]);
		expectSound(srv);

		await srv.start();
		await until(
			'the import to finish',
			() =>
				query(srv, `SELECT state FROM job`).length === 1 &&
				query<{ state: string }>(srv, `SELECT state FROM job`)[0]!.state === 'done'
		);
		expect(query(srv, `SELECT attempts, error FROM job`)).toEqual([{ attempts: 2, error: null }]);
		expect(residents()).toBe(N);
		expect(query(srv, `SELECT rows FROM resident_extract`)).toEqual([{ rows: N }]);
		const page = await fetch(`${srv.base}/admin/residents`, { headers: { cookie: admin } });
		expect(await page.text()).toContain('trich-xuat.csv');
		await srv.stop('SIGTERM');
		expectSound(srv);
	} finally {
		await srv.dispose();
	}
});

test('a server killed while building an export publishes nothing; after restart the package is whole', async () => {
	test.setTimeout(150_000);
	const srv = new OwnServer({ port: 4461, env: LEASE });
	try {
		// The book is made before the server starts, by the real services in a process of their own.
		const seeded = spawnSync(
			process.execPath,
			['--import', 'tsx', path.join('tests', 'e2e', 'faults', 'seed-export-book.ts')],
			{ env: { ...process.env, DATA_DIR: srv.dataDir, DATABASE_URL: '' }, encoding: 'utf8' }
		);
		expect(seeded.status, seeded.stderr).toBe(0);
		const book = JSON.parse(seeded.stdout) as {
			bookId: string;
			entries: string[];
			officer: { username: string; password: string };
		};
		srv.passwords.set(book.officer.username, book.officer.password);
		await srv.start();
		const officer = await srv.login(book.officer.username);
		const res = await fetch(`${srv.base}/books/${book.bookId}/export?/start`, {
			method: 'POST',
			headers: { cookie: officer, origin: srv.base },
			body: new FormData()
		});
		expect(res.status).toBeLessThan(400);
		const job = () =>
			query<{ state: string; attempts: number; progress_done: number; error: string | null }>(
				srv,
				`SELECT state, attempts, progress_done, error FROM job WHERE kind = 'book.export'`
			)[0];
		await until('the export to be half-way', () => {
			const j = job();
			return j?.state === 'running' && j.progress_done >= 1;
		});
		await srv.stop('SIGKILL');

		// Not done, nothing to download, no entry marked exported.
		expect(query(srv, `SELECT state, zip_hash FROM book_export`)).toEqual([
			{ state: 'running', zip_hash: null }
		]);
		expect(query(srv, `SELECT entry_id FROM entry_export`)).toEqual([]);
		expect(query(srv, `SELECT DISTINCT state FROM entry WHERE book_id = ?`, book.bookId)).toEqual([
			{ state: 'approved' }
		]);
		expectSound(srv);

		await srv.start();
		const again = await srv.login(book.officer.username);
		await until('the export to finish', () => job()?.state === 'done', 90_000);
		expect(job()).toMatchObject({ attempts: 2, error: null });
		const marked = query<{ file_name: string }>(srv, `SELECT file_name FROM entry_export`);
		expect(marked).toHaveLength(book.entries.length);
		const download = async (kind: 'zip' | 'xlsx') => {
			const r = await fetch(`${srv.base}/books/${book.bookId}/export/${kind}`, {
				headers: { cookie: again }
			});
			expect(r.status).toBe(200);
			return new Uint8Array(await r.arrayBuffer());
		};
		const files = unzipSync(await download('zip'));
		expect(Object.keys(files).sort()).toEqual(marked.map((m) => m.file_name).sort());
		for (const [name, bytes] of Object.entries(files))
			expect((await PDFDocument.load(bytes)).getPageCount(), name).toBe(1);
		const sheet = Object.entries(unzipSync(await download('xlsx')))
			.filter(([name]) => name.startsWith('xl/') && name.endsWith('.xml'))
			.map(([, bytes]) => strFromU8(bytes))
			.join('\n');
		for (const m of marked) expect(sheet).toContain(m.file_name);
		await srv.stop('SIGTERM');
		expectSound(srv);
	} finally {
		await srv.dispose();
	}
});
