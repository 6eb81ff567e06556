import { withServices } from '../context';
import { usageError, type CliIo } from '../io';
import { parseOrUsage } from './migrate';

export async function unitsCommand(argv: string[], io: CliIo): Promise<number> {
	const { values, positionals } = parseOrUsage(argv, { json: { type: 'boolean' } }, true);
	if (positionals[0] !== 'list' || positionals.length > 1)
		throw usageError('usage: sohoa units list [--json]');
	const units = await withServices((s) => s.units.list());
	if (values.json) {
		io.stdout.write(
			JSON.stringify(
				units.map((u) => ({ code: u.code, name: u.name, level: u.level, parent: u.parent }))
			) + '\n'
		);
	} else {
		for (const u of units)
			io.stdout.write(`${u.code}\t${u.level}\t${u.parent ?? '-'}\t${u.name}\n`);
	}
	return 0;
}
