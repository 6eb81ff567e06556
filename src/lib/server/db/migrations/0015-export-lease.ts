import type { Kysely } from 'kysely';

// A foreground export (`sohoa export`) holds its running row by a lease its process renews, as
// jobs do: a row whose lease ran out belongs to a process that died, and is marked failed
// (interrupted) instead of staying 'running' for ever. Background exports are held by their job.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('book_export').addColumn('lease_until', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('book_export').dropColumn('lease_until').execute();
}
