import { CliError, type CliIo } from './io';
import { AppError } from '../lib/server/errors';
import { ConfigError } from '../lib/server/env';
import { t } from '../lib/i18n/index';
import { migrateCommand } from './commands/migrate';
import { demoCommand } from './commands/demo';
import { userCommand } from './commands/user';
import { unitsCommand } from './commands/units';
import { auditCommand } from './commands/audit';

type Command = (argv: string[], io: CliIo) => Promise<number>;

const commands: Record<string, { run: Command; help: string }> = {
	migrate: {
		run: migrateCommand,
		help: 'migrate                      bring the database schema up to date'
	},
	demo: {
		run: demoCommand,
		help: 'demo [--reset]               seed the demo (province, users, books, residents)'
	},
	user: {
		run: userCommand,
		help: 'user add --username U --role R --unit CODE [--unit CODE…] [--password-stdin]'
	},
	units: { run: unitsCommand, help: 'units list [--json]          the administrative units' },
	audit: {
		run: auditCommand,
		help: 'audit verify                 check the hash-chained audit log (exit 1 on any break)'
	},
	ocr: {
		// Loaded on use: the OCR engine and OpenCV are heavy and most commands never need them.
		run: async (argv, io) => (await import('./commands/ocr')).ocrCommand(argv, io),
		help: 'ocr FILE… [--type T] [--template FILE.json] --json   OCR scans to JSON Lines'
	},
	'import-book': {
		// Loaded on use, like `ocr`: splitting scans pulls in sharp, pdf-lib and the OCR pipeline.
		run: async (argv, io) => (await import('./commands/import-book')).importBookCommand(argv, io),
		help: 'import-book FILE… --unit CODE --type T --book NUMBER --year YYYY   a book from scans (prints its id; OCR queued)'
	},
	reconcile: {
		// Loaded on use: the matching engine and the extract readers (exceljs).
		run: async (argv, io) => (await import('./commands/reconcile')).reconcileCommand(argv, io),
		help: 'reconcile --residents FILE.csv|.xlsx --entries FILE.jsonl [--top 5] [--json]   match entries to residents'
	},
	residents: {
		run: async (argv, io) => (await import('./commands/residents')).residentsCommand(argv, io),
		help: 'residents import FILE.csv|.xlsx --unit CODE   import a resident-database extract (updates in place)'
	},
	export: {
		// Loaded on use, like `ocr`: it pulls in sharp, pdf-lib, exceljs and OpenCV.
		run: async (argv, io) => (await import('./commands/export')).exportCommand(argv, io),
		help: "export --book ID --out DIR [--name-pattern P] [--greyscale]   a book's package (prints the zip path)"
	},
	backup: {
		run: async (argv, io) => (await import('./commands/backup')).backupCommand(argv, io),
		help: 'backup --out FILE.tar|DIR [--json]   a consistent copy of the database and blobs, while running'
	},
	restore: {
		run: async (argv, io) => (await import('./commands/backup')).restoreCommand(argv, io),
		help: 'restore --from FILE.tar [--force] [--json]   verify a backup, restore it, check the audit log'
	},
	worker: {
		run: async (argv, io) => (await import('./commands/worker')).workerCommand(argv, io),
		help: 'worker [--once]              run background jobs (OCR of imported books)'
	}
};

export function registerCommand(name: string, run: Command, help: string): void {
	commands[name] = { run, help };
}

function usage(): string {
	return (
		['usage: sohoa <command> [options]', ...Object.values(commands).map((c) => `  ${c.help}`)].join(
			'\n'
		) + '\n'
	);
}

export async function main(argv: string[], io: CliIo): Promise<number> {
	const [name, ...rest] = argv;
	if (!name || name === '--help' || name === '-h' || name === 'help') {
		io.stdout.write(usage());
		return name ? 0 : 2;
	}
	const command = commands[name];
	if (!command) {
		io.stderr.write(`sohoa: unknown command "${name}" (try: sohoa --help)\n`);
		return 2;
	}
	try {
		return await command.run(rest, io);
	} catch (e) {
		if (e instanceof CliError) {
			io.stderr.write(`sohoa ${name}: ${e.message}\n`);
			return e.exitCode;
		}
		if (e instanceof AppError) {
			// Service refusals carry a code; the CLI speaks English and Vietnamese on one line.
			io.stderr.write(
				`sohoa ${name}: ${t('en', e.code, e.params)} / ${t('vi', e.code, e.params)}\n`
			);
			return 1;
		}
		if (e instanceof ConfigError) {
			io.stderr.write(`sohoa ${name}: ${e.message}\n`);
			return 2;
		}
		throw e;
	}
}
