/**
 * Double keying (issue 6): in a book with the switch on, every submitted entry is keyed a second
 * time, field by field, by someone who did not key it and cannot see the first keying. The second
 * keying is saved as a draft while it is typed (at its own version) and submitted whole; then the
 * two are compared and what differs becomes an `entry_check` with source 'double', which the
 * officer settles through the review's settlement (review-service.ts). Who may key is the
 * lifecycle's `key` rule; every submission and comparison is audited in its own transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB, EntryKeyingRow, EntryRow } from '../db/schema';
import type { SessionUser } from '../auth/session-service';
import { appendAudit } from '../audit/audit-log';
import { AppError } from '../errors';
import { lifecycleError, type Access } from './access';
import type { EntryService } from './entry-service';
import { entryFacts } from './entry-edit';
import { readBookSwitch, setBookSwitch } from './book-switches';
import { decide } from '../../verify/entry-lifecycle';
import { compareKeyings, keyingFields, unknownKeyingFields } from '../../verify/double-keying';
import type { BlindDifference } from '../../verify/blind-check';

export interface KeyingView {
	entryId: string;
	type: string;
	/** The fields to key, in form order. */
	keys: string[];
	/** The draft's version (0: nothing saved yet); a save or the submission must send it. */
	version: number;
	/** The keyer's own values so far: never the first keying's. */
	values: Record<string, string>;
}

export interface KeyingInput {
	version: number;
	values: Record<string, string>;
}

export interface KeyingOutcome {
	agreed: number;
	differences: BlindDifference[];
}

export class DoubleKeyingService {
	constructor(
		private readonly db: Kysely<DB>,
		private readonly access: Access,
		private readonly entries: EntryService,
		private readonly now: () => Date
	) {}

	/** The user's second keying of the entry so far (empty before the first save). */
	async keying(user: SessionUser, id: string): Promise<KeyingView> {
		const entry = await this.entries.row(user, id);
		this.assertMayKey(user, entry);
		const draft = await this.draftOf(this.db, id);
		return this.view(entry, draft?.keyer_id === user.id ? draft : undefined);
	}

	/**
	 * Saves the keying typed so far. The first save claims the entry's second keying for the user
	 * (another person is refused from then on), every save must carry the draft's version.
	 */
	async save(user: SessionUser, id: string, input: KeyingInput): Promise<KeyingView> {
		const entry = await this.entries.row(user, id);
		this.assertMayKey(user, entry);
		const values = this.checkedValues(entry, input.values);
		const at = this.now().toISOString();
		const row = await this.db
			.transaction()
			.execute((trx) => this.writeDraft(trx, user, entry, input.version, values, at));
		return this.view(entry, row);
	}

	/**
	 * Submits the second keying (with its final values, so nothing typed since the last save is
	 * lost), compares it with the first field by field and records the outcome: agreeing fields are
	 * accepted, differing ones wait for the officer (`entry_check` 'double', pending).
	 */
	async submit(user: SessionUser, id: string, input: KeyingInput): Promise<KeyingOutcome> {
		const entry = await this.entries.row(user, id);
		this.assertMayKey(user, entry);
		const values = this.checkedValues(entry, input.values);
		const at = this.now().toISOString();
		return this.db.transaction().execute(async (trx) => {
			const draft = await this.writeDraft(trx, user, entry, input.version, values, at);
			await trx
				.updateTable('entry_keying')
				.set({ state: 'submitted', submitted_at: at })
				.where('id', '=', draft.id)
				.execute();
			// One conditional statement: the entry must still be at the version the keyer started on.
			const res = await trx
				.updateTable('entry')
				.set({ second_keying: 'done', version: entry.version + 1, updated_at: at })
				.where('id', '=', id)
				.where('version', '=', entry.version)
				.where('second_keying', '=', 'due')
				.where('second_keyer', '=', user.id)
				.executeTakeFirst();
			if (Number(res.numUpdatedRows) !== 1) throw new AppError(409, 'keying.entryChanged');
			const first = await this.firstKeying(trx, id);
			const { agreed, differences } = compareKeyings(entry.register_type, first, values);
			await trx
				.insertInto('entry_check')
				.values({
					id: randomUUID(),
					entry_id: id,
					source: 'double',
					officer_id: user.id,
					entry_version: entry.version + 1,
					state: differences.length ? 'pending' : 'settled',
					differences: JSON.stringify(differences),
					created_at: at,
					settled_by: differences.length ? null : user.id,
					settled_at: differences.length ? null : at
				})
				.execute();
			const version = entry.version + 1;
			await appendAudit(trx, {
				actorId: user.id,
				action: 'entry.secondKeying',
				subjectType: 'entry',
				subjectId: id,
				data: { version, keying: draft.id, values: { before: null, after: values } },
				at
			});
			await appendAudit(trx, {
				actorId: user.id,
				action: 'entry.keyingCompared',
				subjectType: 'entry',
				subjectId: id,
				data: {
					version,
					source: 'double',
					agreed,
					differences: Object.fromEntries(
						differences.map((d) => [d.key, { first: d.clerk, second: d.officer }])
					)
				},
				at
			});
			return { agreed: agreed.length, differences };
		});
	}

