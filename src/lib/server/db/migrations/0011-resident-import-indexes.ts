import type { Kysely } from 'kysely';

// `resident_unit_idx` (unit_code) is the prefix of the unique (unit_code, row_key) index, which
// serves every lookup by unit as well: one B-tree fewer to update for each imported person.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('resident_unit_idx').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.createIndex('resident_unit_idx').on('resident').column('unit_code').execute();
}
