import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { DB } from '../db/schema';
import { connectFor, migrateToLatest, sqlitePath } from '../db/connect';
import { migrations } from '../db/migrations/index';
import type { Env } from '../env';
import { AppError } from '../errors';
import { verifyAudit, type AuditVerification } from '../audit/audit-log';
import { blobFiles, blobsDir, sha256Hex, type BlobStore } from '../storage/blob-store';
import { openBlobStore } from '../storage/open-blob-store';
import { ensureDataDir, storageError } from '../storage/data-dir';
import { readFacts, rowsInUse } from './facts';
import {
	BACKUP_FORMAT,
	BACKUP_VERSION,
	DATA_FILES,
	DATABASE_PART,
	MANIFEST_NAME,
	manifestSchema,
	type Counts,
	type Manifest
} from './manifest';
import { findPgTool, libpqConnection, startPgTool } from './pg-tools';
import { ArchiveFormatError, readArchive, type MemberSink } from './archive';
import { syncDir } from './backup';

const MAX_MANIFEST_BYTES = 64 << 20;
const BLOB_MEMBER = /^blobs\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

const corrupt = (file: string, part: string) =>
	new AppError(422, 'restore.corrupt', { file, part });

/**
 * Reads the whole archive once without writing anything: every member's SHA-256 against the
 * manifest (a blob's against its own name), the blob list as a whole, the format version, and the
 * migrations against those this code knows. Returns the manifest of a backup that can be restored.
 */
export async function verifyBackup(file: string): Promise<Manifest> {
	// Opened here only to tell a missing or unreadable file from a damaged one.
	const fh = await fs.open(file, 'r').catch((e: NodeJS.ErrnoException) => {
		throw e.code === 'ENOENT'
			? new AppError(404, 'restore.notFound', { file })
			: new AppError(422, 'restore.notBackup', { file });
	});
	const isFile = (await fh.stat().finally(() => fh.close())).isFile();
	if (!isFile) throw new AppError(422, 'restore.notBackup', { file });
	const parts = new Map<string, { bytes: number; sha256: string }>();
	const blobList = createHash('sha256');
	let blobs = 0;
	let blobBytes = 0;
	let lastBlob = '';
	let manifestText: string | null = null;
	try {
		await readArchive(file, ({ name, size }) => {
			if (manifestText !== null) throw corrupt(file, name);
			if (name === MANIFEST_NAME) {
				if (size > MAX_MANIFEST_BYTES) throw corrupt(file, name);
				const chunks: Buffer[] = [];
				return {
					data: (c) => void chunks.push(Buffer.from(c)),
					end: () => void (manifestText = Buffer.concat(chunks).toString('utf8'))
				};
			}
			const blob = BLOB_MEMBER.exec(name);
			if (blob) {
				const [, a, b, hash] = blob;
				if (!hash!.startsWith(a! + b!) || hash! <= lastBlob) throw corrupt(file, name);
				lastBlob = hash!;
				return hashing((digest) => {
					if (digest !== hash) throw corrupt(file, name);
					blobList.update(hash + '\n');
					blobs++;
					blobBytes += size;
				});
			}
			if (!isPart(name) || parts.has(name)) throw new AppError(422, 'restore.notBackup', { file });
			return hashing((sha256) => void parts.set(name, { bytes: size, sha256 }));
		});
	} catch (e) {
		if (e instanceof ArchiveFormatError)
			throw e.kind === 'truncated'
				? new AppError(422, 'restore.truncated', { file })
				: new AppError(422, 'restore.notBackup', { file });
		throw e;
	}
	if (manifestText === null) throw new AppError(422, 'restore.truncated', { file });
	const manifest = parseManifest(file, manifestText);
	const expected = [manifest.database.part, ...manifest.files];
	if (parts.size !== expected.length) throw corrupt(file, MANIFEST_NAME);
	for (const p of expected) {
		const seen = parts.get(p.name);
		if (!seen || seen.bytes !== p.bytes || seen.sha256 !== p.sha256) throw corrupt(file, p.name);
	}
	if (manifest.database.part.name !== DATABASE_PART[manifest.database.kind])
		throw corrupt(file, manifest.database.part.name);
	if (
		blobs !== manifest.blobs.count ||
		blobBytes !== manifest.blobs.bytes ||
		blobList.digest('hex') !== manifest.blobs.listSha256
	)
		throw corrupt(file, 'blobs/');
	const unknown = manifest.migrations.find((m) => !Object.hasOwn(migrations, m));
	if (unknown) throw new AppError(422, 'restore.migrationTooNew', { migration: unknown });
	return manifest;
}

const isPart = (name: string) =>
	Object.values(DATABASE_PART).includes(name as never) ||
	DATA_FILES.some((f) => name === `files/${f}`);

