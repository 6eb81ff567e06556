import { expect, it } from 'vitest';
import { forEachDatabase } from './databases';
import { JobRunner, type JobHandler } from '../../src/lib/server/jobs/job-runner';
import { readFailure } from '../../src/lib/server/jobs/job-failure';

forEachDatabase('job queue', (t) => {
	const kind = () => `test.${Math.random().toString(36).slice(2, 8)}`;

	it('hands a job to one worker at a time, and to another once the lease has run out', async () => {
		const q = t.services.jobs;
		const k = kind();
		const id = await q.enqueue(k, { n: 1 });
		const first = await q.claim('w1', [k], 60_000);
		expect(first).toMatchObject({ id, state: 'running', attempts: 1, locked_by: 'w1' });
		expect(await q.claim('w2', [k], 60_000)).toBeNull();

		// w1 dies: after its lease, w2 resumes the job and w1 can no longer report or finish it.
		t.clock.advance(61_000);
		const resumed = await q.claim('w2', [k], 60_000);
		expect(resumed).toMatchObject({ id, attempts: 2, locked_by: 'w2' });
		expect(await q.heartbeat(id, 'w1', 60_000, { done: 1, total: 2 })).toBe(false);
		await q.complete(id, 'w1');
		expect((await q.get(id))?.state).toBe('running');
		await q.complete(id, 'w2');
		expect((await q.get(id))?.state).toBe('done');
		t.clock.reset();
	});

	it('never gives the same job to two workers claiming at once', async () => {
		const q = t.services.jobs;
		const k = kind();
		const ids = await Promise.all([1, 2, 3, 4].map((n) => q.enqueue(k, { n })));
		const claims = await Promise.all(
			['a', 'b', 'c', 'd', 'e', 'f'].map((w) => q.claim(w, [k], 60_000))
		);
		const got = claims.filter((c) => c !== null).map((c) => c.id);
		expect(new Set(got).size).toBe(got.length);
		expect(got.sort()).toEqual([...ids].sort());
	});

	it('retries a failing job, then gives up with its error', async () => {
		const q = t.services.jobs;
		const k = kind();
		const id = await q.enqueue(k, {}, { maxAttempts: 2 });
		let calls = 0;
		const failing: JobHandler = async () => {
			calls++;
			throw new Error('page 3: cannot decode');
		};
		const runner = new JobRunner(q, { [k]: failing });
		expect(await runner.runOnce()).toBe(true);
		expect((await q.get(id))?.state).toBe('queued');
		expect(await runner.runOnce()).toBe(true);
		expect(await runner.runOnce()).toBe(false);
		expect(calls).toBe(2);
		const failed = await q.get(id);
		expect(failed).toMatchObject({ state: 'failed', attempts: 2 });
		// Kept as a code for the admin, never the error's own words (they can quote a person).
		expect(readFailure(failed!.error)).toEqual({
			code: 'job.failure.unexpected',
			params: { kind: 'Error' }
		});
		expect(failed!.error).not.toContain('page 3');
	});

	it('gives an unfinished job back when the worker stops, without counting the attempt', async () => {
		const q = t.services.jobs;
		const k = kind();
		const id = await q.enqueue(k, {});
		const steps: number[] = [];
		let runner: JobRunner | null = null;
		const handler: JobHandler = async ({ progress }) => {
			for (let step = 0; step < 5; step++) {
				if (!(await progress({ done: step, total: 5 }))) return;
				steps.push(step);
				if (step === 1) runner!.stop(); // SIGTERM arrives while step 1 runs
			}
		};
		runner = new JobRunner(q, { [k]: handler });
		await runner.runOnce();
		expect(steps).toEqual([0, 1]);
		expect(await q.get(id)).toMatchObject({
			state: 'queued',
			attempts: 0,
			locked_by: null,
			progress_done: 1
		});

		// The next worker resumes it and finishes.
		const next = new JobRunner(q, { [k]: async () => undefined });
		expect(await next.runOnce()).toBe(true);
		expect((await q.get(id))?.state).toBe('done');
	});
});