	/** A supervisor or admin switches double keying for a book (audited as `book.review`). */
	async setDoubleKeying(
		user: SessionUser,
		bookId: string,
		on: boolean
	): Promise<{ doubleKeying: boolean }> {
		await setBookSwitch(this.db, this.access, this.now(), user, bookId, 'doubleKeying', on);
		return { doubleKeying: on };
	}

	doubleKeyingOn(user: SessionUser, bookId: string): Promise<boolean> {
		return readBookSwitch(this.db, this.access, user, bookId, 'doubleKeying');
	}

	private assertMayKey(user: SessionUser, entry: EntryRow): void {
		const decision = decide(entryFacts(entry), 'key', user);
		if (!decision.ok) throw lifecycleError(decision.code, decision.params);
	}

	/** The values as typed (NFC), every key one of the register type's. */
	private checkedValues(entry: EntryRow, values: Record<string, string>): Record<string, string> {
		const unknown = unknownKeyingFields(entry.register_type, values);
		if (unknown.length) {
			throw new AppError(
				422,
				'entry.unknownFields',
				{ fields: unknown.join(', ') },
				{ fields: Object.fromEntries(unknown.map((k) => [k, 'field.unknown'])) }
			);
		}
		return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.normalize('NFC')]));
	}

	/** Claims the second keying for the user if nobody holds it, then writes the draft at its version. */
	private async writeDraft(
		trx: Transaction<DB>,
		user: SessionUser,
		entry: EntryRow,
		version: number,
		values: Record<string, string>,
		at: string
	): Promise<EntryKeyingRow> {
		if (entry.second_keyer !== user.id) {
			const claimed = await trx
				.updateTable('entry')
				.set({ second_keyer: user.id })
				.where('id', '=', entry.id)
				.where('second_keying', '=', 'due')
				.where('second_keyer', 'is', null)
				.executeTakeFirst();
			if (Number(claimed.numUpdatedRows) !== 1)
				throw lifecycleError('entry.keyingTaken', { action: 'key', state: entry.state });
		}
		const draft = await this.draftOf(trx, entry.id);
		const current = draft?.version ?? 0;
		if (version !== current)
			throw new AppError(409, 'keying.staleVersion', { current, sent: version });
		const json = JSON.stringify(values);
		if (!draft) {
			const row = {
				id: randomUUID(),
				entry_id: entry.id,
				keyer_id: user.id,
				state: 'draft' as const,
				values: json,
				version: 1,
				created_at: at,
				updated_at: at,
				submitted_at: null
			};
			await trx.insertInto('entry_keying').values(row).execute();
			return row;
		}
		const res = await trx
			.updateTable('entry_keying')
			.set({ values: json, version: current + 1, updated_at: at })
			.where('id', '=', draft.id)
			.where('version', '=', current)
			.executeTakeFirst();
		if (Number(res.numUpdatedRows) !== 1)
			throw new AppError(409, 'keying.staleVersion', { current: current + 1, sent: version });
		return { ...draft, values: json, version: current + 1, updated_at: at };
	}

	/** This round's draft (at most one: the entry's second keying is one person's). */
	private draftOf(db: Kysely<DB>, entryId: string): Promise<EntryKeyingRow | undefined> {
		return db
			.selectFrom('entry_keying')
			.selectAll()
			.where('entry_id', '=', entryId)
			.where('state', '=', 'draft')
			.executeTakeFirst();
	}

	/** The first keying: the entry's own field values. */
	private async firstKeying(
		trx: Transaction<DB>,
		entryId: string
	): Promise<Record<string, string>> {
		const rows = await trx
			.selectFrom('entry_field')
			.select(['key', 'value'])
			.where('entry_id', '=', entryId)
			.execute();
		return Object.fromEntries(rows.map((r) => [r.key, r.value]));
	}

	private view(entry: EntryRow, draft: EntryKeyingRow | undefined): KeyingView {
		return {
			entryId: entry.id,
			type: entry.register_type,
			keys: keyingFields(entry.register_type),
			version: draft?.version ?? 0,
			values: draft ? (JSON.parse(draft.values) as Record<string, string>) : {}
		};
	}
}
