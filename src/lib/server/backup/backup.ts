import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { DB } from '../db/schema';
import { connectFor, sqlitePath } from '../db/connect';
import type { Env } from '../env';
import { AppError } from '../errors';
import {
	BlobNotFoundError,
	blobFiles,
	blobPath,
	blobsDir,
	sha256Hex,
	type BlobStore
} from '../storage/blob-store';
import { openBlobStore } from '../storage/open-blob-store';
import { readFacts, referencedBlobs, type DatabaseFacts } from './facts';
import {
	BACKUP_FORMAT,
	BACKUP_VERSION,
	DATA_FILES,
	DATABASE_PART,
	MANIFEST_NAME,
	type Manifest
} from './manifest';
import { libpqConnection, runPgTool } from './pg-tools';
import { ArchiveWriter, hashFile } from './archive';

export interface BackupOptions {
	env: Env;
	/** The archive to write; it must not exist yet (its folder is created). */
	out: string;
	now?: () => Date;
}

export interface BackupResult {
	file: string;
	bytes: number;
	ms: number;
	manifest: Manifest;
}

interface Snapshot {
	facts: DatabaseFacts;
	referenced: Set<string>;
	pgSchema: string | null;
}

/**
 * Writes a consistent backup while the server and workers keep writing: first a snapshot of the
 * database (the SQLite online backup API, or pg_dump in an exported snapshot), then the blobs.
 *
 * Copying blobs after the snapshot is consistent because blobs are immutable and content-addressed,
 * and every writer stores a blob (written, flushed, renamed into place) before it commits a row
 * naming it (BookImportService.addPage, ExportService.storeBlob, ResidentImportService.queue): every
 * blob the snapshot refers to was already on disk when the snapshot was taken. Blobs stored after it
 * are copied too, as harmless extras. The archive is written under a temporary name and renamed
 * into place when complete, so `out` never names half a backup.
 */
export async function createBackup(opts: BackupOptions): Promise<BackupResult> {
	const started = Date.now();
	const now = opts.now ?? (() => new Date());
	const { env } = opts;
	const file = path.resolve(opts.out);
	const dir = path.dirname(file);
	if (await exists(file)) throw new AppError(409, 'backup.outExists', { file });
	const kind = env.databaseUrl ? 'postgres' : 'sqlite';
	if (kind === 'sqlite' && !(await exists(sqlitePath(env))))
		throw new AppError(422, 'backup.noDatabase', { file: sqlitePath(env) });

	const tag = randomBytes(6).toString('hex');
	const tmpArchive = `${file}.${tag}.tmp`;
	const tmpDatabase = `${file}.${tag}.db.tmp`;
	let tar: ArchiveWriter | null = null;
	try {
		await fs.mkdir(dir, { recursive: true });
		const snapshot =
			kind === 'sqlite'
				? await snapshotSqlite(sqlitePath(env), tmpDatabase)
				: await snapshotPostgres(env, tmpDatabase);
		tar = await ArchiveWriter.create(tmpArchive);
		const databasePart = await addFile(tar, DATABASE_PART[kind], tmpDatabase);
		await fs.rm(tmpDatabase, { force: true });
		const files = [];
		for (const name of DATA_FILES) {
			const source = path.join(env.dataDir, name);
			if (await exists(source)) files.push(await addFile(tar, `files/${name}`, source));
		}
		const blobs =
			env.storage.kind === 's3'
				? await addStoredBlobs(tar, openBlobStore(env), snapshot.referenced)
				: await addBlobs(tar, blobsDir(env), snapshot.referenced);
		const manifest: Manifest = {
			format: BACKUP_FORMAT,
			version: BACKUP_VERSION,
			createdAt: now().toISOString(),
			database: { kind, pgSchema: snapshot.pgSchema, part: databasePart },
			migrations: snapshot.facts.migrations,
			counts: snapshot.facts.counts,
			auditHead: snapshot.facts.auditHead,
			blobs,
			files
		};
		await tar.add(MANIFEST_NAME, Buffer.from(JSON.stringify(manifest, null, '\t') + '\n'));
		await tar.finish();
		tar = null;
		await fs.rename(tmpArchive, file);
		await syncDir(dir);
		return { file, bytes: (await fs.stat(file)).size, ms: Date.now() - started, manifest };
	} catch (e) {
		await tar?.abort();
		await fs.rm(tmpArchive, { force: true }).catch(() => {});
		await fs.rm(tmpDatabase, { force: true }).catch(() => {});
		throw backupWriteError(e, dir) ?? e;
	}
}

/** A full disk or an unwritable destination, in words; null for any other failure. */
function backupWriteError(e: unknown, dir: string): AppError | null {
	const code = String((e as { code?: unknown } | null)?.code ?? '');
	if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL')
		return new AppError(507, 'backup.noSpace', { dir });
	if (
		e instanceof AppError &&
		e.code === 'backup.pgToolFailed' &&
		/No space left on device/i.test(String(e.params.detail))
	)
		return new AppError(507, 'backup.noSpace', { dir });
	if (['EROFS', 'EACCES', 'EPERM', 'SQLITE_READONLY', 'SQLITE_CANTOPEN'].includes(code))
		return new AppError(507, 'backup.notWritable', { dir, reason: code });
	return null;
}

/**
 * The SQLite online backup API, in one step after the first: a step that finds the database changed
 * by another connection starts over, so copying everything in one step (one read transaction; WAL
 * readers never block writers) always ends, however busy the server is. The copy is switched out
 * of WAL mode (a single self-contained file) and checked before anything is read from it.
 */