function hashing(done: (sha256: string) => void): MemberSink {
	const h = createHash('sha256');
	return { data: (c) => void h.update(c), end: () => done(h.digest('hex')) };
}

function parseManifest(file: string, text: string): Manifest {
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		throw corrupt(file, MANIFEST_NAME);
	}
	const head = raw as { format?: unknown; version?: unknown } | null;
	if (head?.format !== BACKUP_FORMAT) throw new AppError(422, 'restore.notBackup', { file });
	if (typeof head.version === 'number' && head.version > BACKUP_VERSION)
		throw new AppError(422, 'restore.formatTooNew', {
			version: head.version,
			known: BACKUP_VERSION
		});
	const parsed = manifestSchema.safeParse(raw);
	if (!parsed.success) throw corrupt(file, MANIFEST_NAME);
	return parsed.data;
}

export interface RestoreOptions {
	env: Env;
	from: string;
	/** Replace a database that already has users, books, entries or audit rows. */
	force?: boolean;
	log?: (line: string) => void;
}

export interface RestoreResult {
	manifest: Manifest;
	/** Blobs written (those already present are kept) and blobs removed as not in the backup. */
	blobsWritten: number;
	blobsRemoved: number;
	/** Migrations applied after the restore (a backup of an older schema is brought up to date). */
	migrated: string[];
	counts: Counts;
	countsMatch: boolean;
	audit: AuditVerification;
	/** The restored audit chain ends at the backup's head. */
	auditHeadMatches: boolean;
	ms: number;
}

/**
 * Restores a backup into DATA_DIR and the configured database. Nothing is written before the whole
 * archive has been verified and the target found empty (or `force`). Blobs go first (each verified,
 * then renamed into place), then the database in one step: a file renamed over the old one
 * (SQLite) or one psql transaction (PostgreSQL), so a failure leaves the old database as it was.
 * The restored database is then migrated to this code's level and its audit chain verified.
 */
export async function restoreBackup(opts: RestoreOptions): Promise<RestoreResult> {
	const started = Date.now();
	const { env } = opts;
	const log = opts.log ?? (() => {});
	const from = path.resolve(opts.from);
	const manifest = await verifyBackup(from);
	log(`verified ${path.basename(from)}: ${manifest.blobs.count} blobs, ${manifest.database.kind}`);
	const kind = env.databaseUrl ? 'postgres' : 'sqlite';
	if (manifest.database.kind !== kind)
		throw new AppError(422, 'restore.kindMismatch', {
			backup: manifest.database.kind,
			target: kind
		});
	await ensureDataDir(env.dataDir);

	const target = kind === 'postgres' ? await postgresTarget(env) : await sqliteTarget(env);
	if (kind === 'postgres' && target.schema !== manifest.database.pgSchema)
		throw new AppError(422, 'restore.schemaMismatch', {
			backup: manifest.database.pgSchema ?? '?',
			target: target.schema
		});
	const inUse = target.rows;
	if (!opts.force && (inUse.users || inUse.books || inUse.entries || inUse.auditRows))
		throw new AppError(409, 'restore.notEmpty', inUse);

	const stage = path.join(env.dataDir, `.restore-${randomBytes(6).toString('hex')}`);
	const blobRoot = blobsDir(env);
	// Blobs go straight into DATA_DIR/blobs, or through the store when it is an object store.
	const store = env.storage.kind === 's3' ? openBlobStore(env) : null;
	try {
		await fs.mkdir(stage);
		const extracted = await extract(from, manifest, stage, blobRoot, store);
		log(`blobs in place: ${extracted.written} written, ${extracted.kept} already there`);
		const staged = path.join(stage, manifest.database.part.name);
		if (kind === 'sqlite') await replaceSqlite(staged, sqlitePath(env));
		else await restorePostgres(staged, env, target.schema, stage);
		log(`database restored (${kind})`);
		// DATA_DIR's other files become the backup's: one it did not have goes (stale demo logins).
		for (const name of DATA_FILES) {
			const dest = path.join(env.dataDir, name);
			if (manifest.files.some((f) => f.name === `files/${name}`)) {
				await fs.rename(path.join(stage, 'files', name), dest);
				await fs.chmod(dest, 0o600);
			} else await fs.rm(dest, { force: true });
		}
		// An object store cannot be listed: blobs the backup did not have stay there, unreferenced.
		const removed = store ? 0 : await removeBlobsNotIn(blobRoot, extracted.names);
		if (removed) log(`removed ${removed} blobs that were not in the backup`);
		const check = await checkRestored(env);
		return {
			manifest,
			blobsWritten: extracted.written,
			blobsRemoved: removed,
			...check,
			countsMatch: JSON.stringify(check.counts) === JSON.stringify(manifest.counts),
			auditHeadMatches: JSON.stringify(check.auditHead) === JSON.stringify(manifest.auditHead),
			ms: Date.now() - started
		};
	} catch (e) {
		throw storageError(e, env.dataDir) ?? e;
	} finally {
		await fs.rm(stage, { recursive: true, force: true });
	}
}

