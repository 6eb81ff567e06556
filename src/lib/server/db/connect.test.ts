import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type Database } from './connect';

describe('SQLite transactions between processes', () => {
	let dir = '';
	let database: Database | null = null;
	let other: SQLite.Database | null = null;

	afterEach(async () => {
		other?.close();
		await database?.close();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('hold the write lock from their start, so another writer cannot make them fail midway', async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-connect-'));
		const file = path.join(dir, 'sohoa.sqlite');
		database = connect({ sqlitePath: file });
		const { db } = database;
		await sql`CREATE TABLE t (n INTEGER)`.execute(db);
		// Another process (a worker, a CLI command), not waiting for locks.
		other = new SQLite(file, { timeout: 0 });
		const otherWrite = other.prepare('INSERT INTO t VALUES (1)');

		await db.transaction().execute(async (trx) => {
			await sql`SELECT count(*) FROM t`.execute(trx);
			// With a deferred BEGIN this write would pass, and ours below would then be refused
			// (SQLITE_BUSY_SNAPSHOT) instead of waiting.
			expect(() => otherWrite.run()).toThrow(/locked|busy/i);
			await sql`INSERT INTO t VALUES (2)`.execute(trx);
		});

		otherWrite.run();
		expect(other.prepare('SELECT n FROM t ORDER BY n').all()).toEqual([{ n: 1 }, { n: 2 }]);
	});
});
