import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { BookRow, DB } from '../db/schema';
import type { SessionUser } from '../auth/session-service';
import type { Access } from './access';
import type { Refusal } from './export-service';
import { appendAudit } from '../audit/audit-log';
import { AppError, notFound } from '../errors';
import { drawSample } from '../../stats/sample';
import { entryRisk, summariseAudit, type AuditSummary } from '../../stats/audit-summary';
import { LOW_CONFIDENCE, unitConfidence } from '../../workbench/confidence';

export interface DrawInput {
	bookId: string;
	randomSize: number;
	riskSize: number;
	/** Largest acceptable error rate, in [0,1]. */
	threshold: number;
	hold: boolean;
	seed?: string;
}

export interface AuditItemView {
	entryId: string;
	seq: number;
	part: 'random' | 'risk';
	position: number;
	result: 'ok' | 'error' | null;
	note: string | null;
	checkedBy: string | null;
	checkedAt: string | null;
}

export interface AuditView {
	id: string;
	bookId: string;
	bookTitle: string;
	unitCode: string;
	seed: string;
	threshold: number;
	hold: boolean;
	createdBy: string;
	createdAt: string;
	items: AuditItemView[];
	summary: AuditSummary;
}

const DONE_STATES = ['approved', 'exported'];

/**
 * Sampling audits: a supervisor draws approved entries of a book for a third person to re-check
 * against the scan; the measured error rate (with its confidence interval) can hold the book back
 * from export until it is at most the supervisor's threshold. Every draw and check is audited.
 */
export class SamplingService {
	constructor(
		private readonly db: Kysely<DB>,
		private readonly access: Access,
		private readonly now: () => Date
	) {}

	async draw(user: SessionUser, input: DrawInput): Promise<string> {
		const book = await this.visibleBook(user, input.bookId);
		const entries = await this.db
			.selectFrom('entry')
			.select(['id'])
			.where('book_id', '=', book.id)
			.where('state', 'in', DONE_STATES)
			.execute();
		if (entries.length === 0) throw new AppError(409, 'audit.nothingApproved');
		const risk = await this.risks(book.id);
		const seed = input.seed ?? randomBytes(8).toString('hex');
		const drawn = drawSample(
			entries.map((e) => ({ id: e.id, risk: risk.get(e.id) ?? 1 })),
			input.randomSize,
			input.riskSize,
			seed
		);
		const id = randomUUID();
		const at = this.now().toISOString();
		await this.db.transaction().execute(async (trx) => {
			await trx
				.insertInto('sample_audit')
				.values({
					id,
					book_id: book.id,
					seed,
					random_size: drawn.random.length,
					risk_size: drawn.risk.length,
					threshold: input.threshold,
					hold: input.hold ? 1 : 0,
					created_by: user.id,
					created_at: at
				})
				.execute();
			const items = [
				...drawn.random.map((entry_id, i) => ({ entry_id, part: 'random' as const, position: i })),
				...drawn.risk.map((entry_id, i) => ({ entry_id, part: 'risk' as const, position: i }))
			];
			for (let i = 0; i < items.length; i += 400)
				await trx
					.insertInto('sample_audit_item')
					.values(
						items.slice(i, i + 400).map((x) => ({
							audit_id: id,
							...x,
							result: null,
							note: null,
							checked_by: null,
							checked_at: null
						}))
					)
					.execute();
			await appendAudit(trx, {
				actorId: user.id,
				action: 'sample.draw',
				subjectType: 'book',
				subjectId: book.id,
				data: {
					audit: id,
					seed,
					random: drawn.random.length,
					risk: drawn.risk.length,
					threshold: input.threshold,
					hold: input.hold
				},
				at
			});
		});
		return id;
	}

	/** Records one re-check; the checker must be a third person (not who transcribed, submitted or approved it). */
	async record(
		user: SessionUser,
		auditId: string,
		entryId: string,
		result: 'ok' | 'error',
		note: string | null
	): Promise<AuditView> {
		const audit = await this.get(user, auditId);
		const item = audit.items.find((i) => i.entryId === entryId);
		if (!item) throw notFound('entry');
		if (item.result !== null) throw new AppError(409, 'audit.alreadyChecked');
		const entry = await this.db
			.selectFrom('entry')
			.select(['transcribed_by', 'last_edited_by', 'submitted_by', 'approved_by'])
			.where('id', '=', entryId)
			.executeTakeFirstOrThrow();
		const involved = [
			entry.transcribed_by,
			entry.last_edited_by,
			entry.submitted_by,
			entry.approved_by
		];
		if (involved.includes(user.id)) throw new AppError(403, 'audit.notThirdPerson');
		const at = this.now().toISOString();
		await this.db.transaction().execute(async (trx) => {
			const done = await trx
				.updateTable('sample_audit_item')
				.set({ result, note, checked_by: user.id, checked_at: at })
				.where('audit_id', '=', auditId)
				.where('entry_id', '=', entryId)
				.where('result', 'is', null)
				.executeTakeFirst();
			if (Number(done.numUpdatedRows) !== 1) throw new AppError(409, 'audit.alreadyChecked');
			await appendAudit(trx, {
				actorId: user.id,
				action: 'sample.check',
				subjectType: 'entry',
				subjectId: entryId,
				data: { audit: auditId, result, note },
				at
			});
		});
		return this.get(user, auditId);
	}

