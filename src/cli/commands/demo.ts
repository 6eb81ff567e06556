import fs from 'node:fs/promises';
import path from 'node:path';
import { readEnv, type Env } from '../../lib/server/env';
import { createServices } from '../../lib/server/container';
import { connectFor, sqlitePath } from '../../lib/server/db/connect';
import { blobsDir } from '../../lib/server/storage/blob-store';
import { seedDemoIfEmpty } from '../../lib/server/demo/seed';
import { CliError, type CliIo } from '../io';
import { parseOrUsage } from './migrate';
import { Migrator, NO_MIGRATIONS } from 'kysely';
import { migrations } from '../../lib/server/db/migrations/index';

export async function demoCommand(argv: string[], io: CliIo): Promise<number> {
	const { values } = parseOrUsage(argv, { reset: { type: 'boolean' } });
	const env = readEnv();
	if (values.reset) await resetData(env);
	const s = await createServices({ env });
	try {
		const seeded = await seedDemoIfEmpty(s, env, (l) => io.stderr.write(l + '\n'));
		if (!seeded) {
			throw new CliError(
				'the database already has users; use `sohoa demo --reset` to wipe it and seed the demo'
			);
		}
		return 0;
	} finally {
		await s.database.close();
	}
}

/** Wipes everything: SQLite file and blobs, or every table of the PostgreSQL schema via the migrations. */
async function resetData(env: Env): Promise<void> {
	const { dataDir } = env;
	if (env.databaseUrl) {
		const database = connectFor(env);
		try {
			const { error } = await new Migrator({
				db: database.db,
				provider: { getMigrations: async () => migrations },
				migrationTableSchema: env.pgSchema
			}).migrateTo(NO_MIGRATIONS);
			if (error) throw error;
		} finally {
			await database.close();
		}
	} else {
		for (const suffix of ['', '-wal', '-shm']) {
			await fs.rm(sqlitePath(env) + suffix, { force: true });
		}
	}
	await fs.rm(blobsDir(env), { recursive: true, force: true });
	await fs.rm(path.join(dataDir, 'demo-logins.txt'), { force: true });
}