async function snapshotSqlite(source: string, dest: string): Promise<Snapshot> {
	const live = new SQLite(source, { readonly: true, fileMustExist: true, timeout: 5000 });
	try {
		await live.backup(dest, { progress: () => 0x7fffffff });
	} finally {
		live.close();
	}
	const copy = new SQLite(dest);
	const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: copy }) });
	try {
		copy.pragma('journal_mode = DELETE');
		const check = copy.pragma('quick_check', { simple: true });
		if (check !== 'ok') throw new AppError(422, 'backup.sourceDamaged', { detail: String(check) });
		return { facts: await readFacts(db), referenced: await referencedBlobs(db), pgSchema: null };
	} finally {
		await db.destroy();
	}
}

/**
 * pg_dump in a snapshot this connection exports: the dump, the counts and the blob list all see
 * the same committed state (REPEATABLE READ), whatever commits while pg_dump runs.
 */
async function snapshotPostgres(env: Env, dest: string): Promise<Snapshot> {
	const database = connectFor(env);
	try {
		return await database.db
			.transaction()
			.setIsolationLevel('repeatable read')
			.execute(async (trx) => {
				const { rows } = await sql<{
					snapshot: string;
					schema: string | null;
				}>`select pg_export_snapshot() as snapshot, current_schema() as schema`.execute(trx);
				const { snapshot, schema } = rows[0]!;
				if (!schema) throw new AppError(422, 'backup.noDatabase', { file: 'PostgreSQL' });
				const pg = libpqConnection(env.databaseUrl!);
				const dump = runPgTool(
					'pg_dump',
					[
						'--format=custom',
						`--schema=${schema}`,
						`--snapshot=${snapshot}`,
						'--file',
						dest,
						'--dbname',
						pg.url
					],
					{ env: pg.env }
				);
				// pg_dump must have taken the snapshot before this transaction ends: wait for it too.
				const [facts, referenced] = await Promise.all([readFacts(trx), referencedBlobs(trx), dump]);
				return { facts, referenced, pgSchema: schema };
			});
	} finally {
		await database.close();
	}
}

type Part = Manifest['files'][number];

async function addFile(tar: ArchiveWriter, name: string, source: string): Promise<Part> {
	const { size } = await fs.stat(source);
	const hash = createHash('sha256');
	await tar.addFile(name, source, size, (c) => hash.update(c));
	return { name, bytes: size, sha256: hash.digest('hex') };
}

/** Blobs up to this size (page scans: a few MB) are read once into memory, checked and added. */
const HELD_BLOB_BYTES = 8 << 20;

/**
 * Every blob under DATA_DIR/blobs in name order (temporary files of writes in progress are not
 * blobs yet). A blob whose content no longer matches its name is left out and listed as corrupt;
 * referenced blobs that are absent are listed as missing. A member cannot be taken back out of
 * the pack, so a blob is checked before it is added: a small one read once into memory, a larger
 * one hashed as a stream first, then copied and hashed again.
 */
async function addBlobs(
	tar: ArchiveWriter,
	root: string,
	referenced: Set<string>
): Promise<Manifest['blobs']> {
	const list = createHash('sha256');
	const corrupt: string[] = [];
	let count = 0;
	let bytes = 0;
	for await (const { hash: name, file } of blobFiles(root)) {
		const size = await addBlob(tar, name, file);
		if (size === null) {
			corrupt.push(name);
			continue;
		}
		list.update(name + '\n');
		count++;
		bytes += size;
		referenced.delete(name);
	}
	const missing = [...referenced].filter((h) => !corrupt.includes(h)).sort();
	return { count, bytes, listSha256: list.digest('hex'), missing, corrupt };
}

/** Adds a blob whose content matches its name and returns its size; null (not added) if not. */
async function addBlob(tar: ArchiveWriter, name: string, file: string): Promise<number | null> {
	const member = `blobs/${blobPath(name)}`;
	if ((await fs.stat(file)).size <= HELD_BLOB_BYTES) {
		const content = await fs.readFile(file);
		if (sha256Hex(content) !== name) return null;
		await tar.add(member, content);
		return content.byteLength;
	}
	const checked = await hashFile(file);
	if (checked.sha256 !== name) return null;
	const hash = createHash('sha256');
	await tar.addFile(member, file, checked.bytes, (c) => hash.update(c));
	// Changed between the two reads: what went into the archive is not what was checked.
	if (hash.digest('hex') !== name)
		throw new AppError(409, 'backup.sourceChanged', { part: member });
	return checked.bytes;
}

/**
 * An object store cannot be listed through BlobStore: the blobs the snapshot refers to are fetched
 * one by one (each small enough to hold, as the interface promises), in name order.
 */
async function addStoredBlobs(
	tar: ArchiveWriter,
	store: BlobStore,
	referenced: Set<string>
): Promise<Manifest['blobs']> {
	const list = createHash('sha256');
	const missing: string[] = [];
	const corrupt: string[] = [];
	let bytes = 0;
	let count = 0;
	for (const hash of [...referenced].sort()) {
		const content = await store.get(hash).catch((e: unknown) => {
			if (e instanceof BlobNotFoundError) return null;
			throw e;
		});
		if (!content) missing.push(hash);
		else if (sha256Hex(content) !== hash) corrupt.push(hash);
		else {
			await tar.add(`blobs/${blobPath(hash)}`, content);
			list.update(hash + '\n');
			count++;
			bytes += content.byteLength;
		}
	}
	return { count, bytes, listSha256: list.digest('hex'), missing, corrupt };
}

async function exists(file: string): Promise<boolean> {
	try {
		await fs.access(file);
		return true;
	} catch {
		return false;
	}
}

/** Makes a rename durable (best effort: not every file system lets a folder be flushed). */
export async function syncDir(dir: string): Promise<void> {
	const fh = await fs.open(dir, 'r').catch(() => null);
	if (!fh) return;
	await fh.sync().catch(() => {});
	await fh.close();
}
