import { sql, type Kysely } from 'kysely';

// Reconciliation: a resident row keeps a stable key within its unit (personal ID, or a hash of
// name, birth date and parents) so a newer extract updates it in place; and each entry's
// reconciliation decision (linked to a resident, absent from the extract, undecided).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('resident').addColumn('row_key', 'text').execute();
	// Rows imported before keys existed keep a key of their own (never matched by a re-import).
	await sql`update resident set row_key = 'id:' || id where row_key is null`.execute(db);
	await db.schema
		.createIndex('resident_unit_row_key_idx')
		.on('resident')
		.columns(['unit_code', 'row_key'])
		.unique()
		.execute();

	await db.schema
		.createTable('entry_reconciliation')
		.addColumn('entry_id', 'text', (c) => c.primaryKey().references('entry.id'))
		.addColumn('decision', 'text', (c) => c.notNull())
		.addColumn('resident_id', 'text', (c) => c.references('resident.id'))
		.addColumn('decided_by', 'text', (c) => c.notNull().references('app_user.id'))
		.addColumn('decided_at', 'text', (c) => c.notNull())
		.addColumn('score', 'real')
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('entry_reconciliation').execute();
	await db.schema.dropIndex('resident_unit_row_key_idx').execute();
	await db.schema.alterTable('resident').dropColumn('row_key').execute();
}
