import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { Counts } from './manifest';

/** What a backup records about its snapshot, and a restore checks it brought back. */
export interface DatabaseFacts {
	migrations: string[];
	counts: Counts;
	auditHead: { seq: number; hash: string } | null;
}

const countOf = async (db: Kysely<DB>, table: keyof DB) =>
	Number(
		(
			await db
				.selectFrom(table)
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
		).n
	);

/** Read inside the snapshot (the same transaction as pg_dump, or the SQLite copy). */
export async function readFacts(db: Kysely<DB>): Promise<DatabaseFacts> {
	const migrations = (
		await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)
	).rows.map((r) => r.name);
	const head = await db
		.selectFrom('audit_head')
		.select(['seq', 'hash'])
		.where('id', '=', 1)
		.executeTakeFirst();
	return {
		migrations,
		counts: {
			users: await countOf(db, 'app_user'),
			books: await countOf(db, 'book'),
			entries: await countOf(db, 'entry'),
			entryFields: await countOf(db, 'entry_field'),
			auditRows: await countOf(db, 'audit_log'),
			blobRows: await countOf(db, 'blob')
		},
		auditHead: head ? { seq: Number(head.seq), hash: head.hash } : null
	};
}

/**
 * The blobs the snapshot's rows point at: the `blob` table (scans, export packages) and jobs'
 * payloads (an uploaded resident extract waiting for its import). Each must be in the backup.
 */
export async function referencedBlobs(db: Kysely<DB>): Promise<Set<string>> {
	const rows = await db.selectFrom('blob').select('hash').execute();
	const hashes = new Set(rows.map((r) => r.hash));
	const jobs = await db
		.selectFrom('job')
		.select('payload')
		.where('payload', 'like', '%"blob":%')
		.execute();
	for (const { payload } of jobs) {
		const blob = (JSON.parse(payload) as { blob?: unknown }).blob;
		if (typeof blob === 'string' && /^[0-9a-f]{64}$/.test(blob)) hashes.add(blob);
	}
	return hashes;
}

const MISSING_TABLE = /no such table|does not exist/i;

/**
 * The rows that make a database "in use" for a restore: users, books, entries and audit rows (the
 * administrative units are loaded into every database and do not count). Tables that do not exist
 * yet count as empty.
 */
export async function rowsInUse(
	db: Kysely<DB>
): Promise<{ users: number; books: number; entries: number; auditRows: number }> {
	const n = async (table: keyof DB) => {
		try {
			return await countOf(db, table);
		} catch (e) {
			if (e instanceof Error && MISSING_TABLE.test(e.message)) return 0;
			throw e;
		}
	};
	return {
		users: await n('app_user'),
		books: await n('book'),
		entries: await n('entry'),
		auditRows: await n('audit_log')
	};
}
