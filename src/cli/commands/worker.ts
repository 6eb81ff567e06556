import { withServices } from '../context';
import { readEnv } from '../../lib/server/env';
import type { CliIo } from '../io';
import { parseOrUsage } from './migrate';
import { JobRunner } from '../../lib/server/jobs/job-runner';
import { jobHandlers } from '../../lib/server/jobs/handlers';
import { checkBlobStore } from '../../lib/server/storage/open-blob-store';

/**
 * `sohoa worker [--once]`: a process that claims background jobs (OCR of imported books) from the
 * database queue until stopped (SIGINT/SIGTERM finish the current job first). Several can run on
 * several machines against one PostgreSQL database. `--once` drains the queue and exits.
 */
export async function workerCommand(argv: string[], io: CliIo): Promise<number> {
	const { values } = parseOrUsage(argv, { once: { type: 'boolean' } });
	const leaseMs = readEnv().jobLeaseMs;
	return withServices(async (s) => {
		await checkBlobStore(s.blobs);
		const jobs = jobHandlers(s);
		const runner = new JobRunner(s.jobs, jobs.handlers, {
			leaseMs,
			log: (l) => io.stderr.write(l + '\n')
		});
		io.stderr.write(`sohoa worker ${runner.workerId}: waiting for jobs\n`);
		try {
			if (values.once) {
				while (await runner.runOnce());
				return 0;
			}
			const stop = () => runner.stop();
			process.once('SIGINT', stop);
			process.once('SIGTERM', stop);
			await runner.run();
			return 0;
		} finally {
			await jobs.close();
		}
	});
}
