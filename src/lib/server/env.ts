import path from 'node:path';

/** Configuration, read and checked once (README "Configuration"). */
export interface Env {
	dataDir: string;
	databaseUrl: string | null;
	host: string;
	port: number;
	demo: boolean;
	/** Background job runners inside the server process (0: only `sohoa worker` processes run jobs). */
	workers: number;
	/** How long a job stays claimed without a heartbeat: a dead worker's job is taken over after it. */
	jobLeaseMs: number;
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
	const leaseSeconds = Number(source.SOHOA_JOB_LEASE_SECONDS ?? 60);
	if (!Number.isInteger(leaseSeconds) || leaseSeconds < 1 || leaseSeconds > 3600) {
		throw new ConfigError(
			`SOHOA_JOB_LEASE_SECONDS must be a whole number of seconds from 1 to 3600 (got "${source.SOHOA_JOB_LEASE_SECONDS}")`
		);
	}
	return {
		dataDir,
		databaseUrl,
		host: source.HOST || '127.0.0.1',
		port,
		demo,
		workers,
		jobLeaseMs: leaseSeconds * 1000,
		sessionDays: 7
	};
}
