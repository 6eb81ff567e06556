import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db/schema';
import { restoreBackup, verifyBackup } from '../../src/lib/server/backup/restore';
import { createBackup } from '../../src/lib/server/backup/backup';
import { manifestSchema, MANIFEST_NAME, type Manifest } from '../../src/lib/server/backup/manifest';
import { ArchiveWriter, readArchive } from '../../src/lib/server/backup/archive';
import { verifyAudit } from '../../src/lib/server/audit/audit-log';
import { t } from '../../src/lib/i18n/index';
import { createServices, type Services } from '../../src/lib/server/container';
import { sohoa } from './cli-harness';
import { forEachDatabase, type DatabaseContext } from './databases';
import { addUser, createBook, createEntry, nameField, refusal, TAN_LAP } from './fixtures';

const TABLES: (keyof DB)[] = [
	'unit',
	'app_user',
	'user_unit',
	'session',
	'login_throttle',
	'blob',
	'book',
	'page',
	'entry',
	'entry_field',
	'audit_log',
	'audit_head',
	'job',
	'resident_extract',
	'resident',
	'ocr_result',
	'entry_reconciliation',
	'book_export',
	'entry_export',
	'entry_check',
	'stats_book',
	'stats_book_day',
	'stats_field_day',
	'stats_user_day',
	'stats_reason_day',
	'stats_watermark',
	'sample_audit',
	'sample_audit_item'
];

