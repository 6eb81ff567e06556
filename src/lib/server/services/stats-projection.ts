import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../db/connect';
import type { DB } from '../db/schema';
import { entryFacts, type FactEvent, type FactField } from '../../stats/entry-facts';
import { rollupBook, type BookRollup } from '../../stats/book-rollup';

/** The audit actions the figures are made of (others do not change them). */
const COUNTED_ACTIONS = [
	'entry.edit',
	'entry.correct',
	'entry.settle',
	'entry.secondKeying',
	'entry.submit',
	'entry.return',
	'entry.approve',
	'entry.export'
];

/**
 * Each per-unit table is the sum of a per-book table over the unit's books: the one rule the
 * projection applies to re-sum a unit (and migration 0013 applied to fill them). A province's
 * dashboard then reads a few rows per unit and day, not a few per book and day.
 */
const UNIT_SUMS = [
	{
		book: 'stats_book_day',
		unit: 'stats_unit_day',
		keys: ['day'],
		sums: ['imported', 'submitted', 'approved', 'exported', 'approvals', 'first_pass', 'returns']
	},
	{
		book: 'stats_field_day',
		unit: 'stats_unit_field_day',
		keys: ['day', 'register_type', 'field_key'],
		sums: [
			'fields',
			'ocr',
			'kept',
			'cer_edits',
			'cer_chars',
			'changed',
			'flagged',
			'flagged_changed'
		]
	},
	{
		book: 'stats_user_day',
		unit: 'stats_unit_user_day',
		keys: ['day', 'user_id'],
		sums: [
			'edited',
			'submitted',
			'approved',
			'returned',
			'judged_fields',
			'judged_changed',
			'judged_against',
			'judged_approvals',
			'judged_first_pass',
			'judged_returns'
		]
	},
	{ book: 'stats_reason_day', unit: 'stats_unit_reason_day', keys: ['day', 'code'], sums: ['n'] }
] as const;

const CHUNK = 400;

const chunks = <T>(xs: readonly T[], n = CHUNK): T[][] => {
	const out: T[][] = [];
	for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
	return out;
};

/**
 * Keeps the stats_* projection in step with the entries and the audit log. Every change to an entry
 * or a book writes an audit row in its transaction, so each refresh finds the books touched since
 * the last one from the audit rows past the watermark (their sequence is gapless and committed in
 * order: writers serialise on audit_head), plus books without a row yet; it rebuilds each book's
 * rows from scratch with `rollupBook`, then re-sums those books' units (`UNIT_SUMS`), so a figure
 * can never drift from its sources: `rebuildAll` gives the same rows.
 */
export class StatsProjection {
	#chain: Promise<unknown> = Promise.resolve();

	constructor(
		private readonly db: Kysely<DB>,
		private readonly now: () => Date,
		private readonly dialect: Dialect = 'sqlite'
	) {}

	/** Brings the projection up to date; concurrent callers queue (each sees what came before it). */
	refresh(): Promise<number> {
		const run = this.#chain.then(() => this.refreshOnce());
		this.#chain = run.catch(() => undefined);
		return run;
	}

	private async refreshOnce(): Promise<number> {
		const startedAt = this.now();
		const mark = await this.db
			.selectFrom('stats_watermark')
			.select(['audit_seq'])
			.where('id', '=', 1)
			.executeTakeFirstOrThrow();
		const head = await this.db
			.selectFrom('audit_log')
			.select((eb) => eb.fn.max('seq').as('seq'))
			.executeTakeFirst();
		const headSeq = Number(head?.seq ?? 0);
		const dirty = new Set<string>();

		if (headSeq > Number(mark.audit_seq)) {
			const rows = await this.db
				.selectFrom('audit_log')
				.select(['subject_type', 'subject_id'])
				.where('seq', '>', mark.audit_seq)
				.where('seq', '<=', headSeq)
				.where('subject_type', 'in', ['entry', 'book'])
				.execute();
			const entryIds = new Set<string>();
			for (const r of rows) {
				if (r.subject_type === 'book') dirty.add(r.subject_id);
				else entryIds.add(r.subject_id);
			}
			for (const part of chunks([...entryIds])) {
				const books = await this.db
					.selectFrom('entry')
					.select('book_id')
					.distinct()
					.where('id', 'in', part)
					.execute();
				for (const b of books) dirty.add(b.book_id);
			}
		}
		const missing = await this.db
			.selectFrom('book')
			.leftJoin('stats_book', 'stats_book.book_id', 'book.id')
			.select('book.id')
			.where('stats_book.book_id', 'is', null)
			.execute();
		for (const b of missing) dirty.add(b.id);

		const units = new Set<string>();
		for (const id of dirty) for (const u of await this.rebuildBook(id)) units.add(u);
		for (const u of units) await this.rebuildUnit(u);
		await this.db
			.updateTable('stats_watermark')
			.set({ audit_seq: headSeq, entries_at: startedAt.toISOString() })
			.where('id', '=', 1)
			// Another app node may have gone further meanwhile: never move the watermark back.
			.where('audit_seq', '<', headSeq)
			.execute();
		return dirty.size;
	}