	async get(user: SessionUser, auditId: string): Promise<AuditView> {
		const a = await this.db
			.selectFrom('sample_audit')
			.innerJoin('book', 'book.id', 'sample_audit.book_id')
			.selectAll('sample_audit')
			.select(['book.title', 'book.unit_code'])
			.where('sample_audit.id', '=', auditId)
			.executeTakeFirst();
		if (!a) throw notFound('audit');
		await this.access.assertVisible(user, a.unit_code, 'audit');
		return this.view(a);
	}

	/** The latest audits of books in the given units, newest first. */
	async listForUnits(units: readonly string[], limit = 20): Promise<AuditView[]> {
		if (units.length === 0) return [];
		const rows = await this.db
			.selectFrom('sample_audit')
			.innerJoin('book', 'book.id', 'sample_audit.book_id')
			.selectAll('sample_audit')
			.select(['book.title', 'book.unit_code'])
			.where('book.unit_code', 'in', [...units])
			.orderBy('sample_audit.created_at', 'desc')
			.limit(limit)
			.execute();
		return Promise.all(rows.map((r) => this.view(r)));
	}

	/** The export hook: the book's latest holding audit must have passed. */
	hold = async (book: BookRow): Promise<Refusal | null> => {
		const a = await this.db
			.selectFrom('sample_audit')
			.selectAll()
			.where('book_id', '=', book.id)
			.where('hold', '=', 1)
			.orderBy('created_at', 'desc')
			.limit(1)
			.executeTakeFirst();
		if (!a) return null;
		const items = await this.db
			.selectFrom('sample_audit_item')
			.select(['part', 'result'])
			.where('audit_id', '=', a.id)
			.execute();
		const s = summariseAudit(items, Number(a.threshold));
		if (s.status === 'passed') return null;
		return s.status === 'pending'
			? {
					code: 'audit.holdPending',
					params: { checked: s.randomChecked, size: s.randomSize }
				}
			: {
					code: 'audit.holdFailed',
					params: {
						rate: Math.round((s.errorRate ?? 0) * 1000) / 10,
						threshold: Math.round(Number(a.threshold) * 1000) / 10
					}
				};
	};

	private async view(
		a: DB['sample_audit'] & { title: string; unit_code: string }
	): Promise<AuditView> {
		const items = await this.db
			.selectFrom('sample_audit_item')
			.innerJoin('entry', 'entry.id', 'sample_audit_item.entry_id')
			.selectAll('sample_audit_item')
			.select('entry.seq')
			.where('audit_id', '=', a.id)
			.orderBy('part', 'desc')
			.orderBy('position')
			.execute();
		const threshold = Number(a.threshold);
		return {
			id: a.id,
			bookId: a.book_id,
			bookTitle: a.title,
			unitCode: a.unit_code,
			seed: a.seed,
			threshold,
			hold: Number(a.hold) === 1,
			createdBy: a.created_by,
			createdAt: a.created_at,
			items: items.map((i) => ({
				entryId: i.entry_id,
				seq: Number(i.seq),
				part: i.part,
				position: Number(i.position),
				result: i.result,
				note: i.note,
				checkedBy: i.checked_by,
				checkedAt: i.checked_at
			})),
			summary: summariseAudit(items, threshold)
		};
	}

	private async visibleBook(user: SessionUser, bookId: string): Promise<BookRow> {
		const book = await this.db
			.selectFrom('book')
			.selectAll()
			.where('id', '=', bookId)
			.executeTakeFirst();
		if (!book) throw notFound('book');
		await this.access.assertVisible(user, book.unit_code, 'book');
		return book;
	}

	/** Each approved entry's risk weight (entry-risk rule) from its fields and its returns. */
	private async risks(bookId: string): Promise<Map<string, number>> {
		const fields = await this.db
			.selectFrom('entry_field')
			.innerJoin('entry', 'entry.id', 'entry_field.entry_id')
			.select(['entry_field.entry_id', 'value', 'ocr_value', 'ocr_confidence', 'ocr_issues'])
			.where('entry.book_id', '=', bookId)
			.where('entry.state', 'in', DONE_STATES)
			.execute();
		const returns = await this.db
			.selectFrom('audit_log')
			.select(['subject_id', (eb) => eb.fn.countAll<number>().as('n')])
			.where('subject_type', '=', 'entry')
			.where('action', '=', 'entry.return')
			.where('subject_id', 'in', (eb) =>
				eb.selectFrom('entry').select('id').where('book_id', '=', bookId)
			)
			.groupBy('subject_id')
			.execute();
		const acc = new Map<string, { flagged: number; changed: number; returns: number }>();
		const get = (id: string) => {
			let v = acc.get(id);
			if (!v) acc.set(id, (v = { flagged: 0, changed: 0, returns: 0 }));
			return v;
		};
		for (const f of fields) {
			const a = get(f.entry_id);
			const c = unitConfidence(f.ocr_confidence === null ? null : Number(f.ocr_confidence));
			const issues = f.ocr_issues && f.ocr_issues !== '[]';
			if ((c !== null && c < LOW_CONFIDENCE) || issues) a.flagged++;
			if (f.ocr_value !== null && f.ocr_value !== f.value) a.changed++;
		}
		for (const r of returns) get(r.subject_id).returns = Number(r.n);
		return new Map([...acc].map(([id, v]) => [id, entryRisk(v)]));
	}
}
