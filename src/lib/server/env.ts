import path from 'node:path';
import type { S3Settings } from './storage/s3-blob-store';

/** Where blobs live: DATA_DIR/blobs, or an S3-compatible bucket shared by several machines. */
export type StorageSettings = { kind: 'fs' } | ({ kind: 's3' } & S3Settings);

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
	/** How long a job stays claimed without a heartbeat: a dead worker's job is taken over after it. */
	jobLeaseMs: number;
	sessionDays: number;
	storage: StorageSettings;
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
	const leaseSeconds = Number(source.SOHOA_JOB_LEASE_SECONDS ?? 60);
	if (!Number.isInteger(leaseSeconds) || leaseSeconds < 1 || leaseSeconds > 3600) {
		throw new ConfigError(
			`SOHOA_JOB_LEASE_SECONDS must be a whole number of seconds from 1 to 3600 (got "${source.SOHOA_JOB_LEASE_SECONDS}")`
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
		jobLeaseMs: leaseSeconds * 1000,
		sessionDays: 7,
		storage: readStorage(source)
	};
}

const S3_REQUIRED = [
	'S3_ENDPOINT',
	'S3_BUCKET',
	'S3_ACCESS_KEY_ID',
	'S3_SECRET_ACCESS_KEY'
] as const;

/** Operators may read only Vietnamese or only English: storage errors say both. */
const bilingual = (vi: string, en: string) => new ConfigError(`${vi} / ${en}`);

function readStorage(source: NodeJS.ProcessEnv): StorageSettings {
	const kind = (source.STORAGE?.trim() || 'fs').toLowerCase();
	if (kind === 'fs') return { kind };
	if (kind !== 's3') {
		throw bilingual(
			`STORAGE phải là "fs" hoặc "s3" (đang là "${source.STORAGE}")`,
			`STORAGE must be "fs" or "s3" (got "${source.STORAGE}")`
		);
	}
	const missing = S3_REQUIRED.filter((name) => !source[name]?.trim());
	if (missing.length) {
		throw bilingual(
			`STORAGE=s3 cần đặt ${missing.join(', ')}`,
			`STORAGE=s3 needs ${missing.join(', ')} to be set`
		);
	}
	const endpoint = source.S3_ENDPOINT!.trim();
	let url: URL | null = null;
	try {
		url = new URL(endpoint);
	} catch {
		// reported below
	}
	if (!url || !['http:', 'https:'].includes(url.protocol) || url.search || url.hash) {
		throw bilingual(
			`S3_ENDPOINT phải là địa chỉ http:// hoặc https:// (đang là "${endpoint}")`,
			`S3_ENDPOINT must be an http:// or https:// address (got "${endpoint}")`
		);
	}
	const bucket = source.S3_BUCKET!.trim();
	// S3's bucket naming rule; it also keeps the bucket safe to put in a host name or a path.
	if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
		throw bilingual(
			`S3_BUCKET không phải tên bucket hợp lệ (3–63 ký tự a-z, 0-9, dấu chấm, gạch ngang; đang là "${bucket}")`,
			`S3_BUCKET is not a valid bucket name (3–63 of a-z, 0-9, dot, hyphen; got "${bucket}")`
		);
	}
	const pathStyle = (source.S3_FORCE_PATH_STYLE?.trim() || 'false').toLowerCase();
	const yes = ['1', 'true', 'yes', 'on'];
	if (![...yes, '0', 'false', 'no', 'off'].includes(pathStyle)) {
		throw bilingual(
			`S3_FORCE_PATH_STYLE phải là true hoặc false (đang là "${source.S3_FORCE_PATH_STYLE}")`,
			`S3_FORCE_PATH_STYLE must be true or false (got "${source.S3_FORCE_PATH_STYLE}")`
		);
	}
	return {
		kind,
		endpoint,
		region: source.S3_REGION?.trim() || 'us-east-1',
		bucket,
		accessKeyId: source.S3_ACCESS_KEY_ID!.trim(),
		secretAccessKey: source.S3_SECRET_ACCESS_KEY!.trim(),
		forcePathStyle: yes.includes(pathStyle)
	};
}
