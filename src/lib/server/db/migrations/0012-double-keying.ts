import type { Kysely } from 'kysely';

// Double keying (issue 6): a book may require every entry to be keyed twice by two different
// people. `book.double_keying` is the supervisor's switch; on the entry, `second_keying` says where
// this review round's second keying stands ('due' from the first keyer's submission until the
// second keyer submits, then 'done'; null when none is required) and `second_keyer` who holds it.
// The second keyer's values live in `entry_keying`, never in `entry_field`; the comparison's
// differences are an `entry_check` with source 'double', settled like the blind re-keying's.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('book')
		.addColumn('double_keying', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema.alterTable('entry').addColumn('second_keying', 'text').execute();
	await db.schema
		.alterTable('entry')
		.addColumn('second_keyer', 'text', (c) => c.references('app_user.id'))
		.execute();
	await db.schema
		.createTable('entry_keying')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('entry_id', 'text', (c) => c.notNull().references('entry.id'))
		.addColumn('keyer_id', 'text', (c) => c.notNull().references('app_user.id'))
		.addColumn('state', 'text', (c) => c.notNull())
		.addColumn('values', 'text', (c) => c.notNull())
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('submitted_at', 'text')
		.execute();
	await db.schema
		.createIndex('entry_keying_entry_idx')
		.on('entry_keying')
		.columns(['entry_id', 'state'])
		.execute();
	// The clerks' queues look for entries waiting for a second keying.
	await db.schema
		.createIndex('entry_second_keying_idx')
		.on('entry')
		.columns(['book_id', 'second_keying'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('entry_second_keying_idx').execute();
	await db.schema.dropTable('entry_keying').execute();
	await db.schema.alterTable('entry').dropColumn('second_keyer').execute();
	await db.schema.alterTable('entry').dropColumn('second_keying').execute();
	await db.schema.alterTable('book').dropColumn('double_keying').execute();
}
