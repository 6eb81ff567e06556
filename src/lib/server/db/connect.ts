import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
	CompiledQuery,
	Kysely,
	Migrator,
	PostgresDialect,
	SqliteDialect,
	SqliteDriver,
	type DatabaseConnection,
	type Driver,
	type MigrationProvider,
	type SqliteDialectConfig
} from 'kysely';
import type { DB } from './schema';
import { migrations } from './migrations/index';

export type Dialect = 'sqlite' | 'postgres';
export interface Database {
	db: Kysely<DB>;
	dialect: Dialect;
	close(): Promise<void>;
}

// COUNT(*) and BIGINT arrive from pg as strings; every value we store fits a JS number.
pg.types.setTypeParser(20, (v) => Number(v));

export interface ConnectOptions {
	/** postgres://… ; otherwise SQLite at `sqlitePath`. */
	databaseUrl?: string | null;
	sqlitePath?: string;
	/** PostgreSQL only: a schema to work in (tests isolate themselves this way). */
	pgSchema?: string;
}

/** The embedded database's file, in DATA_DIR. */
export const sqlitePath = (env: { dataDir: string }) => path.join(env.dataDir, 'sohoa.sqlite');

/**
 * SQLite transactions begin IMMEDIATE: they take the write lock when they start, waiting for it
 * (busy_timeout) if another process (a `sohoa worker`, a CLI command) holds it. A deferred
 * transaction that has read and then wants to write after another process committed cannot wait:
 * SQLite refuses it at once (SQLITE_BUSY_SNAPSHOT), and the clerk's save fails with a 500. Every
 * transaction here exists to write, so locking from the start costs no concurrency SQLite had.
 */
class ImmediateSqliteDriver extends SqliteDriver {
	override async beginTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('begin immediate'));
	}
}

class ImmediateSqliteDialect extends SqliteDialect {
	readonly #config: SqliteDialectConfig;
	constructor(config: SqliteDialectConfig) {
		super(config);
		this.#config = config;
	}
	override createDriver(): Driver {
		return new ImmediateSqliteDriver(this.#config);
	}
}

export function connect(opts: ConnectOptions): Database {
	if (opts.databaseUrl) {
		const pool = new pg.Pool({
			connectionString: opts.databaseUrl,
			max: 10,
			options: opts.pgSchema ? `-c search_path=${opts.pgSchema}` : undefined
		});
		const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
		return { db, dialect: 'postgres', close: () => db.destroy() };
	}
	const file = opts.sqlitePath ?? ':memory:';
	if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
	const sqlite = new SQLite(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	// WAL + NORMAL survives a killed process; only a power cut may lose the last commits.
	sqlite.pragma('synchronous = NORMAL');
	const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
	return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/** The database the settings name: PostgreSQL at DATABASE_URL (in its schema), else DATA_DIR's file. */
export function connectFor(
	env: { dataDir: string; databaseUrl: string | null; pgSchema?: string },
	pgSchema = env.pgSchema
): Database {
	return connect({ databaseUrl: env.databaseUrl, sqlitePath: sqlitePath(env), pgSchema });
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Brings the schema up to date; throws (never just logs) when a migration fails. `pgSchema` names
 * the PostgreSQL schema the migration tables live in, when not the default one: Kysely looks
 * them up by name across all schemas, so another schema's copy would otherwise be mistaken for ours.
 */
export async function migrateToLatest(db: Kysely<DB>, pgSchema?: string): Promise<string[]> {
	const migrator = new Migrator({ db, provider, migrationTableSchema: pgSchema });
	const { error, results } = await migrator.migrateToLatest();
	if (error) {
		const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
		throw new Error(
			`migration ${failed} failed: ${error instanceof Error ? error.message : error}`
		);
	}
	return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
