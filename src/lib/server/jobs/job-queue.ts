import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB, JobRow } from '../db/schema';
import type { Dialect } from '../db/connect';
import { encodeFailure, workerStopped, type JobFailure } from './job-failure';

export interface JobProgress {
	done: number;
	total: number;
}

/**
 * A durable job queue in the database (DESIGN.md "Background work"): jobs survive restarts; a worker
 * holds a job by a lease it renews while working; a job whose lease ran out (its worker died) is
 * claimed again, at most `max_attempts` times, then marked failed with the error kept for the admin.
 */
export class JobQueue {
	constructor(
		private readonly db: Kysely<DB>,
		private readonly dialect: Dialect,
		private readonly now: () => Date
	) {}

	async enqueue(
		kind: string,
		payload: unknown,
		opts: {
			maxAttempts?: number;
			/** The caller's transaction: the job is queued if and only if that work commits. */
			db?: Kysely<DB>;
		} = {}
	): Promise<string> {
		const id = randomUUID();
		const at = this.now().toISOString();
		await (opts.db ?? this.db)
			.insertInto('job')
			.values({
				id,
				kind,
				payload: JSON.stringify(payload),
				state: 'queued',
				attempts: 0,
				max_attempts: opts.maxAttempts ?? 3,
				progress_done: 0,
				progress_total: 0,
				lease_until: null,
				locked_by: null,
				error: null,
				created_at: at,
				updated_at: at
			})
			.execute();
		return id;
	}

	/**
	 * Takes the oldest runnable job of the given kinds: queued, or running with an expired lease.
	 * On PostgreSQL `FOR UPDATE SKIP LOCKED` lets many workers claim side by side; SQLite has one
	 * writer at a time, so the conditional UPDATE is enough.
	 */
	async claim(workerId: string, kinds: readonly string[], leaseMs: number): Promise<JobRow | null> {
		const now = this.now();
		const nowIso = now.toISOString();
		const lease = new Date(now.getTime() + leaseMs).toISOString();
		return this.db.transaction().execute(async (trx) => {
			// Jobs whose worker died too often are given up on, with the reason.
			await trx
				.updateTable('job')
				.set({
					state: 'failed',
					error: sql<string>`coalesce(error, ${encodeFailure(workerStopped)})`,
					updated_at: nowIso
				})
				.where('state', '=', 'running')
				.where('lease_until', '<', nowIso)
				.where((eb) => eb('attempts', '>=', eb.ref('max_attempts')))
				.execute();
			let q = trx
				.selectFrom('job')
				.select('id')
				.where('kind', 'in', kinds)
				.where((eb) =>
					eb.or([
						eb('state', '=', 'queued'),
						eb.and([eb('state', '=', 'running'), eb('lease_until', '<', nowIso)])
					])
				)
				.where((eb) => eb('attempts', '<', eb.ref('max_attempts')))
				.orderBy('created_at')
				.limit(1);
			if (this.dialect === 'postgres') q = q.forUpdate().skipLocked();
			const next = await q.executeTakeFirst();
			if (!next) return null;
			return (
				(await trx
					.updateTable('job')
					.set((eb) => ({
						state: 'running',
						attempts: eb('attempts', '+', 1),
						lease_until: lease,
						locked_by: workerId,
						updated_at: nowIso
					}))
					.where('id', '=', next.id)
					.returningAll()
					.executeTakeFirst()) ?? null
			);
		});
	}

	/** Renews the lease and records progress; false when the job is no longer this worker's. */
	async heartbeat(
		id: string,
		workerId: string,
		leaseMs: number,
		progress?: JobProgress
	): Promise<boolean> {
		const now = this.now();
		const res = await this.db
			.updateTable('job')
			.set({
				lease_until: new Date(now.getTime() + leaseMs).toISOString(),
				updated_at: now.toISOString(),
				...(progress ? { progress_done: progress.done, progress_total: progress.total } : {})
			})
			.where('id', '=', id)
			.where('locked_by', '=', workerId)
			.where('state', '=', 'running')
			.executeTakeFirst();
		return Number(res.numUpdatedRows) === 1;
	}

	async complete(id: string, workerId: string): Promise<void> {
		await this.db
			.updateTable('job')
			.set({ state: 'done', lease_until: null, error: null, updated_at: this.now().toISOString() })
			.where('id', '=', id)
			.where('locked_by', '=', workerId)
			.execute();
	}

	/** Gives a job back unfinished (the worker is shutting down); the attempt does not count. */
	async release(id: string, workerId: string): Promise<void> {
		await this.db
			.updateTable('job')
			.set((eb) => ({
				state: 'queued',
				attempts: eb('attempts', '-', 1),
				lease_until: null,
				locked_by: null,
				updated_at: this.now().toISOString()
			}))
			.where('id', '=', id)
			.where('locked_by', '=', workerId)
			.where('state', '=', 'running')
			.execute();
	}

	/** A failed attempt: back to the queue while attempts remain, else failed for good. */
	async fail(id: string, workerId: string, failure: JobFailure): Promise<void> {
		const job = await this.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
		if (!job || job.locked_by !== workerId) return;
		await this.db
			.updateTable('job')
			.set({
				state: job.attempts >= job.max_attempts ? 'failed' : 'queued',
				error: encodeFailure(failure),
				lease_until: null,
				locked_by: null,
				updated_at: this.now().toISOString()
			})
			.where('id', '=', id)
			.execute();
	}

	get(id: string): Promise<JobRow | undefined> {
		return this.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
	}

	/** Jobs given up on, most recent first. */
	failed(limit = 200): Promise<JobRow[]> {
		return this.db
			.selectFrom('job')
			.selectAll()
			.where('state', '=', 'failed')
			.orderBy('updated_at', 'desc')
			.limit(limit)
			.execute();
	}

	/**
	 * Queues a failed job again with all its attempts (an admin fixed the cause); false when it is
	 * not failed (any more). Call it with the transaction that audits the retry.
	 */
	async requeueFailed(id: string, db: Kysely<DB> = this.db): Promise<boolean> {
		const res = await db
			.updateTable('job')
			.set({
				state: 'queued',
				attempts: 0,
				error: null,
				lease_until: null,
				locked_by: null,
				progress_done: 0,
				progress_total: 0,
				updated_at: this.now().toISOString()
			})
			.where('id', '=', id)
			.where('state', '=', 'failed')
			.executeTakeFirst();
		return Number(res.numUpdatedRows) === 1;
	}

	list(limit = 100): Promise<JobRow[]> {
		return this.db
			.selectFrom('job')
			.selectAll()
			.orderBy('created_at', 'desc')
			.limit(limit)
			.execute();
	}
}
