import type { Kysely } from 'kysely';
import type { DB, JobRow } from '../db/schema';
import type { SessionUser } from '../auth/session-service';
import type { JobQueue } from '../jobs/job-queue';
import { jobKinds, jobPayloads } from '../jobs/job-kinds';
import { readFailure, type JobFailure } from '../jobs/job-failure';
import { appendAudit } from '../audit/audit-log';
import { AppError, notFound } from '../errors';
import type { Access } from './access';

/** What a failed job was about, as the admin recognises it. */
export interface JobSubject {
	unitCode: string;
	/** The book it read or exported; null for a resident import. */
	bookId: string | null;
	bookTitle: string | null;
	/** The uploaded file of a resident import. */
	fileName: string | null;
}

export interface FailedJobView {
	id: string;
	kind: string;
	failure: JobFailure;
	attempts: number;
	maxAttempts: number;
	failedAt: string;
	subject: JobSubject;
	/**
	 * An export the book has had requested since: retrying this one would build and publish an
	 * older package over the newer, so it is not offered (`job.superseded`).
	 */
	superseded: boolean;
}

/**
 * Background jobs given up on after their last attempt (issue 9: "marked failed with the error
 * shown to the admin"): listed with their coded reason for the admin's page and the book's page,
 * and queued again by an admin once the cause is fixed (audited as `job.retry`).
 */
export class FailedJobService {
	constructor(
		private readonly db: Kysely<DB>,
		private readonly jobs: JobQueue,
		private readonly access: Access,
		private readonly now: () => Date
	) {}

	/** Failed jobs of the units the user sees, most recent first; only one book's when asked. */
	async list(user: SessionUser, opts: { bookId?: string } = {}): Promise<FailedJobView[]> {
		const visible = await this.access.visibleUnits(user);
		const views: FailedJobView[] = [];
		for (const job of await this.jobs.failed()) {
			// A book's page asks on every view: another book's OCR job is skipped without a query.
			if (opts.bookId !== undefined && job.kind === jobKinds.bookOcr) {
				const p = jobPayloads.bookOcr.safeParse(parseJson(job.payload));
				if (p.success && p.data.bookId !== opts.bookId) continue;
			}
			const subject = await this.subjectOf(job);
			if (!subject || !visible.has(subject.unitCode)) continue;
			if (opts.bookId !== undefined && subject.bookId !== opts.bookId) continue;
			views.push(view(job, subject, await this.isSuperseded(job, subject)));
		}
		return views;
	}

	/** Queues a failed job again with all its attempts: admins only, audited in the same transaction. */
	async retry(user: SessionUser, jobId: string): Promise<FailedJobView> {
		if (user.role !== 'admin') throw new AppError(403, 'job.retryForbidden');
		const job = await this.jobs.get(jobId);
		const subject = job ? await this.subjectOf(job) : null;
		if (!job || !subject) throw notFound('job');
		await this.access.assertVisible(user, subject.unitCode, 'job');
		if (job.state !== 'failed') throw new AppError(409, 'job.notFailed');
		if (await this.isSuperseded(job, subject)) throw new AppError(409, 'job.superseded');
		const failure = readFailure(job.error);
		await this.db.transaction().execute(async (trx) => {
			// A concurrent retry by another admin finds it queued already: one audit row, one retry.
			if (!(await this.jobs.requeueFailed(jobId, trx))) throw new AppError(409, 'job.notFailed');
			await appendAudit(trx, {
				actorId: user.id,
				action: 'job.retry',
				subjectType: 'job',
				subjectId: jobId,
				data: {
					kind: job.kind,
					attempts: job.attempts,
					failure: failure?.code ?? null,
					...(subject.bookId ? { book: subject.bookId } : {})
				},
				at: this.now().toISOString()
			});
		});
		return view(job, subject, false);
	}

	/**
	 * Only a book's latest export may be retried: an older one would replace the newer package.
	 * `subject` is the job's, so the export's book is not looked up twice.
	 */
	private async isSuperseded(job: JobRow, subject: JobSubject): Promise<boolean> {
		if (job.kind !== jobKinds.bookExport || subject.bookId === null) return false;
		const p = jobPayloads.bookExport.safeParse(parseJson(job.payload));
		if (!p.success) return false;
		// The same order as the export service's latest row: request time, then id.
		const latest = await this.db
			.selectFrom('book_export')
			.select('id')
			.where('book_id', '=', subject.bookId)
			.orderBy('requested_at', 'desc')
			.orderBy('id', 'desc')
			.executeTakeFirst();
		return latest !== undefined && latest.id !== p.data.exportId;
	}

	/** The book or unit a job's payload names; null when it no longer exists or is not known. */
	private async subjectOf(job: JobRow): Promise<JobSubject | null> {
		const payload = parseJson(job.payload);
		if (job.kind === jobKinds.bookOcr) {
			const p = jobPayloads.bookOcr.safeParse(payload);
			return p.success ? this.bookSubject(p.data.bookId) : null;
		}
		if (job.kind === jobKinds.bookExport) {
			const p = jobPayloads.bookExport.safeParse(payload);
			if (!p.success) return null;
			const row = await this.db
				.selectFrom('book_export')
				.select('book_id')
				.where('id', '=', p.data.exportId)
				.executeTakeFirst();
			return row ? this.bookSubject(row.book_id) : null;
		}
		if (job.kind === jobKinds.residentsImport) {
			const p = jobPayloads.residentsImport.safeParse(payload);
			if (!p.success) return null;
			return {
				unitCode: p.data.unitCode,
				bookId: null,
				bookTitle: null,
				fileName: p.data.fileName
			};
		}
		return null;
	}

	private async bookSubject(bookId: string): Promise<JobSubject | null> {
		const book = await this.db
			.selectFrom('book')
			.select(['id', 'title', 'unit_code'])
			.where('id', '=', bookId)
			.executeTakeFirst();
		return book
			? { unitCode: book.unit_code, bookId: book.id, bookTitle: book.title, fileName: null }
			: null;
	}
}

function view(job: JobRow, subject: JobSubject, superseded: boolean): FailedJobView {
	return {
		id: job.id,
		kind: job.kind,
		failure: readFailure(job.error) ?? { code: 'job.failure.unexpected', params: { kind: '?' } },
		attempts: job.attempts,
		maxAttempts: job.max_attempts,
		failedAt: job.updated_at,
		subject,
		superseded
	};
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return null;
	}
}
