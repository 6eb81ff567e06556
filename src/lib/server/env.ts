import path from 'node:path';

/** Configuration, read and checked once (README "Configuration"). */
export interface Env {
	dataDir: string;
	databaseUrl: string | null;
	/** PostgreSQL only: the schema sohoa's tables live in (DATABASE_SCHEMA); unset: the default. */
	pgSchema?: string;
	host: string;
	port: number;
	demo: boolean;
	/** Background job runners inside the server process (0: only `sohoa worker` processes run jobs). */
	workers: number;
	sessionDays: number;
}

export class ConfigError extends Error {}

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
	const dataDir = path.resolve(source.DATA_DIR || './data');
	const databaseUrl = source.DATABASE_URL?.trim() || null;
	if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
		throw new ConfigError(
			`DATABASE_URL must start with postgres:// (got "${databaseUrl.split(':')[0]}:…"); leave it unset for the embedded SQLite database`
		);
	}
	const pgSchema = source.DATABASE_SCHEMA?.trim() || undefined;
	if (pgSchema && !databaseUrl)
		throw new ConfigError('DATABASE_SCHEMA is for PostgreSQL: set DATABASE_URL too, or unset it');
	// Lower-case letters, digits and _ only: the name goes into search_path and pg_dump unquoted.
	if (pgSchema && !/^[a-z_][a-z0-9_]{0,62}$/.test(pgSchema))
		throw new ConfigError(
			`DATABASE_SCHEMA must be a lower-case name of letters, digits and _ (got "${pgSchema}")`
		);
	const port = Number(source.PORT || 3000);
	if (!Number.isInteger(port) || port < 1 || port > 65535) {
		throw new ConfigError(`PORT must be a whole number from 1 to 65535 (got "${source.PORT}")`);
	}
	const demo = !['0', 'false', 'no', 'off'].includes((source.SOHOA_DEMO ?? '1').toLowerCase());
	const workers = Number(source.SOHOA_WORKERS ?? 1);
	if (!Number.isInteger(workers) || workers < 0 || workers > 8) {
		throw new ConfigError(
			`SOHOA_WORKERS must be a whole number from 0 to 8 (got "${source.SOHOA_WORKERS}")`
		);
	}
	return {
		dataDir,
		databaseUrl,
		...(pgSchema ? { pgSchema } : {}),
		host: source.HOST || '127.0.0.1',
		port,
		demo,
		workers,
		sessionDays: 7
	};
}
