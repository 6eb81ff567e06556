import type { Kysely } from 'kysely';

// Written for both SQLite and PostgreSQL: only types and constraints both understand.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('unit')
		.addColumn('code', 'text', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('level', 'text', (c) => c.notNull())
		.addColumn('parent_code', 'text', (c) => c.references('unit.code'))
		.execute();
	await db.schema.createIndex('unit_parent_idx').on('unit').column('parent_code').execute();

	await db.schema
		.createTable('app_user')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('username', 'text', (c) => c.notNull().unique())
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('locale', 'text', (c) => c.notNull().defaultTo('vi'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('user_unit')
		.addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
		.addColumn('unit_code', 'text', (c) => c.notNull().references('unit.code'))
		.addPrimaryKeyConstraint('user_unit_pk', ['user_id', 'unit_code'])
		.execute();

	await db.schema
		.createTable('session')
		.addColumn('token_hash', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute();

	await db.schema
		.createTable('login_throttle')
		.addColumn('username', 'text', (c) => c.primaryKey())
		.addColumn('failures', 'integer', (c) => c.notNull())
		.addColumn('first_failure_at', 'text', (c) => c.notNull())
		.addColumn('locked_until', 'text')
		.execute();

	await db.schema
		.createTable('blob')
		.addColumn('hash', 'text', (c) => c.primaryKey())
		.addColumn('mime', 'text', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('book')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('unit_code', 'text', (c) => c.notNull().references('unit.code'))
		.addColumn('register_type', 'text', (c) => c.notNull())
		.addColumn('book_number', 'text', (c) => c.notNull())
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('expected_entries', 'integer')
		.addColumn('template_id', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.references('app_user.id'))
		.execute();
	await db.schema.createIndex('book_unit_idx').on('book').column('unit_code').execute();

	await db.schema
		.createTable('page')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('book_id', 'text', (c) => c.notNull().references('book.id'))
		.addColumn('page_no', 'integer', (c) => c.notNull())
		.addColumn('blob_hash', 'text', (c) => c.notNull().references('blob.hash'))
		.addColumn('width', 'integer', (c) => c.notNull())
		.addColumn('height', 'integer', (c) => c.notNull())
		.addColumn('source_file', 'text', (c) => c.notNull())
		.addColumn('source_page', 'integer', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('page_book_no_uq', ['book_id', 'page_no'])
		.execute();

	await db.schema
		.createTable('entry')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('book_id', 'text', (c) => c.notNull().references('book.id'))
		.addColumn('unit_code', 'text', (c) => c.notNull().references('unit.code'))
		.addColumn('register_type', 'text', (c) => c.notNull())
		.addColumn('page_id', 'text', (c) => c.references('page.id'))
		.addColumn('seq', 'integer', (c) => c.notNull())
		.addColumn('region', 'text')
		.addColumn('state', 'text', (c) => c.notNull())
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('transcribed_by', 'text', (c) => c.references('app_user.id'))
		.addColumn('last_edited_by', 'text', (c) => c.references('app_user.id'))
		.addColumn('submitted_by', 'text', (c) => c.references('app_user.id'))
		.addColumn('approved_by', 'text', (c) => c.references('app_user.id'))
		.addColumn('return_reason', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('entry_book_seq_uq', ['book_id', 'seq'])
		.execute();
	await db.schema
		.createIndex('entry_unit_state_idx')
		.on('entry')
		.columns(['unit_code', 'state'])
		.execute();

	await db.schema
		.createTable('entry_field')
		.addColumn('entry_id', 'text', (c) => c.notNull().references('entry.id').onDelete('cascade'))
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('value', 'text', (c) => c.notNull())
		.addColumn('normalized_override', 'text')
		.addColumn('ocr_value', 'text')
		.addColumn('ocr_confidence', 'real')
		.addColumn('flag', 'text')
		.addColumn('bbox', 'text')
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('updated_by', 'text', (c) => c.references('app_user.id'))
		.addPrimaryKeyConstraint('entry_field_pk', ['entry_id', 'key'])
		.execute();

	// Append-only, hash-chained. `audit_head` holds the chain's tip in one row so that writers on
	// PostgreSQL serialise on it (UPDATE … RETURNING takes the row lock) and SQLite on its write lock.
	await db.schema
		.createTable('audit_log')
		.addColumn('seq', 'bigint', (c) => c.primaryKey())
		.addColumn('at', 'text', (c) => c.notNull())
		.addColumn('actor_id', 'text')
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('subject_type', 'text', (c) => c.notNull())
		.addColumn('subject_id', 'text', (c) => c.notNull())
		.addColumn('data', 'text', (c) => c.notNull())
		.addColumn('prev_hash', 'text', (c) => c.notNull())
		.addColumn('hash', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('audit_subject_idx')
		.on('audit_log')
		.columns(['subject_type', 'subject_id'])
		.execute();
	await db.schema
		.createTable('audit_head')
		.addColumn('id', 'integer', (c) => c.primaryKey())
		.addColumn('seq', 'bigint', (c) => c.notNull())
		.addColumn('hash', 'text', (c) => c.notNull())
		.execute();
	await db
		.insertInto('audit_head')
		.values({ id: 1, seq: 0, hash: '0'.repeat(64) })
		.execute();

	await db.schema
		.createTable('job')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('payload', 'text', (c) => c.notNull())
		.addColumn('state', 'text', (c) => c.notNull())
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(3))
		.addColumn('progress_done', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('progress_total', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('lease_until', 'text')
		.addColumn('locked_by', 'text')
		.addColumn('error', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('job_state_idx').on('job').columns(['state', 'created_at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const t of [
		'job',
		'audit_head',
		'audit_log',
		'entry_field',
		'entry',
		'page',
		'book',
		'blob',
		'login_throttle',
		'session',
		'user_unit',
		'app_user',
		'unit'
	]) {
		await db.schema.dropTable(t).execute();
	}
}
