import type { Kysely } from 'kysely';

// What OCR read from one image with one layout, so the same scan is never read twice (re-imports,
// a page in two books, a job resumed on another worker). Rows are never updated: a new template or
// engine version makes a new key, and old rows are simply no longer asked for.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('ocr_result')
		.addColumn('cache_key', 'text', (c) => c.primaryKey())
		.addColumn('image_hash', 'text', (c) => c.notNull())
		.addColumn('template_id', 'text', (c) => c.notNull())
		.addColumn('template_version', 'text', (c) => c.notNull())
		.addColumn('engine_version', 'text', (c) => c.notNull())
		.addColumn('result_json', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('ocr_result').execute();
}
