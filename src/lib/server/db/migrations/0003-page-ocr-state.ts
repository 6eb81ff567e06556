import type { Kysely } from 'kysely';

// Whether OCR has read a page: a page where OCR found no entry, or could not be read, must not be
// read again by every resumed job, and its error must reach the clerk.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('page')
		.addColumn('ocr_state', 'text', (c) => c.notNull().defaultTo('pending'))
		.execute();
	await db.schema.alterTable('page').addColumn('ocr_error', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('page').dropColumn('ocr_error').execute();
	await db.schema.alterTable('page').dropColumn('ocr_state').execute();
}
