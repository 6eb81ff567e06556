import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { JobRow } from '../db/schema';
import type { JobProgress, JobQueue } from './job-queue';
import { jobFailure } from './job-failure';
import { renewWhileHeld } from './lease-renewal';

export interface JobContext {
	job: JobRow;
	payload: unknown;
	/**
	 * Report progress (also renews the lease). Resolves false if the job was taken from us or the
	 * worker is stopping: the handler should then return at once, its finished steps kept.
	 */
	progress(p: JobProgress): Promise<boolean>;
}

export type JobHandler = (ctx: JobContext) => Promise<void>;

export interface RunnerOptions {
	leaseMs?: number;
	idleMs?: number;
	log?: (line: string) => void;
}

/**
 * Claims and runs jobs until stopped. Handlers must be resumable: a job may run again after a crash,
 * so each one skips the work it already recorded (pages already stored, entries already prefilled).
 */
export class JobRunner {
	readonly workerId = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
	#stopped = false;
	#wake: (() => void) | null = null;

	constructor(
		private readonly queue: JobQueue,
		private readonly handlers: Record<string, JobHandler>,
		private readonly opts: RunnerOptions = {}
	) {}

	/** Runs one job if there is one; true when it ran something. */
	async runOnce(): Promise<boolean> {
		const leaseMs = this.opts.leaseMs ?? 60_000;
		const job = await this.queue.claim(this.workerId, Object.keys(this.handlers), leaseMs);
		if (!job) return false;
		const handler = this.handlers[job.kind]!;
		const stopRenewing = renewWhileHeld(
			() => this.queue.heartbeat(job.id, this.workerId, leaseMs),
			leaseMs
		);
		try {
			await handler({
				job,
				payload: JSON.parse(job.payload) as unknown,
				progress: async (p) =>
					!this.#stopped && (await this.queue.heartbeat(job.id, this.workerId, leaseMs, p))
			});
			if (this.#stopped) {
				// The handler may have returned early: let the next worker resume the rest.
				await this.queue.release(job.id, this.workerId);
				this.opts.log?.(`job ${job.kind} ${job.id} released (stopping)`);
			} else {
				await this.queue.complete(job.id, this.workerId);
				this.opts.log?.(`job ${job.kind} ${job.id} done`);
			}
		} catch (e) {
			const failure = jobFailure(e);
			await this.queue.fail(job.id, this.workerId, failure);
			// The error's text can quote a person's name: the log gets its kind, the admin its code.
			this.opts.log?.(
				`job ${job.kind} ${job.id} failed (attempt ${job.attempts}: ${failure.code}, ${e instanceof Error ? e.name : typeof e})`
			);
		} finally {
			stopRenewing();
		}
		return true;
	}

	/** Loops until `stop()`; sleeps when the queue is empty and wakes early on `poke()`. */
	async run(): Promise<void> {
		while (!this.#stopped) {
			const ran = await this.runOnce();
			if (!ran && !this.#stopped) {
				await new Promise<void>((resolve) => {
					const timer = setTimeout(resolve, this.opts.idleMs ?? 1000);
					this.#wake = () => {
						clearTimeout(timer);
						resolve();
					};
				});
				this.#wake = null;
			}
		}
	}

	poke(): void {
		this.#wake?.();
	}

	stop(): void {
		this.#stopped = true;
		this.poke();
	}
}
