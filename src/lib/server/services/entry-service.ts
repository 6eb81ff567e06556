import type { Kysely } from 'kysely';
import type { DB, EntryFieldRow, EntryRow } from '../db/schema';
import type { SessionUser } from '../auth/session-service';
import { appendAudit } from '../audit/audit-log';
import { AppError, notFound } from '../errors';
import { lifecycleError, type Access } from './access';
import {
	decide,
	firstKeyingWithheld,
	type EntryAction,
	type EntryState
} from '../../verify/entry-lifecycle';
import { fieldKeys } from '../../registers/index';
import { bumpVersion, checkEdit, entryFacts, hasUnsettledCheck, upsertField } from './entry-edit';
import {
	parseReturnReason,
	returnReasonLabelKey,
	type ReturnReason,
	type ReturnReasonInput
} from '../../verify/return-reasons';
import { t } from '../../i18n/index';

export interface FieldView {
	value: string;
	ocrValue: string | null;
	confidence: number | null;
	/** What OCR doubted about its reading (ocr.* codes, register rules the reading broke). */
	ocrIssues: string[];
	normalizedOverride: string | null;
	flag: string | null;
	bbox: [number, number, number, number] | null;
}

/** The shape of `GET /api/v1/entries/:id` (DESIGN.md). */
export interface EntryView {
	id: string;
	unit: string;
	book: string;
	state: EntryState;
	version: number;
	type: string;
	seq: number;
	pageId: string | null;
	region: [number, number, number, number] | null;
	fields: Record<string, FieldView>;
	transcribedBy: string | null;
	lastEditedBy: string | null;
	submittedBy: string | null;
	approvedBy: string | null;
	returnReason: string | null;
	/** The code of the last return (verify/return-reasons.ts), while the entry is back with the clerk. */
	returnCode: string | null;
	/** How many times it was returned: it was resubmitted after a return when this is above 0. */
	returnCount: number;
	/** Double keying: this round's second keying is 'due' or 'done'; null when none is required. */
	secondKeying: 'due' | 'done' | null;
	/** Who holds (or did) this round's second keying. */
	secondKeyer: string | null;
	/**
	 * True when `fields` is left empty because the entry waits for its second keying and the user
	 * did not key it: the first keying is shown to nobody else until both are in (independence).
	 */
	fieldsWithheld: boolean;
	updatedAt: string;
}

export interface EntryFilter {
	state?: string;
	book?: string;
	unit?: string;
	/** Leave out entries still waiting for their second keying (the officers' queue). */
	readyForReview?: boolean;
	limit?: number;
}

export type FieldInput =
	string | { value?: string; normalized?: string | null; flag?: string | null };

const json = <T>(s: string | null): T | null => (s ? (JSON.parse(s) as T) : null);

export class EntryService {
	constructor(
		private readonly db: Kysely<DB>,
		private readonly access: Access,
		private readonly now: () => Date
	) {}

	async list(user: SessionUser, f: EntryFilter): Promise<Omit<EntryView, 'fields'>[]> {
		const visible = await this.access.visibleUnits(user);
		if (f.unit && !visible.has(f.unit)) return [];
		const units = f.unit
			? [...(await this.access.unitsUnder(f.unit))].filter((u) => visible.has(u))
			: [...visible];
		if (units.length === 0) return [];
		let q = this.db.selectFrom('entry').selectAll().where('unit_code', 'in', units);
		if (f.state) q = q.where('state', '=', f.state);
		if (f.book) q = q.where('book_id', '=', f.book);
		if (f.readyForReview)
			q = q.where((eb) =>
				eb.or([eb('second_keying', 'is', null), eb('second_keying', '!=', 'due')])
			);
		const rows = await q
			.orderBy('book_id')
			.orderBy('seq')
			.limit(Math.min(f.limit ?? 500, 5000))
			.execute();
		return rows.map((r) => this.toView(r, []));
	}

	async get(user: SessionUser, id: string): Promise<EntryView> {
		const row = await this.load(user, id);
		if (firstKeyingWithheld(entryFacts(row), user)) {
			return { ...this.toView(row, []), fieldsWithheld: true };
		}
		const fields = await this.db
			.selectFrom('entry_field')
			.selectAll()
			.where('entry_id', '=', id)
			.execute();
		return this.toView(row, fields);
	}

