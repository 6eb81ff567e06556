import type { Kysely } from 'kysely';

// Extracts of the resident (population) database, imported per unit, matched against entries.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('resident_extract')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('unit_code', 'text', (c) => c.notNull().references('unit.code'))
		.addColumn('file_name', 'text', (c) => c.notNull())
		.addColumn('rows', 'integer', (c) => c.notNull())
		.addColumn('imported_at', 'text', (c) => c.notNull())
		.addColumn('imported_by', 'text', (c) => c.references('app_user.id'))
		.execute();

	await db.schema
		.createTable('resident')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('extract_id', 'text', (c) => c.notNull().references('resident_extract.id'))
		.addColumn('unit_code', 'text', (c) => c.notNull().references('unit.code'))
		.addColumn('personal_id', 'text')
		.addColumn('full_name', 'text', (c) => c.notNull())
		.addColumn('birth_date', 'text')
		.addColumn('sex', 'text')
		.addColumn('birth_place', 'text')
		.addColumn('native_place', 'text')
		.addColumn('father_name', 'text')
		.addColumn('mother_name', 'text')
		.addColumn('residence', 'text')
		// Diacritic-free, lower-case name and the birth year: the blocking keys of matching.
		.addColumn('name_key', 'text', (c) => c.notNull())
		.addColumn('birth_year', 'integer')
		.execute();
	await db.schema.createIndex('resident_unit_idx').on('resident').column('unit_code').execute();
	await db.schema.createIndex('resident_pid_idx').on('resident').column('personal_id').execute();
	await db.schema
		.createIndex('resident_name_year_idx')
		.on('resident')
		.columns(['name_key', 'birth_year'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('resident').execute();
	await db.schema.dropTable('resident_extract').execute();
}
