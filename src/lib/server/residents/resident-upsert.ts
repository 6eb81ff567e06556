import { sql, SqliteAdapter, type Kysely } from 'kysely';
import type { DB, ResidentTable } from '../db/schema';

export type ResidentRecord = Omit<ResidentTable, 'row_key'> & { row_key: string };

/** The columns an import writes, in one order for the insert list and the JSON reader. */
const columns = [
	'id',
	'extract_id',
	'unit_code',
	'personal_id',
	'full_name',
	'birth_date',
	'sex',
	'birth_place',
	'native_place',
	'father_name',
	'mother_name',
	'residence',
	'name_key',
	'birth_year',
	'row_key'
] as const satisfies readonly (keyof ResidentRecord)[];

/** A re-import updates everything but the person's id (linked entries keep pointing at them). */
const updated = columns.filter((c) => c !== 'id' && c !== 'unit_code' && c !== 'row_key');

/**
 * Inserts or updates (by unit and row key) a batch of residents in one statement whose only
 * parameter is the batch as JSON, read back by the database (`jsonb_each` on SQLite,
 * `jsonb_array_elements` on PostgreSQL). Building, compiling and then collecting a
 * 30,000-parameter query per batch cost a third of an import's garbage collection; a prepared
 * row-by-row statement was slower still (docs/BENCHMARKS.md, reconciliation import).
 */
export async function upsertResidents(
	db: Kysely<DB>,
	records: readonly ResidentRecord[]
): Promise<void> {
	if (records.length === 0) return;
	// Rows travel as arrays (position = column), a third of the bytes of objects.
	const json = JSON.stringify(records.map((r) => columns.map((c) => r[c])));
	const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
	const values = columns.map((c, i) => {
		const text = sqlite ? sql`value ->> ${sql.lit(i)}` : sql`r ->> ${sql.lit(i)}`;
		// PostgreSQL's `->>` yields text; SQLite's keeps the JSON number.
		return c === 'birth_year' && !sqlite ? sql`(${text})::integer` : text;
	});
	// SQLite needs the `where true` to read `on conflict` as the upsert clause, not a join's.
	// `jsonb_each` hands each row to `->>` as binary JSON, read by offset; `json_each` gives text
	// that every one of the 15 `->>` parses again (40% of SQLite's time in an import).
	const source = sqlite
		? sql`select ${sql.join(values)} from jsonb_each(${json}) where true`
		: sql`select ${sql.join(values)} from jsonb_array_elements(${json}::jsonb) as r`;
	await sql`insert into resident (${sql.join(columns.map((c) => sql.ref(c)))}) ${source}
		on conflict (unit_code, row_key) do update set
		${sql.join(updated.map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`))}`.execute(db);
}