interface Target {
	schema: string;
	rows: Awaited<ReturnType<typeof rowsInUse>>;
}

async function sqliteTarget(env: Env): Promise<Target> {
	const file = sqlitePath(env);
	const empty = { users: 0, books: 0, entries: 0, auditRows: 0 };
	if (!(await fs.stat(file).catch(() => null))) return { schema: 'main', rows: empty };
	const db = new Kysely<DB>({
		dialect: new SqliteDialect({ database: new SQLite(file, { fileMustExist: true }) })
	});
	let rows: Target['rows'];
	try {
		rows = await rowsInUse(db);
	} finally {
		await db.destroy();
	}
	await assertNotInUse(file);
	return { schema: 'main', rows };
}

async function postgresTarget(env: Env): Promise<Target> {
	findPgTool('pg_restore');
	findPgTool('psql');
	const database = connectFor(env);
	try {
		const { rows } = await sql<{
			schema: string | null;
		}>`select current_schema() as schema`.execute(database.db);
		// A schema that does not exist yet (a fresh database) is created by the restore.
		const schema = rows[0]?.schema ?? env.pgSchema ?? 'public';
		return { schema, rows: await rowsInUse(database.db) };
	} finally {
		await database.close();
	}
}

/**
 * The second read: the database part and files into the staging folder, blobs straight into the
 * store (each checked against its name before it is renamed into place; one already there is
 * kept). The archive was verified; a change since (a copy still being written) is caught again,
 * and the member being written when anything fails is removed: no half-written file is left.
 */
async function extract(
	from: string,
	manifest: Manifest,
	stage: string,
	blobRoot: string,
	store: BlobStore | null
): Promise<{ written: number; kept: number; names: Set<string> }> {
	const names = new Set<string>();
	let written = 0;
	let kept = 0;
	const parts = new Map([manifest.database.part, ...manifest.files].map((p) => [p.name, p]));
	let current: MemberFile | null = null;
	try {
		await readArchive(from, async ({ name }) => {
			if (name === MANIFEST_NAME) return null;
			const blob = BLOB_MEMBER.exec(name);
			let dest: string;
			let sha256: string;
			if (blob && store) {
				const hash = blob[3]!;
				names.add(hash);
				if (await store.has(hash)) {
					kept++;
					return null;
				}
				written++;
				const chunks: Buffer[] = [];
				return {
					data: (c) => void chunks.push(Buffer.from(c)),
					end: async () => {
						const bytes = Buffer.concat(chunks);
						if (sha256Hex(bytes) !== hash) throw corrupt(from, name);
						await store.put(bytes);
					}
				};
			}
			if (blob) {
				sha256 = blob[3]!;
				names.add(sha256);
				dest = path.join(blobRoot, blob[1]!, blob[2]!, sha256);
				if (await fs.stat(dest).catch(() => null)) {
					kept++;
					return null;
				}
				written++;
			} else {
				const part = parts.get(name);
				if (!part) throw corrupt(from, name);
				dest = path.join(stage, name);
				sha256 = part.sha256;
			}
			await fs.mkdir(path.dirname(dest), { recursive: true });
			current = await MemberFile.open(dest);
			const file = current;
			return {
				data: (c) => file.write(c),
				end: async () => {
					if ((await file.finish()) !== sha256) throw corrupt(from, name);
					await file.commit();
					current = null;
				}
			};
		});
	} catch (e) {
		await (current as MemberFile | null)?.discard();
		if (e instanceof ArchiveFormatError)
			throw new AppError(422, 'restore.truncated', { file: from });
		throw e;
	}
	return { written, kept, names };
}

/** A file written under a temporary name, flushed, then renamed into place (or removed). */
class MemberFile {
	readonly #hash = createHash('sha256');
	#open = true;

	private constructor(
		private readonly fh: fs.FileHandle,
		private readonly tmp: string,
		private readonly dest: string
	) {}

	static async open(dest: string): Promise<MemberFile> {
		const tmp = `${dest}.${randomBytes(6).toString('hex')}.tmp`;
		return new MemberFile(await fs.open(tmp, 'wx'), tmp, dest);
	}

	async write(chunk: Buffer): Promise<void> {
		this.#hash.update(chunk);
		await this.fh.write(chunk);
	}

