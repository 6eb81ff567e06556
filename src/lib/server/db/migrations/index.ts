import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation';
import * as m0002 from './0002-residents';
import * as m0003 from './0003-page-ocr-state';
import * as m0004 from './0004-ocr-result-cache';
import * as m0005 from './0005-field-ocr-issues';
import * as m0006 from './0006-reconciliation';
import * as m0007 from './0007-exports';
import * as m0008 from './0008-approval';
import * as m0009 from './0009-supervision';
import * as m0011 from './0011-resident-import-indexes';
import * as m0012 from './0012-double-keying';
import * as m0013 from './0013-stats-unit-rollup';
import * as m0015 from './0015-export-lease';
import * as m0016 from './0016-resident-unqueried-indexes';

/**
 * Every migration, in order. Listed in code (not read from a folder) so the bundled server and the
 * CLI carry the same set. Never edit a landed migration: add the next number.
 */
export const migrations: Record<string, Migration> = {
	'0001-foundation': m0001,
	'0002-residents': m0002,
	'0003-page-ocr-state': m0003,
	'0004-ocr-result-cache': m0004,
	'0005-field-ocr-issues': m0005,
	'0006-reconciliation': m0006,
	'0007-exports': m0007,
	'0008-approval': m0008,
	'0009-supervision': m0009,
	'0011-resident-import-indexes': m0011,
	'0012-double-keying': m0012,
	'0013-stats-unit-rollup': m0013,
	'0015-export-lease': m0015,
	'0016-resident-unqueried-indexes': m0016
};
