import { readEnv } from './env';
import { createServices, type Services } from './container';
import { seedDemoIfEmpty } from './demo/seed';
import { JobRunner } from './jobs/job-runner';
import { jobHandlers } from './jobs/handlers';
import { errorForLog } from './log-safe';
import { checkBlobStore } from './storage/open-blob-store';

let services: Promise<Services> | undefined;

/**
 * The server process's services, built once at start-up: migrate, load units, seed the demo
 * when the database is empty (unless SOHOA_DEMO=0), start the background job runners
 * (SOHOA_WORKERS, default 1). A failure here stops the server loudly.
 */
export function getServices(): Promise<Services> {
	return (services ??= (async () => {
		const env = readEnv();
		const s = await createServices({ env });
		await checkBlobStore(s.blobs);
		if (env.demo) await seedDemoIfEmpty(s, env, (line) => console.log(line));
		if (env.workers > 0) startJobRunners(s, env.workers, env.jobLeaseMs);
		const shownHost = env.host === '0.0.0.0' ? '127.0.0.1' : env.host;
		const blobs = env.storage.kind === 's3' ? `, blobs in s3://${env.storage.bucket}/blobs/` : '';
		console.log(`sohoa: ready at http://${shownHost}:${env.port} (data in ${env.dataDir}${blobs})`);
		return s;
	})());
}

/** Runs queued jobs (OCR of imported books) inside the server, as `sohoa worker` does outside it. */
function startJobRunners(s: Services, count: number, leaseMs: number): void {
	const jobs = jobHandlers(s, { ocrThreads: count });
	const log = (line: string) => console.log(`sohoa: ${line}`);
	const runners = Array.from(
		{ length: count },
		() => new JobRunner(s.jobs, jobs.handlers, { leaseMs, log })
	);
	const running = runners.map((r) =>
		r.run().catch((e: unknown) => console.error(`sohoa: job runner stopped: ${errorForLog(e)}`))
	);
	// adapter-node emits this on SIGINT/SIGTERM once requests have drained.
	process.once('sveltekit:shutdown', () => {
		for (const r of runners) r.stop();
		void Promise.all(running).then(() => jobs.close());
	});
}
