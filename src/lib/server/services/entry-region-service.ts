import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, EntryFieldRow, EntryRow } from '../db/schema';
import type { SessionUser } from '../auth/session-service';
import { appendAudit } from '../audit/audit-log';
import { AppError, notFound } from '../errors';
import type { Access } from './access';
import type { EntryService, EntryView } from './entry-service';
import type { EntryState } from '../../verify/entry-lifecycle';
import {
	checkBox,
	fieldsBelow,
	planMerge,
	splitBox,
	unionOf,
	type Box,
	type RegionRefusal
} from '../../verify/entry-regions';
import { fieldKeys } from '../../registers/index';
import { bumpVersion, checkEdit, upsertField } from './entry-edit';

/**
 * What `split` says about reading the new entry's region again. No background job reads one
 * entry's region (book.ocr reads whole pages not yet read), so nothing is queued; the fields that
 * lay in the lower part moved with their values, and the clerk re-reads any other field in the
 * browser (src/lib/ocr/browser/region-ocr.ts).
 */
export interface SplitOcr {
	queued: false;
	code: 'region.splitNotReread';
}

export interface SplitResult {
	entry: EntryView;
	created: EntryView;
	ocr: SplitOcr;
}

export interface MergeResult {
	entry: EntryView;
	/** The id of the entry merged in and removed. */
	removed: string;
	/** Keys whose value came from the removed entry. */
	filled: string[];
}

const parseBox = (s: string | null): Box | null => (s ? (JSON.parse(s) as Box) : null);

function refuse(r: RegionRefusal): never {
	throw new AppError(422, r.code, r.params);
}

