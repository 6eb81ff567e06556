import { parseArgs } from 'node:util';
import { readEnv } from '../../lib/server/env';
import { connectFor, migrateToLatest } from '../../lib/server/db/connect';
import { ensureDataDir } from '../../lib/server/storage/data-dir';
import { seedUnits } from '../../lib/server/services/unit-service';
import { usageError, type CliIo } from '../io';

export async function migrateCommand(argv: string[], io: CliIo): Promise<number> {
	parseOrUsage(argv, {});
	const env = readEnv();
	await ensureDataDir(env.dataDir);
	const database = connectFor(env);
	try {
		const applied = await migrateToLatest(database.db, env.pgSchema);
		const units = await seedUnits(database.db);
		io.stderr.write(
			`migrated (${applied.length ? applied.join(', ') : 'already up to date'})${units ? `; loaded ${units} units` : ''}\n`
		);
		return 0;
	} finally {
		await database.close();
	}
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

/** parseArgs with strict checking, turned into a one-line usage error. */
export function parseOrUsage<O extends Options>(
	argv: string[],
	options: O,
	allowPositionals = false
) {
	try {
		return parseArgs({ args: argv, options, strict: true, allowPositionals });
	} catch (e) {
		throw usageError(e instanceof Error ? e.message : String(e));
	}
}