	/** Flushes and closes; returns the SHA-256 of what was written. */
	async finish(): Promise<string> {
		await this.fh.sync();
		this.#open = false;
		await this.fh.close();
		return this.#hash.digest('hex');
	}

	async commit(): Promise<void> {
		await fs.rename(this.tmp, this.dest);
	}

	async discard(): Promise<void> {
		if (this.#open) await this.fh.close().catch(() => {});
		await fs.rm(this.tmp, { force: true });
	}
}

/**
 * Folds an existing database's WAL into it and removes it (a stale WAL next to a new file would be
 * replayed into it). SQLite removes the WAL when its last connection closes: one that survives our
 * closing it means another process (the server, a worker) has the database open: refused.
 */
async function assertNotInUse(file: string): Promise<void> {
	if (!(await fs.stat(file).catch(() => null))) return;
	const old = new SQLite(file, { fileMustExist: true, timeout: 5000 });
	old.pragma('wal_checkpoint(TRUNCATE)');
	old.close();
	if (await fs.stat(`${file}-wal`).catch(() => null))
		throw new AppError(409, 'restore.databaseInUse', { file });
}

/** Puts the restored SQLite file in place of the old one, checked first, once nothing has it open. */
async function replaceSqlite(staged: string, file: string): Promise<void> {
	const check = new SQLite(staged, { fileMustExist: true });
	try {
		const ok = check.pragma('quick_check', { simple: true });
		if (ok !== 'ok') throw corrupt(staged, 'database');
	} finally {
		check.close();
	}
	await assertNotInUse(file);
	await fs.rm(`${file}-shm`, { force: true });
	await fs.rename(staged, file);
	await syncDir(path.dirname(file));
}

/**
 * One psql transaction: drop the schema's tables, then pg_restore's SQL for every object of the
 * dump except the schema itself (which exists, or is created here: the role need not own it),
 * without owners or grants (the roles of the machine the backup came from may not exist here).
 * COMMIT is sent only after pg_restore has produced all of it; a failure anywhere ends psql
 * without it, and PostgreSQL rolls the whole restore back.
 */
async function restorePostgres(
	dump: string,
	env: Env,
	schema: string,
	stage: string
): Promise<void> {
	const listing = startPgTool('pg_restore', ['--list', dump], { stdout: true });
	let toc = '';
	listing.stdout!.on('data', (d: Buffer) => (toc += d.toString()));
	await listing.done;
	const list = path.join(stage, 'restore.list');
	await fs.writeFile(
		list,
		toc
			.split('\n')
			.filter((l) => !/^\d+; \d+ \d+ (?:\w+ - )?SCHEMA /.test(l))
			.join('\n')
	);
	const literal = `'${schema.replaceAll("'", "''")}'`;
	const preamble = `BEGIN;
DO $$ DECLARE t record; BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ${literal}) THEN
		EXECUTE format('CREATE SCHEMA %I', ${literal});
	END IF;
	FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = ${literal} LOOP
		EXECUTE format('DROP TABLE IF EXISTS %I.%I CASCADE', ${literal}, t.tablename);
	END LOOP;
END $$;
`;
	const pg = libpqConnection(env.databaseUrl!);
	const sqlOut = startPgTool(
		'pg_restore',
		['--no-owner', '--no-privileges', '--use-list', list, '--file', '-', dump],
		{ stdout: true }
	);
	// Settled below; a failure of psql first must not leave this rejection unhandled meanwhile.
	void sqlOut.done.catch(() => {});
	const psql = startPgTool(
		'psql',
		['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--dbname', pg.url, '--file', '-'],
		{
			env: pg.env,
			stdin: async (input) => {
				input.write(preamble);
				await pipeline(sqlOut.stdout!, input, { end: false });
				await sqlOut.done;
				input.write('COMMIT;\n');
			}
		}
	);
	// psql's own error first: when it stops reading, pg_restore only fails to write.
	await psql.done;
	await sqlOut.done;
}

/** Blobs left from before the restore that the backup did not have: nothing refers to them now. */
async function removeBlobsNotIn(root: string, keep: Set<string>): Promise<number> {
	let removed = 0;
	for await (const { hash, file } of blobFiles(root)) {
		if (keep.has(hash)) continue;
		await fs.rm(file, { force: true });
		removed++;
	}
	return removed;
}

async function checkRestored(env: Env) {
	const database = connectFor(env);
	try {
		const migrated = await migrateToLatest(database.db, env.pgSchema);
		const facts = await readFacts(database.db);
		const audit = await verifyAudit(database.db);
		return { migrated, counts: facts.counts, auditHead: facts.auditHead, audit };
	} finally {
		await database.close();
	}
}