/** A write that lost a race on the book's numbering (PostgreSQL 23505, SQLite UNIQUE). */
function isUniqueViolation(e: unknown): boolean {
	const err = e as { code?: unknown } | null;
	return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Corrections of segmentation on the workbench: an entry's region moved or resized, one entry
 * split in two at a line, two neighbours merged, a field's box redrawn. Each is an edit of the
 * entry (the lifecycle's `edit` rule, at the entry's version), in one transaction with its audit.
 */
export class EntryRegionService {
	constructor(
		private readonly db: Kysely<DB>,
		private readonly access: Access,
		private readonly entries: EntryService,
		private readonly now: () => Date
	) {}

	/** `PUT /api/v1/entries/:id/region`: the region redrawn, inside its page. */
	async setRegion(
		user: SessionUser,
		id: string,
		input: { version: number; region: readonly number[] }
	): Promise<EntryView> {
		const entry = await this.load(user, id);
		const next = checkEdit(user, entry, input.version);
		const checked = checkBox(input.region, await this.pageSize(entry));
		if (!checked.ok) refuse(checked);
		const at = this.now().toISOString();
		await this.db.transaction().execute(async (trx) => {
			await bumpVersion(trx, user, entry, next, at, { region: JSON.stringify(checked.box) });
			await appendAudit(trx, {
				actorId: user.id,
				action: 'entry.region',
				subjectType: 'entry',
				subjectId: id,
				data: {
					version: entry.version + 1,
					from: entry.state,
					to: next,
					before: parseBox(entry.region),
					after: checked.box
				},
				at
			});
		});
		return this.entries.get(user, id);
	}

	/**
	 * `PUT /api/v1/entries/:id/fields/:key/bbox`: where a field is written, redrawn by the clerk
	 * (kept so the workbench zooms to it and a later re-read uses it). A field of the register
	 * without a row yet gets one, empty.
	 */
	async setFieldBox(
		user: SessionUser,
		id: string,
		key: string,
		input: { version: number; bbox: readonly number[] }
	): Promise<EntryView> {
		const entry = await this.load(user, id);
		if (!fieldKeys(entry.register_type).includes(key))
			throw new AppError(422, 'region.unknownField', { key });
		const next = checkEdit(user, entry, input.version);
		const checked = checkBox(input.bbox, await this.pageSize(entry));
		if (!checked.ok) refuse(checked);
		const at = this.now().toISOString();
		await this.db.transaction().execute(async (trx) => {
			const old = await trx
				.selectFrom('entry_field')
				.selectAll()
				.where('entry_id', '=', id)
				.where('key', '=', key)
				.executeTakeFirst();
			await bumpVersion(trx, user, entry, next, at);
			const bbox = JSON.stringify(checked.box);
			await upsertField(trx, id, key, !!old, { bbox }, at, user.id);
			await appendAudit(trx, {
				actorId: user.id,
				action: 'entry.fieldBox',
				subjectType: 'entry',
				subjectId: id,
				data: {
					version: entry.version + 1,
					from: entry.state,
					to: next,
					key,
					before: parseBox(old?.bbox ?? null),
					after: checked.box
				},
				at
			});
		});
		return this.entries.get(user, id);
	}

	/**
	 * `POST /api/v1/entries/:id/split`: the entry keeps its region above line `y`; a new entry
	 * right after it in the book takes the part below, with the fields written there (values,
	 * OCR readings and flags move with them). The new entry starts as a fresh draft: prefilled
	 * when it carries a value, imported when not; it remembers the original's transcriber, and
	 * the user who split as its last editor, so four-eyes review still applies to them.
	 */
	async split(
		user: SessionUser,
		id: string,
		input: { version: number; y: number }
	): Promise<SplitResult> {
		const entry = await this.load(user, id);
		const next = checkEdit(user, entry, input.version);
		const region = parseBox(entry.region);
		if (!region || !entry.page_id) throw new AppError(422, 'region.noRegion');
		const parts = splitBox(region, input.y);
		if (!parts.ok) refuse(parts);
		const at = this.now().toISOString();
		const createdId = randomUUID();
		await this.numbering(async (trx) => {
			await this.lockBook(trx, entry.book_id);
			// Read again under the lock: a concurrent split or merge may have moved this entry.
			const seq = await this.seqOf(trx, id);
			await bumpVersion(trx, user, entry, next, at, { region: JSON.stringify(parts.upper) });
			const fields = await this.fieldsOf(trx, id);
			const moving = new Set(
				fieldsBelow(
					fields.map((f) => ({ key: f.key, bbox: parseBox(f.bbox) })),
					parts.y
				)
			);
			const moved = fields.filter((f) => moving.has(f.key));
			await this.shiftSeq(trx, entry.book_id, seq, +1);
			const createdState: EntryState = moved.some((f) => f.value.trim()) ? 'prefilled' : 'imported';
			await trx
				.insertInto('entry')
				.values({
					id: createdId,
					book_id: entry.book_id,
					unit_code: entry.unit_code,
					register_type: entry.register_type,
					page_id: entry.page_id,
					seq: seq + 1,
					region: JSON.stringify(parts.lower),
					state: createdState,
					version: 1,
					transcribed_by: entry.transcribed_by,
					last_edited_by: user.id,
					submitted_by: null,
					approved_by: null,
					return_reason: null,
					created_at: at,
					updated_at: at
				})
				.execute();
			if (moved.length) {
				await trx
					.deleteFrom('entry_field')
					.where('entry_id', '=', id)
					.where('key', 'in', [...moving])
					.execute();
				await trx
					.insertInto('entry_field')
					.values(moved.map((f) => ({ ...f, entry_id: createdId, updated_at: at })))
					.execute();
			}
			const movedValues = Object.fromEntries(moved.map((f) => [f.key, f.value]));
			await appendAudit(trx, {
				actorId: user.id,
				action: 'entry.split',
				subjectType: 'entry',
				subjectId: id,
				data: {
					version: entry.version + 1,
					from: entry.state,
					to: next,
					y: parts.y,
					before: region,
					after: parts.upper,
					created: createdId,
					moved: movedValues
				},
				at
			});
			await appendAudit(trx, {
				actorId: user.id,
				action: 'entry.split',
				subjectType: 'entry',
				subjectId: createdId,
				data: {
					version: 1,
					splitFrom: id,
					book: entry.book_id,
					seq: seq + 1,
					state: createdState,
					region: parts.lower,
					fields: movedValues
				},
				at
			});
		});
		return {
			entry: await this.entries.get(user, id),
			created: await this.entries.get(user, createdId),
			ocr: { queued: false, code: 'region.splitNotReread' }
		};
	}

	/**
	 * `POST /api/v1/entries/:id/merge`: the entry and the next one on the same page become one.
	 * The region is their union; the first entry's written values are kept and its empty fields
	 * filled from the second. Two different written values for one field refuse the merge (422,
	 * listing the fields): nothing a clerk typed is dropped. The second entry is deleted rather
	 * than kept with a "merged" mark, so no list, count or export has to learn to skip it; its
	 * complete rows (every field's value, OCR reading, flag and box) go into the audit log.
	 */
	async merge(
		user: SessionUser,
		id: string,
		input: { version: number; with: string; withVersion?: number }
	): Promise<MergeResult> {
		if (input.with === id) throw new AppError(422, 'region.mergeSelf');
		const first = await this.load(user, id);
		const next = checkEdit(user, first, input.version);
		const second = await this.load(user, input.with);
		if (
			second.book_id !== first.book_id ||
			!(await this.isNext(this.db, first.book_id, id, second.id))
		)
			throw new AppError(422, 'region.mergeNotNext');
		if (!first.page_id || second.page_id !== first.page_id)
			throw new AppError(422, 'region.mergeOtherPage');
		checkEdit(user, second, input.withVersion ?? second.version);
		const at = this.now().toISOString();
		let filled: string[] = [];
		await this.numbering(async (trx) => {
			await this.lockBook(trx, first.book_id);
			// Checked again under the lock: a concurrent split may have put an entry in between.
			if (!(await this.isNext(trx, first.book_id, id, second.id)))
				throw new AppError(409, 'region.concurrentChange');
			const secondSeq = await this.seqOf(trx, second.id);
			const union = unionOf(parseBox(first.region), parseBox(second.region));
			await bumpVersion(trx, user, first, next, at, {
				region: union ? JSON.stringify(union) : null
			});
			const mine = await this.fieldsOf(trx, id);
			const theirs = await this.fieldsOf(trx, second.id);
			const plan = planMerge(
				new Map(mine.map((f) => [f.key, f])),
				new Map(theirs.map((f) => [f.key, f]))
			);
			if (plan.conflicts.length) {
				throw new AppError(
					422,
					'region.mergeConflict',
					{ fields: plan.conflicts.map((c) => c.key).join(', ') },
					{ conflicts: plan.conflicts }
				);
			}
			filled = plan.fill;
			const byKey = new Map(theirs.map((f) => [f.key, f]));
			const mineKeys = new Set(mine.map((f) => f.key));
			for (const key of plan.fill) {
				const f = byKey.get(key)!;
				const row = { ...f, entry_id: id, updated_at: at, updated_by: user.id };
				if (mineKeys.has(key)) {
					await trx
						.updateTable('entry_field')
						.set(row)
						.where('entry_id', '=', id)
						.where('key', '=', key)
						.execute();
				} else {
					await trx.insertInto('entry_field').values(row).execute();
				}
			}
			await trx.deleteFrom('entry_field').where('entry_id', '=', second.id).execute();
			const gone = await trx
				.deleteFrom('entry')
				.where('id', '=', second.id)
				.where('version', '=', second.version)
				.executeTakeFirst();
			if (Number(gone.numDeletedRows) !== 1)
				throw new AppError(409, 'entry.staleVersion', {
					current: second.version + 1,
					sent: second.version
				});
			await this.shiftSeq(trx, first.book_id, secondSeq, -1);
			const mineByKey = new Map(mine.map((f) => [f.key, f]));
			await appendAudit(trx, {
				actorId: user.id,
				action: 'entry.merge',
				subjectType: 'entry',
				subjectId: id,
				data: {
					version: first.version + 1,
					from: first.state,
					to: next,
					with: second.id,
					before: parseBox(first.region),
					after: union,
					filled: Object.fromEntries(
						plan.fill.map((k) => [
							k,
							{ before: mineByKey.get(k)?.value ?? null, after: byKey.get(k)!.value }
						])
					)
				},
				at
			});
			await appendAudit(trx, {
				actorId: user.id,
				action: 'entry.merge',
				subjectType: 'entry',
				subjectId: second.id,
				data: { mergedInto: id, removed: second, fields: theirs },
				at
			});
		});
		return { entry: await this.entries.get(user, id), removed: second.id, filled };
	}

	private async load(user: SessionUser, id: string): Promise<EntryRow> {
		const row = await this.db
			.selectFrom('entry')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirst();
		if (!row) throw notFound('entry');
		await this.access.assertVisible(user, row.unit_code, 'entry');
		return row;
	}

	/** The lifecycle's edit rule and the version check; returns the state after the edit. */

	private async pageSize(e: EntryRow): Promise<{ width: number; height: number }> {
		if (!e.page_id) throw new AppError(422, 'region.noPage');
		const page = await this.db
			.selectFrom('page')
			.select(['width', 'height'])
			.where('id', '=', e.page_id)
			.executeTakeFirst();
		if (!page) throw new AppError(422, 'region.noPage');
		return page;
	}

	private async seqOf(db: Kysely<DB>, id: string): Promise<number> {
		const row = await db.selectFrom('entry').select('seq').where('id', '=', id).executeTakeFirst();
		if (!row) throw notFound('entry');
		return row.seq;
	}

	/** Whether `other` is the entry right after `id` in the book's order. */
	private async isNext(db: Kysely<DB>, bookId: string, id: string, other: string) {
		const following = await db
			.selectFrom('entry')
			.select('id')
			.where('book_id', '=', bookId)
			.where('seq', '>', (eb) => eb.selectFrom('entry').select('seq').where('id', '=', id))
			.orderBy('seq')
			.limit(1)
			.executeTakeFirst();
		return following?.id === other;
	}

	private fieldsOf(trx: Transaction<DB>, id: string): Promise<EntryFieldRow[]> {
		return trx
			.selectFrom('entry_field')
			.selectAll()
			.where('entry_id', '=', id)
			.orderBy('key')
			.execute();
	}

	/**
	 * Serialises writers that renumber one book: an UPDATE of the book's row takes its row lock
	 * on PostgreSQL (SQLite has one writer anyway).
	 */
	private async lockBook(trx: Transaction<DB>, bookId: string): Promise<void> {
		await trx
			.updateTable('book')
			.set((eb) => ({ id: eb.ref('id') }))
			.where('id', '=', bookId)
			.execute();
	}

	/**
	 * Moves every entry after `seq` by `by` places. In two statements through negative numbers:
	 * the unique (book, seq) index is checked row by row, so `seq = seq + 1` in place would
	 * collide with the next row on either database.
	 */
	private async shiftSeq(trx: Transaction<DB>, bookId: string, seq: number, by: 1 | -1) {
		await trx
			.updateTable('entry')
			.set({ seq: sql<number>`-(${sql.ref('seq')} + ${by})` })
			.where('book_id', '=', bookId)
			.where('seq', '>', seq)
			.execute();
		await trx
			.updateTable('entry')
			.set({ seq: sql<number>`-${sql.ref('seq')}` })
			.where('book_id', '=', bookId)
			.where('seq', '<', 0)
			.execute();
	}

	/** Runs a renumbering transaction; losing a race on the numbering is a conflict, not a crash. */
	private async numbering(fn: (trx: Transaction<DB>) => Promise<void>): Promise<void> {
		try {
			await this.db.transaction().execute(fn);
		} catch (e) {
			if (isUniqueViolation(e)) throw new AppError(409, 'region.concurrentChange');
			throw e;
		}
	}
}
