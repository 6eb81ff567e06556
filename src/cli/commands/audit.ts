import { withServices } from '../context';
import { usageError, type CliIo } from '../io';
import { parseOrUsage } from './migrate';
import { verifyAudit } from '../../lib/server/audit/audit-log';

export async function auditCommand(argv: string[], io: CliIo): Promise<number> {
	const { positionals, values } = parseOrUsage(argv, { json: { type: 'boolean' } }, true);
	if (positionals[0] !== 'verify' || positionals.length > 1)
		throw usageError('usage: sohoa audit verify [--json]');
	const result = await withServices((s) => verifyAudit(s.database.db));
	if (values.json) io.stdout.write(JSON.stringify(result) + '\n');
	if (result.ok) {
		io.stderr.write(`audit log intact: ${result.rows} rows verified\n`);
		return 0;
	}
	for (const b of result.breaks.slice(0, 20))
		io.stderr.write(`audit break: ${b.kind} at row ${b.seq}\n`);
	io.stderr.write(
		`sohoa audit: the audit log is broken (${result.breaks.length} problem(s) in ${result.rows} rows)\n`
	);
	return 1;
}
