import type { Kysely } from 'kysely';

// Supervisors' figures (issue 7). The stats_* tables are a per-book projection of the entries and
// the audit log, made by one pure function (src/lib/stats/book-rollup.ts) and rebuilt for a book
// whenever its entries or audit rows change: never counters bumped by hand. stats_watermark says
// how far the projection has read. Sampling audits draw approved entries for a third person to re-check.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('stats_book')
		.addColumn('book_id', 'text', (c) => c.primaryKey().references('book.id').onDelete('cascade'))
		.addColumn('unit_code', 'text', (c) => c.notNull())
		.addColumn('register_type', 'text', (c) => c.notNull())
		.addColumn('expected', 'integer', (c) => c.notNull())
		.addColumn('imported', 'integer', (c) => c.notNull())
		.addColumn('prefilled', 'integer', (c) => c.notNull())
		.addColumn('in_progress', 'integer', (c) => c.notNull())
		.addColumn('submitted', 'integer', (c) => c.notNull())
		.addColumn('returned', 'integer', (c) => c.notNull())
		.addColumn('approved', 'integer', (c) => c.notNull())
		.addColumn('exported', 'integer', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('stats_book_unit').on('stats_book').column('unit_code').execute();

	await db.schema
		.createTable('stats_book_day')
		.addColumn('book_id', 'text', (c) => c.notNull().references('book.id').onDelete('cascade'))
		.addColumn('day', 'text', (c) => c.notNull())
		.addColumn('unit_code', 'text', (c) => c.notNull())
		.addColumn('imported', 'integer', (c) => c.notNull())
		.addColumn('submitted', 'integer', (c) => c.notNull())
		.addColumn('approved', 'integer', (c) => c.notNull())
		.addColumn('exported', 'integer', (c) => c.notNull())
		.addColumn('approvals', 'integer', (c) => c.notNull())
		.addColumn('first_pass', 'integer', (c) => c.notNull())
		.addColumn('returns', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('stats_book_day_pk', ['book_id', 'day'])
		.execute();
	await db.schema
		.createIndex('stats_book_day_unit')
		.on('stats_book_day')
		.columns(['unit_code', 'day'])
		.execute();

	await db.schema
		.createTable('stats_field_day')
		.addColumn('book_id', 'text', (c) => c.notNull().references('book.id').onDelete('cascade'))
		.addColumn('day', 'text', (c) => c.notNull())
		.addColumn('field_key', 'text', (c) => c.notNull())
		.addColumn('unit_code', 'text', (c) => c.notNull())
		.addColumn('register_type', 'text', (c) => c.notNull())
		.addColumn('fields', 'integer', (c) => c.notNull())
		.addColumn('ocr', 'integer', (c) => c.notNull())
		.addColumn('kept', 'integer', (c) => c.notNull())
		.addColumn('cer_edits', 'integer', (c) => c.notNull())
		.addColumn('cer_chars', 'integer', (c) => c.notNull())
		.addColumn('changed', 'integer', (c) => c.notNull())
		.addColumn('flagged', 'integer', (c) => c.notNull())
		.addColumn('flagged_changed', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('stats_field_day_pk', ['book_id', 'day', 'field_key'])
		.execute();
	await db.schema
		.createIndex('stats_field_day_unit')
		.on('stats_field_day')
		.columns(['unit_code', 'day'])
		.execute();

	await db.schema
		.createTable('stats_user_day')
		.addColumn('book_id', 'text', (c) => c.notNull().references('book.id').onDelete('cascade'))
		.addColumn('day', 'text', (c) => c.notNull())
		.addColumn('user_id', 'text', (c) => c.notNull())
		.addColumn('unit_code', 'text', (c) => c.notNull())
		// What the user did that day.
		.addColumn('edited', 'integer', (c) => c.notNull())
		.addColumn('submitted', 'integer', (c) => c.notNull())
		.addColumn('approved', 'integer', (c) => c.notNull())
		.addColumn('returned', 'integer', (c) => c.notNull())
		// How their submitted work was judged that day.
		.addColumn('judged_fields', 'integer', (c) => c.notNull())
		.addColumn('judged_changed', 'integer', (c) => c.notNull())
		.addColumn('judged_against', 'integer', (c) => c.notNull())
		.addColumn('judged_approvals', 'integer', (c) => c.notNull())
		.addColumn('judged_first_pass', 'integer', (c) => c.notNull())
		.addColumn('judged_returns', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('stats_user_day_pk', ['book_id', 'day', 'user_id'])
		.execute();
	await db.schema
		.createIndex('stats_user_day_unit')
		.on('stats_user_day')
		.columns(['unit_code', 'day'])
		.execute();

	await db.schema
		.createTable('stats_reason_day')
		.addColumn('book_id', 'text', (c) => c.notNull().references('book.id').onDelete('cascade'))
		.addColumn('day', 'text', (c) => c.notNull())
		.addColumn('code', 'text', (c) => c.notNull())
		.addColumn('unit_code', 'text', (c) => c.notNull())
		.addColumn('n', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('stats_reason_day_pk', ['book_id', 'day', 'code'])
		.execute();

	await db.schema
		.createTable('stats_watermark')
		.addColumn('id', 'integer', (c) => c.primaryKey())
		.addColumn('audit_seq', 'bigint', (c) => c.notNull())
		// When the projection last caught up (for the record).
		.addColumn('entries_at', 'text', (c) => c.notNull())
		.execute();
	await db.insertInto('stats_watermark').values({ id: 1, audit_seq: 0, entries_at: '' }).execute();

	// Work waiting for approval, oldest first, per unit.
	await db.schema
		.createIndex('entry_state_unit_updated_idx')
		.on('entry')
		.columns(['state', 'unit_code', 'updated_at'])
		.execute();

	await db.schema
		.createTable('sample_audit')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('book_id', 'text', (c) => c.notNull().references('book.id').onDelete('cascade'))
		.addColumn('seed', 'text', (c) => c.notNull())
		.addColumn('random_size', 'integer', (c) => c.notNull())
		.addColumn('risk_size', 'integer', (c) => c.notNull())
		// Largest acceptable error rate, in [0,1].
		.addColumn('threshold', 'real', (c) => c.notNull())
		// 1: the book may not be exported until the audit passes.
		.addColumn('hold', 'integer', (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.notNull().references('app_user.id'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('sample_audit_book')
		.on('sample_audit')
		.columns(['book_id', 'created_at'])
		.execute();
	await db.schema
		.createTable('sample_audit_item')
		.addColumn('audit_id', 'text', (c) =>
			c.notNull().references('sample_audit.id').onDelete('cascade')
		)
		.addColumn('entry_id', 'text', (c) => c.notNull().references('entry.id').onDelete('cascade'))
		// 'random' (counts in the error rate) or 'risk' (drawn for its risk; shown apart).
		.addColumn('part', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		// null until checked; then 'ok' or 'error'.
		.addColumn('result', 'text')
		.addColumn('note', 'text')
		.addColumn('checked_by', 'text', (c) => c.references('app_user.id'))
		.addColumn('checked_at', 'text')
		.addPrimaryKeyConstraint('sample_audit_item_pk', ['audit_id', 'entry_id'])
		.execute();
}
