import { access, constants } from 'node:fs/promises';
import { withServices } from '../context';
import type { Services } from '../../lib/server/container';
import { usageError, type CliIo } from '../io';
import { parseOrUsage } from './migrate';

const USAGE = 'usage: sohoa residents import FILE.csv|.xlsx --unit CODE';

/**
 * `sohoa residents import FILE --unit CODE`: streams a population-database extract into the unit's
 * residents (a re-import updates known people in place). Progress on stderr; prints the extract id.
 */
export async function residentsCommand(argv: string[], io: CliIo): Promise<number> {
	const { values, positionals } = parseOrUsage(argv, { unit: { type: 'string' } }, true);
	if (positionals[0] !== 'import' || positionals.length !== 2) throw usageError(USAGE);
	const file = positionals[1]!;
	const unitCode = values.unit?.trim();
	if (!unitCode) throw usageError(`--unit is required; ${USAGE}`);
	try {
		await access(file, constants.R_OK);
	} catch {
		throw usageError(`${file}: no such file or not readable`);
	}
	return withServices((s) => importResidents(s, { file, unitCode }, io));
}

/** The command's work on open services (tests run it on both databases). */
export async function importResidents(
	s: Services,
	{ file, unitCode }: { file: string; unitCode: string },
	io: CliIo
): Promise<number> {
	const started = Date.now();
	const result = await s.residents.importFile(null, {
		unitCode,
		file,
		onProgress: (n) => io.stderr.write(`${n} rows\n`)
	});
	io.stderr.write(
		`imported ${result.rows} rows (${result.inserted} new, ${result.updated} updated) into ${unitCode} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`
	);
	io.stdout.write(`${result.extractId}\n`);
	return 0;
}