	/**
	 * Saves field values (as written, normalised override, flag) at the given version. A stale
	 * version is refused (409) so nobody's work is silently overwritten.
	 */
	async update(
		user: SessionUser,
		id: string,
		input: { version: number; fields: Record<string, FieldInput> }
	): Promise<EntryView> {
		const entry = await this.load(user, id);
		const known = new Set(fieldKeys(entry.register_type));
		const unknown = Object.keys(input.fields).filter((k) => !known.has(k));
		if (unknown.length) {
			throw new AppError(
				422,
				'entry.unknownFields',
				{ fields: unknown.join(', ') },
				{
					fields: Object.fromEntries(unknown.map((k) => [k, 'field.unknown']))
				}
			);
		}
		const nextState = checkEdit(user, entry, input.version);
		const at = this.now().toISOString();
		await this.db.transaction().execute(async (trx) => {
			const before = await trx
				.selectFrom('entry_field')
				.selectAll()
				.where('entry_id', '=', id)
				.execute();
			const byKey = new Map(before.map((f) => [f.key, f]));
			const changes: Record<string, { before: unknown; after: unknown }> = {};
			for (const [key, raw] of Object.entries(input.fields)) {
				const old = byKey.get(key);
				const next = {
					value: typeof raw === 'string' ? raw : (raw.value ?? old?.value ?? ''),
					normalized_override:
						typeof raw === 'string' || raw.normalized === undefined
							? (old?.normalized_override ?? null)
							: raw.normalized,
					flag: typeof raw === 'string' || raw.flag === undefined ? (old?.flag ?? null) : raw.flag
				};
				next.value = next.value.normalize('NFC');
				if (
					old &&
					old.value === next.value &&
					old.normalized_override === next.normalized_override &&
					old.flag === next.flag
				) {
					continue;
				}
				changes[key] = {
					before: old
						? { value: old.value, normalized: old.normalized_override, flag: old.flag }
						: null,
					after: { value: next.value, normalized: next.normalized_override, flag: next.flag }
				};
				await upsertField(trx, id, key, !!old, next, at, user.id);
			}
			await bumpVersion(trx, user, entry, nextState, at);
			const underReview = entry.state === 'submitted';
			await appendAudit(trx, {
				actorId: user.id,
				action: underReview ? 'entry.correct' : 'entry.edit',
				subjectType: 'entry',
				subjectId: id,
				data: { version: entry.version + 1, from: entry.state, to: nextState, changes },
				at
			});
		});
		return this.get(user, id);
	}

	submit(user: SessionUser, id: string, version?: number) {
		return this.transition(user, id, 'submit', { version });
	}

	approve(user: SessionUser, id: string, version?: number) {
		return this.transition(user, id, 'approve', { version });
	}

	/**
	 * Back to the clerk with a coded reason and a comment. A bare string is the API's older
	 * `{reason}`: a comment with the code `other`.
	 */
	async return(
		user: SessionUser,
		id: string,
		reason: string | ReturnReasonInput,
		version?: number
	) {
		const parsed = parseReturnReason(typeof reason === 'string' ? { reason } : reason);
		if (!parsed.ok) throw new AppError(422, parsed.code);
		return this.transition(user, id, 'return', { version, returned: parsed.reason });
	}

