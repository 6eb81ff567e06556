import { withServices } from '../context';
import { usageError, type CliIo } from '../io';
import { parseOrUsage } from './migrate';
import { generatePassword } from '../../lib/server/auth/password';

const USAGE =
	'usage: sohoa user add --username U --role clerk|officer|supervisor|admin --unit CODE [--unit CODE…] [--name "Full Name"] [--password-stdin]';

export async function userCommand(argv: string[], io: CliIo): Promise<number> {
	const { positionals, values } = parseOrUsage(
		argv,
		{
			username: { type: 'string' },
			role: { type: 'string' },
			unit: { type: 'string', multiple: true },
			name: { type: 'string' },
			'password-stdin': { type: 'boolean' }
		},
		true
	);
	if (positionals[0] !== 'add' || positionals.length > 1) throw usageError(USAGE);
	if (!values.username) throw usageError(`--username is required; ${USAGE}`);
	if (!values.role) throw usageError(`--role is required; ${USAGE}`);
	if (!values.unit?.length) throw usageError(`--unit is required; ${USAGE}`);

	let password: string;
	let generated = false;
	if (values['password-stdin']) {
		password = (await readAll(io.stdin ?? process.stdin)).replace(/\r?\n$/, '');
		if (!password) throw usageError('--password-stdin was given but standard input was empty');
	} else {
		password = generatePassword();
		generated = true;
	}
	const user = await withServices((s) =>
		s.users.add(
			{
				username: values.username!,
				role: values.role!,
				units: values.unit!,
				displayName: values.name,
				password
			},
			null
		)
	);
	io.stderr.write(`added ${user.role} "${user.username}" in ${user.units.join(', ')}\n`);
	// A generated password is shown exactly once.
	if (generated) io.stdout.write(`${user.username}\t${password}\n`);
	return 0;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
	return Buffer.concat(chunks).toString('utf8');
}
