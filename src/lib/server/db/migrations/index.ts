import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation';

/**
 * Every migration, in order. Listed in code (not read from a folder) so the bundled server and the
 * CLI carry the same set. Never edit a landed migration: add the next number.
 */
export const migrations: Record<string, Migration> = {
	'0001-foundation': m0001
};