	private async transition(
		user: SessionUser,
		id: string,
		action: Extract<EntryAction, 'submit' | 'approve' | 'return'>,
		opts: { version?: number; returned?: ReturnReason }
	): Promise<EntryView> {
		const entry = await this.load(user, id);
		const unsettled = action === 'approve' && (await hasUnsettledCheck(this.db, id));
		// Double keying is decided when the entry is submitted: switching it later changes nothing in flight.
		const secondKeyingDue = action === 'submit' && (await this.doubleKeyed(entry.book_id));
		const decision = decide({ ...entryFacts(entry), unsettled }, action, user);
		if (!decision.ok) throw lifecycleError(decision.code, decision.params);
		if (opts.version !== undefined && opts.version !== entry.version) {
			throw new AppError(409, 'entry.staleVersion', { current: entry.version, sent: opts.version });
		}
		const at = this.now().toISOString();
		const returned = opts.returned;
		// The human-readable reason: the comment, else the code's label (in the default language).
		const reason = returned
			? returned.comment || t('vi', returnReasonLabelKey(returned.code))
			: null;
		await this.db.transaction().execute(async (trx) => {
			// Checked again inside: a blind re-keying may have found differences meanwhile.
			if (action === 'approve' && (await hasUnsettledCheck(trx, id))) {
				throw lifecycleError('entry.unsettled', { action, state: entry.state });
			}
			const set =
				action === 'submit'
					? {
							submitted_by: user.id,
							transcribed_by: entry.transcribed_by ?? user.id,
							return_reason: null,
							return_code: null,
							second_keying: secondKeyingDue ? ('due' as const) : null,
							second_keyer: null
						}
					: action === 'approve'
						? { approved_by: user.id }
						: {
								return_reason: reason,
								return_code: returned?.code ?? null,
								return_count: entry.return_count + 1,
								submitted_by: null,
								second_keying: null,
								second_keyer: null
							};
			const res = await trx
				.updateTable('entry')
				.set({ ...set, state: decision.next, version: entry.version + 1, updated_at: at })
				.where('id', '=', id)
				.where('version', '=', entry.version)
				.executeTakeFirst();
			if (Number(res.numUpdatedRows) !== 1) {
				throw new AppError(409, 'entry.staleVersion', {
					current: entry.version + 1,
					sent: entry.version
				});
			}
			// A return ends the review round: the next submission is re-keyed afresh.
			if (action === 'return') {
				await trx
					.updateTable('entry_check')
					.set({ state: 'dropped' })
					.where('entry_id', '=', id)
					.where('state', 'in', ['pending', 'settled'])
					.execute();
				// Its second keying too (kept for the record): the resubmission is keyed twice afresh.
				await trx
					.updateTable('entry_keying')
					.set({ state: 'dropped' })
					.where('entry_id', '=', id)
					.where('state', 'in', ['draft', 'submitted'])
					.execute();
			}
			const base = { version: entry.version + 1, from: entry.state, to: decision.next, reason };
			await appendAudit(trx, {
				actorId: user.id,
				action: `entry.${action}`,
				subjectType: 'entry',
				subjectId: id,
				data:
					action === 'return'
						? { ...base, reasonCode: returned!.code, comment: returned!.comment }
						: action === 'approve'
							? { ...base, firstPass: entry.return_count === 0 }
							: secondKeyingDue
								? { ...base, secondKeying: 'due' }
								: base,
				at
			});
		});
		return this.get(user, id);
	}

	private async doubleKeyed(bookId: string): Promise<boolean> {
		const book = await this.db
			.selectFrom('book')
			.select('double_keying')
			.where('id', '=', bookId)
			.executeTakeFirstOrThrow();
		return Number(book.double_keying) === 1;
	}

	/** The entry's row, when the user may see it (404 otherwise): for services built on entries. */
	row(user: SessionUser, id: string): Promise<EntryRow> {
		return this.load(user, id);
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

	private toView(r: EntryRow, fields: EntryFieldRow[]): EntryView {
		return {
			id: r.id,
			unit: r.unit_code,
			book: r.book_id,
			state: r.state as EntryState,
			version: r.version,
			type: r.register_type,
			seq: r.seq,
			pageId: r.page_id,
			region: json(r.region),
			fields: Object.fromEntries(
				fields.map((f) => [
					f.key,
					{
						value: f.value,
						ocrValue: f.ocr_value,
						confidence: f.ocr_confidence,
						ocrIssues: f.ocr_issues ? (JSON.parse(f.ocr_issues) as string[]) : [],
						normalizedOverride: f.normalized_override,
						flag: f.flag,
						bbox: json(f.bbox)
					}
				])
			),
			transcribedBy: r.transcribed_by,
			lastEditedBy: r.last_edited_by,
			submittedBy: r.submitted_by,
			approvedBy: r.approved_by,
			returnReason: r.return_reason,
			returnCode: r.return_code,
			returnCount: r.return_count,
			secondKeying: r.second_keying,
			secondKeyer: r.second_keyer,
			fieldsWithheld: false,
			updatedAt: r.updated_at
		};
	}
}