/** Every row of every table, each table's rows in a fixed order: two databases compare equal. */
async function contents(db: Kysely<DB>): Promise<Record<string, string[]>> {
	const out: Record<string, string[]> = {};
	for (const table of TABLES) {
		const rows = await db.selectFrom(table).selectAll().execute();
		out[table] = rows.map((r) => JSON.stringify(r)).sort();
	}
	const migrations = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
	out.kysely_migration = migrations.rows.map((r) => r.name).sort();
	return out;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The blob store as `relative path → SHA-256 of the content`. */
function blobFiles(dataDir: string): Record<string, string> {
	const root = path.join(dataDir, 'blobs');
	const out: Record<string, string> = {};
	if (!fs.existsSync(root)) return out;
	for (const f of fs.readdirSync(root, { recursive: true, encoding: 'utf8' })) {
		const p = path.join(root, f);
		if (fs.statSync(p).isFile())
			out[f] = createHash('sha256').update(fs.readFileSync(p)).digest('hex');
	}
	return out;
}

const scan = (i: number) => ({
	bytes: randomBytes(20_000 + i),
	mime: 'image/jpeg',
	width: 1000,
	height: 1400,
	sourceFile: `scan-${i}.jpg`,
	sourcePage: 1
});

/** Users, a book with scanned pages (blobs), entries with fields, edits: audit rows throughout. */
async function demoLikeData(s: Services) {
	const clerk = await addUser(s, 'clerk', TAN_LAP);
	await addUser(s, 'officer', TAN_LAP);
	await addUser(s, 'admin', TAN_LAP);
	const book = await createBook(s.database.db, TAN_LAP);
	for (let i = 0; i < 4; i++) await s.bookImport.addPage(book.id, scan(i), clerk.id);
	const key = nameField();
	const entries: string[] = [];
	for (let i = 0; i < 6; i++)
		entries.push(await createEntry(s.database.db, book, { fields: { [key]: `Trần Thị ${i}` } }));
	for (const id of entries.slice(0, 3)) {
		const v = await s.entries.get(clerk, id);
		await s.entries.update(clerk, id, { version: v.version, fields: { [key]: 'Lê Văn Tám' } });
	}
	return { clerk, book, entries };
}

/** A copy of a backup with its manifest changed (the other members as they were). */
async function withManifest(from: string, to: string, edit: (m: Manifest) => void) {
	const members: [string, Buffer][] = [];
	await readArchive(from, ({ name }) => {
		const chunks: Buffer[] = [];
		return {
			data: (c) => void chunks.push(Buffer.from(c)),
			end: () => void members.push([name, Buffer.concat(chunks)])
		};
	});
	const tar = await ArchiveWriter.create(to);
	for (const [name, bytes] of members) {
		if (name !== MANIFEST_NAME) await tar.add(name, bytes);
		else {
			const m = manifestSchema.parse(JSON.parse(bytes.toString('utf8')));
			edit(m);
			await tar.add(name, Buffer.from(JSON.stringify(m)));
		}
	}
	await tar.finish();
}

async function refusedCode(p: Promise<unknown>): Promise<string> {
	return (await refusal(p)).code;
}

forEachDatabase('sohoa backup / restore', (ctx: DatabaseContext) => {
	const cliEnv = (): Record<string, string> =>
		ctx.pgSchema ? { DATABASE_URL: ctx.env.databaseUrl!, DATABASE_SCHEMA: ctx.pgSchema } : {};
	const env = () => ({ ...ctx.env, ...(ctx.pgSchema ? { pgSchema: ctx.pgSchema } : {}) });
	const outDir = () => path.join(ctx.dataDir, '..', `${path.basename(ctx.dataDir)}-backups`);
	const state: { online?: string; quiet?: string; live?: Record<string, string[]> } = {};
	/** A restore runs with the server stopped: the suite's services are closed, then reopened. */
	async function whileStopped<T>(fn: () => Promise<T>): Promise<T> {
		await ctx.services.database.close();
		try {
			return await fn();
		} finally {
			ctx.services = await createServices({ env: env(), now: ctx.clock.now });
		}
	}

	it('backs up online while writes go on, and restores every row and blob', async () => {
		const s = ctx.services;
		const { clerk, book, entries } = await demoLikeData(s);
		fs.writeFileSync(path.join(ctx.dataDir, 'demo-logins.txt'), 'admin\tquantri\tsecret\n');
		fs.mkdirSync(outDir(), { recursive: true });

		// Writes continue (edits with their audit rows, new scans) for as long as the backup runs.
		let stop = false;
		let writes = 0;
		const key = nameField();
		const writer = (async () => {
			for (let i = 0; !stop; i++) {
				const id = entries[i % entries.length]!;
				const v = await s.entries.get(clerk, id);
				await s.entries.update(clerk, id, { version: v.version, fields: { [key]: `Tên ${i}` } });
				await s.bookImport.addPage(book.id, scan(100 + i), clerk.id);
				writes++;
				await new Promise((r) => setTimeout(r, 20));
			}
		})();
		const before = writes;
		const r = await sohoa(ctx.dataDir, ['backup', '--out', outDir(), '--json'], '', cliEnv());
		const during = writes - before;
		stop = true;
		await writer;
		expect(r.code, r.stderr).toBe(0);
		expect(during, 'writes went on during the backup').toBeGreaterThan(0);
		const out = JSON.parse(r.stdout) as { file: string; manifest: Manifest };
		expect(path.basename(out.file)).toMatch(/^sohoa-backup-\d{8}T\d{6}Z\.tar$/);
		expect(fs.readdirSync(outDir())).toEqual([path.basename(out.file)]);
		expect(out.manifest.database.kind).toBe(ctx.kind);
		expect(out.manifest.blobs.missing).toEqual([]);
		expect(out.manifest.counts.entries).toBe(6);
		state.online = out.file;

		// A quiet backup of the final state, then the live data is changed and its blobs wiped.
		state.live = await contents(s.database.db);
		const liveBlobs = blobFiles(ctx.dataDir);
		state.quiet = (await createBackup({ env: env(), out: path.join(outDir(), 'quiet.tar') })).file;
		await addUser(s, 'clerk', TAN_LAP);
		await s.database.db.deleteFrom('entry_field').where('entry_id', '=', entries[5]!).execute();
		fs.rmSync(path.join(ctx.dataDir, 'blobs'), { recursive: true });
		fs.rmSync(path.join(ctx.dataDir, 'demo-logins.txt'));

		const changed = await contents(s.database.db);

		if (ctx.kind === 'sqlite') {
			// With the server still running, even --force is refused before anything is written.
			const e = await refusal(restoreBackup({ env: env(), from: state.quiet, force: true }));
			expect(t('en', e.code, e.params)).toMatch(/is open in another process/);
			expect(blobFiles(ctx.dataDir)).toEqual({});
		}
		const restored = await whileStopped(async () => {
			// Without --force a database in use is refused, and nothing changes.
			const e = await refusal(restoreBackup({ env: env(), from: state.quiet! }));
			expect(e.code).toBe('restore.notEmpty');
			expect(e.params).toMatchObject({ users: 4, books: 1, entries: 6 });
			expect(t('vi', e.code, e.params)).toMatch(
				/^Cơ sở dữ liệu đích đang có dữ liệu \(4 người dùng/
			);
			expect(blobFiles(ctx.dataDir)).toEqual({});
			return sohoa(
				ctx.dataDir,
				['restore', '--from', state.quiet!, '--force', '--json'],
				'',
				cliEnv()
			);
		});
		expect(await contents(ctx.services.database.db)).not.toEqual(changed);
		expect(restored.code, restored.stderr).toBe(0);
		expect(restored.stderr).toMatch(/audit log intact: \d+ rows verified/);
		expect(JSON.parse(restored.stdout)).toMatchObject({ ok: true, audit: { ok: true } });
		expect(await contents(ctx.services.database.db)).toEqual(state.live);
		expect(blobFiles(ctx.dataDir)).toEqual(liveBlobs);
		expect(fs.readFileSync(path.join(ctx.dataDir, 'demo-logins.txt'), 'utf8')).toMatch(/quantri/);
	}, 120_000);

	it('the online backup is one consistent moment: a prefix of the audit log, every blob there', async () => {
		const r = await whileStopped(() =>
			restoreBackup({ env: env(), from: state.online!, force: true })
		);
		const s = ctx.services;
		expect(r.audit.ok).toBe(true);
		expect(r.auditHeadMatches).toBe(true);
		expect(r.countsMatch).toBe(true);
		const now = await contents(s.database.db);
		// The append-only audit log at the snapshot is the first rows of the log as it went on.
		const seqOf = (row: string) => (JSON.parse(row) as { seq: number }).seq;
		const bySeq = (rows: string[]) => [...rows].sort((a, b) => seqOf(a) - seqOf(b));
		const restoredAudit = bySeq(now.audit_log!);
		expect(restoredAudit.length).toBe(r.manifest.counts.auditRows);
		expect(restoredAudit).toEqual(bySeq(state.live!.audit_log!).slice(0, restoredAudit.length));
		// Each page's scan is in the store and unchanged; blobs the snapshot did not know are gone.
		const blobs = blobFiles(ctx.dataDir);
		const pages = await s.database.db.selectFrom('page').select('blob_hash').execute();
		for (const p of pages) {
			const rel = path.join(p.blob_hash.slice(0, 2), p.blob_hash.slice(2, 4), p.blob_hash);
			expect(blobs[rel], p.blob_hash).toBe(p.blob_hash);
		}
		expect((await verifyAudit(s.database.db)).ok).toBe(true);
	});

	it('refuses a damaged backup before writing anything, even with --force', async () => {
		const s = ctx.services;
		const before = await contents(s.database.db);
		const blobsBefore = blobFiles(ctx.dataDir);
		const dir = outDir();
		const good = state.quiet!;
		const bytes = fs.readFileSync(good);
		const attempt = (file: string) =>
			refusedCode(restoreBackup({ env: env(), from: file, force: true }));

		const truncated = path.join(dir, 'truncated.tar');
		fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
		expect(await attempt(truncated)).toBe('restore.truncated');

		// One byte changed inside the last blob (just before the manifest): its name no longer fits.
		const flipped = path.join(dir, 'flipped.tar');
		const copy = Buffer.from(bytes);
		const at = copy.lastIndexOf(Buffer.from('blobs/')) + 512 + 100;
		copy[at] = copy[at]! ^ 0xff;
		fs.writeFileSync(flipped, copy);
		expect(await attempt(flipped)).toBe('restore.corrupt');

		const recounted = path.join(dir, 'recounted.tar');
		await withManifest(good, recounted, (m) => (m.blobs.count += 1));
		expect(await attempt(recounted)).toBe('restore.corrupt');

		const future = path.join(dir, 'future.tar');
		await withManifest(good, future, (m) => m.migrations.push('9999-from-the-future'));
		const e = await refusal(restoreBackup({ env: env(), from: future, force: true }));
		expect(e.code).toBe('restore.migrationTooNew');
		expect(t('en', e.code, e.params)).toMatch(/made by a newer sohoa.*9999-from-the-future/);

		const notTar = path.join(dir, 'not-a-backup.tar');
		fs.writeFileSync(notTar, randomBytes(4096));
		expect(await attempt(notTar)).toBe('restore.notBackup');
		expect(await attempt(path.join(dir, 'no-such.tar'))).toBe('restore.notFound');

		expect(await contents(s.database.db)).toEqual(before);
		expect(blobFiles(ctx.dataDir)).toEqual(blobsBefore);
		// The untouched backup still verifies: the refusals were about the copies.
		await expect(verifyBackup(good)).resolves.toMatchObject({ format: 'sohoa-backup' });

		if (ctx.kind !== 'sqlite') return;
		const cli = await sohoa(ctx.dataDir, ['restore', '--from', flipped, '--force']);
		expect(cli.code).toBe(1);
		expect(cli.stderr).toMatch(/is corrupt: "blobs\/[0-9a-f/]+" does not match its checksum/);
		expect(cli.stderr).toMatch(/bị hỏng/);
	});

	it('never overwrites a file with a backup, and restores only into the database kind it came from', async () => {
		expect(await refusedCode(createBackup({ env: env(), out: state.quiet! }))).toBe(
			'backup.outExists'
		);
		const other = ctx.kind === 'sqlite' ? 'postgres' : 'sqlite';
		const mismatched = {
			...env(),
			databaseUrl: other === 'postgres' ? 'postgres://nobody@127.0.0.1:1/none' : null
		};
		const e = await refusal(restoreBackup({ env: mismatched, from: state.quiet! }));
		expect(e.code).toBe('restore.kindMismatch');
		expect(e.params).toEqual({ backup: ctx.kind, target: other });
	});

	it('a blob missing or corrupt in DATA_DIR is left out and listed, and the archive still verifies', async () => {
		const pages = await ctx.services.database.db.selectFrom('page').select('blob_hash').execute();
		const [gone, damaged] = [pages[0]!.blob_hash, pages[1]!.blob_hash];
		const file = (h: string) => path.join(ctx.dataDir, 'blobs', h.slice(0, 2), h.slice(2, 4), h);
		fs.rmSync(file(gone));
		fs.writeFileSync(file(damaged), 'not the scan any more');
		// Past 8 MiB a blob is hashed as a stream before it is copied: one good, one damaged.
		const large = randomBytes(9 << 20);
		const [good, bad] = [sha256(large), sha256(Buffer.from('other content'))];
		for (const h of [good, bad]) fs.mkdirSync(path.dirname(file(h)), { recursive: true });
		fs.writeFileSync(file(good), large);
		fs.writeFileSync(file(bad), large);
		const r = await createBackup({ env: env(), out: path.join(outDir(), 'damaged-store.tar') });
		expect(r.manifest.blobs.missing).toEqual([gone]);
		expect(r.manifest.blobs.corrupt).toEqual([damaged, bad].sort());
		expect(r.manifest.blobs.count).toBe(Object.keys(blobFiles(ctx.dataDir)).length - 2);
		// The corrupt blob was checked before it was packed: GNU tar sees every other blob, not it.
		const listed = execFileSync('tar', ['-tf', r.file], { encoding: 'utf8' }).trim().split('\n');
		expect(listed.filter((m) => m.startsWith('blobs/'))).toHaveLength(r.manifest.blobs.count);
		expect(listed.some((m) => m.endsWith(damaged) || m.endsWith(bad))).toBe(false);
		const goodMember = `blobs/${good.slice(0, 2)}/${good.slice(2, 4)}/${good}`;
		expect(listed).toContain(goodMember);
		expect(sha256(execFileSync('tar', ['-xOf', r.file, goodMember], { maxBuffer: 16 << 20 }))).toBe(
			good
		);
		expect(listed.at(-1)).toBe(MANIFEST_NAME);
		for (const h of [good, bad]) fs.rmSync(file(h));
		const m = await verifyBackup(r.file);
		expect(m.blobs.count).toBe(r.manifest.blobs.count);
	});
});
