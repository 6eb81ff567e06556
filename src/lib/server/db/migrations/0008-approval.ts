import type { Kysely } from 'kysely';

// Four-eyes approval: why an entry was last returned (a code beside the free text) and how often
// it has been (first-pass approval = never returned); whether a book's review re-keys the critical
// fields blind; and the blind re-keyings of the current review round with their differences.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('entry').addColumn('return_code', 'text').execute();
	await db.schema
		.alterTable('entry')
		.addColumn('return_count', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema
		.alterTable('book')
		.addColumn('blind_rekey', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
	await db.schema
		.createTable('entry_check')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('entry_id', 'text', (c) => c.notNull().references('entry.id'))
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('officer_id', 'text', (c) => c.notNull().references('app_user.id'))
		.addColumn('entry_version', 'integer', (c) => c.notNull())
		.addColumn('state', 'text', (c) => c.notNull())
		.addColumn('differences', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('settled_by', 'text', (c) => c.references('app_user.id'))
		.addColumn('settled_at', 'text')
		.execute();
	await db.schema
		.createIndex('entry_check_entry_idx')
		.on('entry_check')
		.columns(['entry_id', 'state'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('entry_check').execute();
	await db.schema.alterTable('book').dropColumn('blind_rekey').execute();
	await db.schema.alterTable('entry').dropColumn('return_count').execute();
	await db.schema.alterTable('entry').dropColumn('return_code').execute();
}