	/** Rebuilds every book's and unit's rows (the check: they must equal what refreshes kept). */
	async rebuildAll(): Promise<number> {
		const books = await this.db.selectFrom('book').select('id').execute();
		const units = new Set<string>();
		for (const b of books) for (const u of await this.rebuildBook(b.id)) units.add(u);
		for (const t of UNIT_SUMS) {
			const stale = await this.db.selectFrom(t.unit).select('unit_code').distinct().execute();
			for (const r of stale) units.add(r.unit_code);
		}
		for (const u of units) await this.rebuildUnit(u);
		return books.length;
	}

	/** Re-sums a unit's rows from its books' rows (after those books were rewritten). */
	async rebuildUnit(unitCode: string): Promise<void> {
		await this.db.transaction().execute(async (trx) => {
			// Two app nodes re-summing one unit: the last to take the lock reads both books' rows.
			if (this.dialect === 'postgres')
				await sql`select pg_advisory_xact_lock(hashtext(${`unit:${unitCode}`}))`.execute(trx);
			for (const t of UNIT_SUMS) {
				await trx.deleteFrom(t.unit).where('unit_code', '=', unitCode).execute();
				const keys = sql.join(t.keys.map((k) => sql.ref(k)));
				const sums = sql.join(t.sums.map((k) => sql`sum(${sql.ref(k)})`));
				await sql`insert into ${sql.table(t.unit)} (unit_code, ${keys}, ${sql.join(t.sums.map((k) => sql.ref(k)))})
					select unit_code, ${keys}, ${sums} from ${sql.table(t.book)}
					where unit_code = ${unitCode} group by unit_code, ${keys}`.execute(trx);
			}
		});
	}

	/** Reads one book's entries, fields and audit rows and computes its rows, without writing. */
	async computeBook(bookId: string): Promise<BookRollup | null> {
		const book = await this.db
			.selectFrom('book')
			.select(['id', 'unit_code', 'register_type', 'expected_entries'])
			.where('id', '=', bookId)
			.executeTakeFirst();
		if (!book) return null;
		const entries = await this.db
			.selectFrom('entry')
			.select(['id', 'state', 'created_at', 'submitted_by', 'approved_by'])
			.where('book_id', '=', bookId)
			.execute();
		const fields = await this.db
			.selectFrom('entry_field')
			.innerJoin('entry', 'entry.id', 'entry_field.entry_id')
			.select([
				'entry_field.entry_id',
				'entry_field.key',
				'entry_field.value',
				'entry_field.ocr_value',
				'entry_field.ocr_confidence',
				'entry_field.ocr_issues'
			])
			.where('entry.book_id', '=', bookId)
			.execute();
		const events = await this.db
			.selectFrom('audit_log')
			.select(['subject_id', 'at', 'actor_id', 'action', 'data'])
			.where('subject_type', '=', 'entry')
			.where('subject_id', 'in', (eb) =>
				eb.selectFrom('entry').select('id').where('book_id', '=', bookId)
			)
			.where('action', 'in', COUNTED_ACTIONS)
			.orderBy('seq')
			.execute();
		const fieldsOf = new Map<string, FactField[]>();
		for (const f of fields) {
			const list = fieldsOf.get(f.entry_id) ?? [];
			list.push({
				key: f.key,
				value: f.value,
				ocrValue: f.ocr_value,
				ocrConfidence: f.ocr_confidence === null ? null : Number(f.ocr_confidence),
				ocrIssues: f.ocr_issues
			});
			fieldsOf.set(f.entry_id, list);
		}
		const eventsOf = new Map<string, FactEvent[]>();
		for (const e of events) {
			const list = eventsOf.get(e.subject_id) ?? [];
			let data: unknown = null;
			try {
				data = JSON.parse(e.data);
			} catch {
				data = null;
			}
			list.push({ at: e.at, actorId: e.actor_id, action: e.action, data });
			eventsOf.set(e.subject_id, list);
		}
		const facts = entries.map((e) =>
			entryFacts(
				{
					id: e.id,
					state: e.state,
					createdAt: e.created_at,
					submittedBy: e.submitted_by,
					approvedBy: e.approved_by
				},
				fieldsOf.get(e.id) ?? [],
				eventsOf.get(e.id) ?? []
			)
		);
		return rollupBook(
			{
				id: book.id,
				unitCode: book.unit_code,
				registerType: book.register_type,
				expected: book.expected_entries
			},
			facts
		);
	}

