import type { Kysely } from 'kysely';

// Export packages (one zip of PDFs + one Excel per book) and what each entry was exported as: the
// entry's version and a hash of everything its package content is made from, so a re-export can
// be byte-identical and an entry changed after its export is flagged for re-export.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('book_export')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('book_id', 'text', (c) => c.notNull().references('book.id'))
		.addColumn('state', 'text', (c) => c.notNull())
		.addColumn('job_id', 'text')
		.addColumn('options', 'text', (c) => c.notNull())
		.addColumn('requested_by', 'text')
		.addColumn('requested_at', 'text', (c) => c.notNull())
		.addColumn('finished_at', 'text')
		.addColumn('zip_name', 'text')
		.addColumn('zip_hash', 'text')
		.addColumn('xlsx_name', 'text')
		.addColumn('xlsx_hash', 'text')
		.addColumn('entries', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('report', 'text')
		.addColumn('error', 'text')
		.execute();
	await db.schema
		.createIndex('book_export_book')
		.on('book_export')
		.columns(['book_id', 'requested_at'])
		.execute();
	await db.schema
		.createTable('entry_export')
		.addColumn('entry_id', 'text', (c) => c.primaryKey().references('entry.id'))
		.addColumn('book_export_id', 'text', (c) => c.notNull().references('book_export.id'))
		.addColumn('exported_at', 'text', (c) => c.notNull())
		.addColumn('entry_version', 'integer', (c) => c.notNull())
		.addColumn('content_hash', 'text', (c) => c.notNull())
		.addColumn('file_name', 'text', (c) => c.notNull())
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('entry_export').execute();
	await db.schema.dropTable('book_export').execute();
}
