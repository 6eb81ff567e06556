import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/lib/server/db/schema';
import type { Dialect } from '../../src/lib/server/db/connect';

/** Rows and bytes (table + its indexes) of the tables an entry's life fills. */
export interface TableSize {
	table: string;
	rows: number;
	bytes: number;
}

const TABLES = ['entry', 'entry_field', 'audit_log', 'page', 'ocr_result'] as const;

export async function tableSizes(
	db: Kysely<DB>,
	dialect: Dialect,
	pgSchema?: string
): Promise<TableSize[]> {
	const out: TableSize[] = [];
	for (const table of TABLES) {
		const rows = Number(
			(
				await db
					.selectFrom(table)
					.select((eb) => eb.fn.countAll().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);
		let bytes: number;
		if (dialect === 'sqlite') {
			// dbstat: the pages of the table and of every index on it.
			const r = await sql<{ bytes: number }>`
				SELECT COALESCE(SUM(pgsize), 0) AS bytes FROM dbstat
				WHERE name = ${table} OR name IN (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ${table})`.execute(
				db
			);
			bytes = Number(r.rows[0]?.bytes ?? 0);
		} else {
			const r = await sql<{ bytes: string }>`
				SELECT pg_total_relation_size(${`${pgSchema}.${table}`}::regclass) AS bytes`.execute(db);
			bytes = Number(r.rows[0]?.bytes ?? 0);
		}
		out.push({ table, rows, bytes });
	}
	return out;
}

/** Bytes of every blob stored under DATA_DIR/blobs, and how many. */
export function blobBytes(dataDir: string): { files: number; bytes: number } {
	let files = 0;
	let bytes = 0;
	const walk = (dir: string) => {
		if (!fs.existsSync(dir)) return;
		for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
			const p = path.join(dir, d.name);
			if (d.isDirectory()) walk(p);
			else {
				files++;
				bytes += fs.statSync(p).size;
			}
		}
	};
	walk(path.join(dataDir, 'blobs'));
	return { files, bytes };
}