	/**
	 * Rewrites one book's rows; returns the units whose sums that changes (the book's, and the one
	 * its old rows were under), for `rebuildUnit`.
	 */
	private async rebuildBook(bookId: string): Promise<string[]> {
		const r = await this.computeBook(bookId);
		const book = await this.db
			.selectFrom('book')
			.select(['unit_code', 'register_type'])
			.where('id', '=', bookId)
			.executeTakeFirst();
		const old = await this.db
			.selectFrom('stats_book')
			.select('unit_code')
			.where('book_id', '=', bookId)
			.executeTakeFirst();
		const units = [...new Set([old?.unit_code, book?.unit_code])].filter(
			(u): u is string => u !== undefined
		);
		await this.db.transaction().execute(async (trx) => {
			// Several app nodes on one PostgreSQL database: one rewrite of a book at a time (SQLite's
			// single writer already serialises them).
			if (this.dialect === 'postgres')
				await sql`select pg_advisory_xact_lock(hashtext(${bookId}))`.execute(trx);
			for (const t of [
				'stats_book',
				'stats_book_day',
				'stats_field_day',
				'stats_user_day',
				'stats_reason_day'
			] as const)
				await trx.deleteFrom(t).where('book_id', '=', bookId).execute();
			if (!r || !book) return;
			const unit_code = book.unit_code;
			const c = r.totals.counts;
			await trx
				.insertInto('stats_book')
				.values({
					book_id: bookId,
					unit_code,
					register_type: book.register_type,
					expected: r.totals.expected,
					imported: c.imported,
					prefilled: c.prefilled,
					in_progress: c.in_progress,
					submitted: c.submitted,
					returned: c.returned,
					approved: c.approved,
					exported: c.exported
				})
				.execute();
			for (const part of chunks(r.days))
				await trx
					.insertInto('stats_book_day')
					.values(
						part.map((d) => ({
							book_id: bookId,
							day: d.day,
							unit_code,
							imported: d.imported,
							submitted: d.submitted,
							approved: d.approved,
							exported: d.exported,
							approvals: d.approvals,
							first_pass: d.firstPass,
							returns: d.returns
						}))
					)
					.execute();
			for (const part of chunks(r.fields))
				await trx
					.insertInto('stats_field_day')
					.values(
						part.map((f) => ({
							book_id: bookId,
							day: f.day,
							field_key: f.key,
							unit_code,
							register_type: book.register_type,
							fields: f.fields,
							ocr: f.ocr,
							kept: f.kept,
							cer_edits: f.cerEdits,
							cer_chars: f.cerChars,
							changed: f.changed,
							flagged: f.flagged,
							flagged_changed: f.flaggedChanged
						}))
					)
					.execute();
			for (const part of chunks(r.users))
				await trx
					.insertInto('stats_user_day')
					.values(
						part.map((u) => ({
							book_id: bookId,
							day: u.day,
							user_id: u.userId,
							unit_code,
							edited: u.edited,
							submitted: u.submitted,
							approved: u.approved,
							returned: u.returned,
							judged_fields: u.judgedFields,
							judged_changed: u.judgedChanged,
							judged_against: u.judgedAgainst,
							judged_approvals: u.judgedApprovals,
							judged_first_pass: u.judgedFirstPass,
							judged_returns: u.judgedReturns
						}))
					)
					.execute();
			for (const part of chunks(r.reasons))
				await trx
					.insertInto('stats_reason_day')
					.values(
						part.map((x) => ({ book_id: bookId, day: x.day, code: x.code, unit_code, n: x.n }))
					)
					.execute();
		});
		return units;
	}
}
