import { sql, type Kysely } from 'kysely';

// The supervisors' figures per unit (issue 7: a province's dashboard under 500 ms at 1 million
// entries). Each stats_unit_* table is the sum, over a unit's books, of the matching per-book table
// of 0009, rewritten by the projection for every unit whose books it rewrites: a province then sums
// a few rows per unit and day instead of a few per book and day. Filled here from the per-book rows
// so an existing projection needs no rebuild.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('stats_unit_day')
		.addColumn('unit_code', 'text', (c) => c.notNull())
		.addColumn('day', 'text', (c) => c.notNull())
		.addColumn('imported', 'integer', (c) => c.notNull())
		.addColumn('submitted', 'integer', (c) => c.notNull())
		.addColumn('approved', 'integer', (c) => c.notNull())
		.addColumn('exported', 'integer', (c) => c.notNull())
		.addColumn('approvals', 'integer', (c) => c.notNull())
		.addColumn('first_pass', 'integer', (c) => c.notNull())
		.addColumn('returns', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('stats_unit_day_pk', ['unit_code', 'day'])
		.execute();
	await db.schema
		.createTable('stats_unit_field_day')
		.addColumn('unit_code', 'text', (c) => c.notNull())
		.addColumn('day', 'text', (c) => c.notNull())
		.addColumn('register_type', 'text', (c) => c.notNull())
		.addColumn('field_key', 'text', (c) => c.notNull())
		.addColumn('fields', 'integer', (c) => c.notNull())
		.addColumn('ocr', 'integer', (c) => c.notNull())
		.addColumn('kept', 'integer', (c) => c.notNull())
		.addColumn('cer_edits', 'integer', (c) => c.notNull())
		.addColumn('cer_chars', 'integer', (c) => c.notNull())
		.addColumn('changed', 'integer', (c) => c.notNull())
		.addColumn('flagged', 'integer', (c) => c.notNull())
		.addColumn('flagged_changed', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('stats_unit_field_day_pk', [
			'unit_code',
			'day',
			'register_type',
			'field_key'
		])
		.execute();
	await db.schema
		.createTable('stats_unit_user_day')
		.addColumn('unit_code', 'text', (c) => c.notNull())
		.addColumn('day', 'text', (c) => c.notNull())
		.addColumn('user_id', 'text', (c) => c.notNull())
		.addColumn('edited', 'integer', (c) => c.notNull())
		.addColumn('submitted', 'integer', (c) => c.notNull())
		.addColumn('approved', 'integer', (c) => c.notNull())
		.addColumn('returned', 'integer', (c) => c.notNull())
		.addColumn('judged_fields', 'integer', (c) => c.notNull())
		.addColumn('judged_changed', 'integer', (c) => c.notNull())
		.addColumn('judged_against', 'integer', (c) => c.notNull())
		.addColumn('judged_approvals', 'integer', (c) => c.notNull())
		.addColumn('judged_first_pass', 'integer', (c) => c.notNull())
		.addColumn('judged_returns', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('stats_unit_user_day_pk', ['unit_code', 'day', 'user_id'])
		.execute();
	await db.schema
		.createTable('stats_unit_reason_day')
		.addColumn('unit_code', 'text', (c) => c.notNull())
		.addColumn('day', 'text', (c) => c.notNull())
		.addColumn('code', 'text', (c) => c.notNull())
		.addColumn('n', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('stats_unit_reason_day_pk', ['unit_code', 'day', 'code'])
		.execute();
	// The projection re-sums a unit from its books' reason rows.
	await db.schema
		.createIndex('stats_reason_day_unit')
		.on('stats_reason_day')
		.columns(['unit_code', 'day'])
		.execute();

	await sql`insert into stats_unit_day (unit_code, day, imported, submitted, approved, exported, approvals, first_pass, returns)
		select unit_code, day, sum(imported), sum(submitted), sum(approved), sum(exported), sum(approvals), sum(first_pass), sum(returns)
		from stats_book_day group by unit_code, day`.execute(db);
	await sql`insert into stats_unit_field_day (unit_code, day, register_type, field_key, fields, ocr, kept, cer_edits, cer_chars, changed, flagged, flagged_changed)
		select unit_code, day, register_type, field_key, sum(fields), sum(ocr), sum(kept), sum(cer_edits), sum(cer_chars), sum(changed), sum(flagged), sum(flagged_changed)
		from stats_field_day group by unit_code, day, register_type, field_key`.execute(db);
	await sql`insert into stats_unit_user_day (unit_code, day, user_id, edited, submitted, approved, returned, judged_fields, judged_changed, judged_against, judged_approvals, judged_first_pass, judged_returns)
		select unit_code, day, user_id, sum(edited), sum(submitted), sum(approved), sum(returned), sum(judged_fields), sum(judged_changed), sum(judged_against), sum(judged_approvals), sum(judged_first_pass), sum(judged_returns)
		from stats_user_day group by unit_code, day, user_id`.execute(db);
	await sql`insert into stats_unit_reason_day (unit_code, day, code, n)
		select unit_code, day, code, sum(n) from stats_reason_day group by unit_code, day, code`.execute(
		db
	);
}
