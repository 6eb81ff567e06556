import type { Kysely } from 'kysely';

// No query reads residents by personal ID or by name key and birth year: matching runs on an
// in-memory index built from a unit's rows (ReconcileService), so these two B-trees were only
// updated, once per imported person, for nothing. Without them an import writes about 40% less
// in SQLite (docs/BENCHMARKS.md, reconciliation import).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('resident_pid_idx').execute();
	await db.schema.dropIndex('resident_name_year_idx').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.createIndex('resident_pid_idx').on('resident').column('personal_id').execute();
	await db.schema
		.createIndex('resident_name_year_idx')
		.on('resident')
		.columns(['name_key', 'birth_year'])
		.execute();
}
