import type { Kysely } from 'kysely';

// Why OCR doubts a prefilled value (low confidence, not of the field's kind, not a Vietnamese
// syllable, disagreeing with another field…): the clerk must see it next to the value.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('entry_field').addColumn('ocr_issues', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('entry_field').dropColumn('ocr_issues').execute();
}
