/** Where a command writes: `--json` and results to stdout, logs and progress to stderr. */
export interface CliIo {
	stdout: { write(s: string): unknown };
	stderr: { write(s: string): unknown };
	stdin?: NodeJS.ReadableStream;
}

/** A bad argument or a refused action: printed as one line on stderr, exit status 2 (usage) or 1. */
export class CliError extends Error {
	constructor(
		message: string,
		readonly exitCode = 1
	) {
		super(message);
	}
}

export const usageError = (message: string) => new CliError(message, 2);
