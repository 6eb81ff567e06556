import { z } from 'zod';

/**
 * A sohoa backup is one uncompressed POSIX tar file (docs/ARCHITECTURE.md "Backup and restore"):
 *
 *   database.sqlite | database.pgdump   the snapshot (SQLite backup API / pg_dump --format=custom)
 *   files/demo-logins.txt               other DATA_DIR files the product reads, when present
 *   blobs/ab/cd/<sha256>                every content-addressed blob, in name order
 *   manifest.json                       last: what the archive holds and how to check it
 *
 * The manifest comes last because it is written when everything before it is known (a blob found
 * corrupt while copying is left out and listed). Blobs check themselves (the name is the SHA-256
 * of the content); the other parts are checked against the manifest's SHA-256, and the blob list
 * as a whole against `blobs.listSha256`, so a truncated, edited or mixed-up archive is refused
 * before anything is written.
 */
export const BACKUP_FORMAT = 'sohoa-backup';
export const BACKUP_VERSION = 1;
export const MANIFEST_NAME = 'manifest.json';
export const DATABASE_PART = { sqlite: 'database.sqlite', postgres: 'database.pgdump' } as const;
/** Files of DATA_DIR besides the database and blobs that a restored system needs. */
export const DATA_FILES = ['demo-logins.txt'] as const;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const count = z.number().int().nonnegative();

const part = z.strictObject({ name: z.string(), bytes: count, sha256 });

export const countsSchema = z.strictObject({
	users: count,
	books: count,
	entries: count,
	entryFields: count,
	auditRows: count,
	blobRows: count
});
export type Counts = z.infer<typeof countsSchema>;

export const manifestSchema = z.strictObject({
	format: z.literal(BACKUP_FORMAT),
	/** Bumped when a reader of the previous version could not restore the archive. */
	version: count,
	createdAt: z.string(),
	database: z.strictObject({
		kind: z.enum(['sqlite', 'postgres']),
		/** PostgreSQL: the schema the tables were dumped from (the restore puts them back there). */
		pgSchema: z.string().nullable(),
		part
	}),
	/** The migrations applied in the snapshot, in order: the last one is its schema level. */
	migrations: z.array(z.string()),
	counts: countsSchema,
	/** The audit chain's head in the snapshot: a restore must end at the same row and hash. */
	auditHead: z.strictObject({ seq: count, hash: z.string() }).nullable(),
	blobs: z.strictObject({
		count,
		bytes: count,
		/** SHA-256 of the blob names in archive order, one per line. */
		listSha256: sha256,
		/** Referenced by the database but absent from DATA_DIR/blobs, or corrupt there: left out. */
		missing: z.array(sha256),
		corrupt: z.array(sha256)
	}),
	files: z.array(part)
});
export type Manifest = z.infer<typeof manifestSchema>;
