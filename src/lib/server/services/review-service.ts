/**
 * The officer's review beyond approve/return (entry-service.ts): blind re-keying of the critical
 * fields, settling its differences against the scan, the per-book switch, and an entry's history
 * from the audit log. Who may do what is the lifecycle's `check` rule (a second-person officer on a
 * submitted entry); every change is audited in its own transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, EntryCheckRow, EntryRow } from '../db/schema';
import type { SessionUser } from '../auth/session-service';
import { appendAudit } from '../audit/audit-log';
import { AppError } from '../errors';
import { lifecycleError, type Access } from './access';
import type { EntryService, EntryView } from './entry-service';
import { bumpVersion, entryFacts, upsertField } from './entry-edit';
import { readBookSwitch, setBookSwitch } from './book-switches';
import { decide, firstKeyingWithheld } from '../../verify/entry-lifecycle';
import { blindFields, compareBlind, settle, type BlindDifference } from '../../verify/blind-check';

export interface CheckView {
	id: string;
	/** 'blind': the officer's re-keying; 'double': the second keyer's (each difference's `officer`). */
	source: 'blind' | 'double';
	state: 'pending' | 'settled';
	officerId: string;
	entryVersion: number;
	differences: BlindDifference[];
}

export interface ReviewInfo {
	/** The book re-keys blind (a supervisor may switch it off). */
	blindOn: boolean;
	/** The register type's blind fields. */
	blindKeys: string[];
	/** This review round's re-keying, if done. */
	check: CheckView | null;
	/**
	 * The officer must re-key before deciding: blind on, fields to re-key, not done this round. A
	 * double-keyed entry's comparison is this round's check, so it is never re-keyed a third time.
	 */
	blindDue: boolean;
}

export interface HistoryRow {
	seq: number;
	at: string;
	action: string;
	actorId: string | null;
	actorName: string | null;
	data: Record<string, unknown>;
}

export class ReviewService {
	constructor(
		private readonly db: Kysely<DB>,
		private readonly access: Access,
		private readonly entries: EntryService,
		private readonly now: () => Date
	) {}

	async info(user: SessionUser, id: string): Promise<ReviewInfo> {
		const entry = await this.entries.row(user, id);
		return this.infoOf(entry);
	}

	private async infoOf(entry: EntryRow): Promise<ReviewInfo> {
		const book = await this.db
			.selectFrom('book')
			.select('blind_rekey')
			.where('id', '=', entry.book_id)
			.executeTakeFirstOrThrow();
		const blindOn = Number(book.blind_rekey) === 1;
		const blindKeys = blindFields(entry.register_type);
		const check = await this.currentCheck(entry.id);
		return { blindOn, blindKeys, check, blindDue: blindOn && blindKeys.length > 0 && !check };
	}

	/**
	 * The officer's readings of the blind fields, typed from the scan. Agreeing readings close the
	 * re-keying; differing ones leave it pending, and the entry cannot be approved until they are
	 * settled (or it is returned). One re-keying per review round.
	 */
	async blindCheck(
		user: SessionUser,
		id: string,
		input: { version: number; values: Record<string, string> }
	): Promise<ReviewInfo> {
		const entry = await this.entries.row(user, id);
		this.assertMay(user, entry, input.version);
		const keys = blindFields(entry.register_type);
		const fields: Record<string, string> = {};
		for (const k of Object.keys(input.values)) if (!keys.includes(k)) fields[k] = 'field.notBlind';
		for (const k of keys) if (input.values[k] === undefined) fields[k] = 'field.missing';
		if (Object.keys(fields).length) {
			throw new AppError(
				422,
				'check.badFields',
				{ fields: Object.keys(fields).join(', ') },
				{ fields }
			);
		}
		if (await this.currentCheck(id)) throw new AppError(409, 'check.alreadyDone');
		const stored = await this.values(id);
		const differences = compareBlind(entry.register_type, keys, stored, input.values);
		const at = this.now().toISOString();
		await this.db.transaction().execute(async (trx) => {
			await trx
				.insertInto('entry_check')
				.values({
					id: randomUUID(),
					entry_id: id,
					source: 'blind',
					officer_id: user.id,
					entry_version: entry.version,
					state: differences.length ? 'pending' : 'settled',
					differences: JSON.stringify(differences),
					created_at: at,
					settled_by: differences.length ? null : user.id,
					settled_at: differences.length ? null : at
				})
				.execute();
			await appendAudit(trx, {
				actorId: user.id,
				action: 'entry.blindCheck',
				subjectType: 'entry',
				subjectId: id,
				data: {
					version: entry.version,
					keys,
					differences: Object.fromEntries(
						differences.map((d) => [d.key, { clerk: d.clerk, officer: d.officer }])
					)
				},
				at
			});
		});
		return this.infoOf(entry);
	}

	/**
	 * Settles the pending differences with a value for each, chosen against the scan: values that
	 * change the entry are the officer's corrections (`entry.correct`), and the settlement itself
	 * is one `entry.settle` row saying whose reading was wrong.
	 */
	async settle(
		user: SessionUser,
		id: string,
		input: { version: number; chosen: Record<string, string> }
	): Promise<EntryView> {
		const entry = await this.entries.row(user, id);
		this.assertMay(user, entry, input.version);
		const check = await this.currentCheck(id);
		if (!check || check.state !== 'pending') throw new AppError(409, 'check.nothingToSettle');
		const result = settle(entry.register_type, check.differences, input.chosen);
		if (!result.ok) throw new AppError(422, result.code, result.params);
		const at = this.now().toISOString();
		await this.db.transaction().execute(async (trx) => {
			const claimed = await trx
				.updateTable('entry_check')
				.set({ state: 'settled', settled_by: user.id, settled_at: at })
				.where('id', '=', check.id)
				.where('state', '=', 'pending')
				.executeTakeFirst();
			if (Number(claimed.numUpdatedRows) !== 1) throw new AppError(409, 'check.nothingToSettle');
			const before = await trx
				.selectFrom('entry_field')
				.selectAll()
				.where('entry_id', '=', id)
				.execute();
			const byKey = new Map(before.map((f) => [f.key, f]));
			const changes: Record<string, { before: unknown; after: unknown }> = {};
			for (const [key, f] of Object.entries(result.fields)) {
				const old = byKey.get(key);
				if (old && old.value === f.chosen) continue;
				const after = { value: f.chosen, normalized: null, flag: null };
				changes[key] = {
					before: old
						? { value: old.value, normalized: old.normalized_override, flag: old.flag }
						: null,
					after
				};
				await upsertField(
					trx,
					id,
					key,
					!!old,
					{ value: f.chosen, normalized_override: null, flag: null },
					at,
					user.id
				);
			}
			let version = entry.version;
			if (Object.keys(changes).length) {
				await bumpVersion(trx, user, entry, entry.state as 'submitted', at);
				version = entry.version + 1;
				await appendAudit(trx, {
					actorId: user.id,
					action: 'entry.correct',
					subjectType: 'entry',
					subjectId: id,
					data: { version, from: entry.state, to: entry.state, changes },
					at
				});
			}
			await appendAudit(trx, {
				actorId: user.id,
				action: 'entry.settle',
				subjectType: 'entry',
				subjectId: id,
				data: { version, source: check.source, fields: result.fields },
				at
			});
		});
		return this.entries.get(user, id);
	}

	/** A supervisor switches a book's blind re-keying on or off (audited as `book.review`). */
	async setBlindRekey(
		user: SessionUser,
		bookId: string,
		on: boolean
	): Promise<{ blindOn: boolean }> {
		await setBookSwitch(this.db, this.access, this.now(), user, bookId, 'blindRekey', on);
		return { blindOn: on };
	}

	blindRekeyOn(user: SessionUser, bookId: string): Promise<boolean> {
		return readBookSwitch(this.db, this.access, user, bookId, 'blindRekey');
	}

	/**
	 * Every audit row about the entry, oldest first, with the actor's name. While the entry waits
	 * for its second keying, only its first keyers see the rows' values (independence).
	 */
	async history(user: SessionUser, id: string): Promise<HistoryRow[]> {
		const entry = await this.entries.row(user, id);
		const withheld = firstKeyingWithheld(entryFacts(entry), user);
		const rows = await this.db
			.selectFrom('audit_log')
			.leftJoin('app_user', 'app_user.id', 'audit_log.actor_id')
			.select([
				'audit_log.seq',
				'audit_log.at',
				'audit_log.action',
				'audit_log.actor_id',
				'audit_log.data',
				'app_user.display_name'
			])
			.where('audit_log.subject_type', '=', 'entry')
			.where('audit_log.subject_id', '=', id)
			.orderBy('audit_log.seq')
			.execute();
		return rows.map((r) => ({
			seq: Number(r.seq),
			at: r.at,
			action: r.action,
			actorId: r.actor_id,
			actorName: r.display_name,
			data: withheld ? {} : (JSON.parse(r.data) as Record<string, unknown>)
		}));
	}

	/** The lifecycle's `check` rule (second-person officer, submitted), then the version. */
	private assertMay(user: SessionUser, entry: EntryRow, version: number): void {
		const decision = decide(entryFacts(entry), 'check', user);
		if (!decision.ok) throw lifecycleError(decision.code, decision.params);
		if (version !== entry.version) {
			throw new AppError(409, 'entry.staleVersion', { current: entry.version, sent: version });
		}
	}

	private async currentCheck(entryId: string): Promise<CheckView | null> {
		const row: EntryCheckRow | undefined = await this.db
			.selectFrom('entry_check')
			.selectAll()
			.where('entry_id', '=', entryId)
			.where('state', 'in', ['pending', 'settled'])
			.orderBy('created_at', 'desc')
			.executeTakeFirst();
		if (!row) return null;
		return {
			id: row.id,
			source: row.source,
			state: row.state as 'pending' | 'settled',
			officerId: row.officer_id,
			entryVersion: row.entry_version,
			differences: JSON.parse(row.differences) as BlindDifference[]
		};
	}

	private async values(entryId: string): Promise<Record<string, string>> {
		const rows = await this.db
			.selectFrom('entry_field')
			.select(['key', 'value'])
			.where('entry_id', '=', entryId)
			.execute();
		return Object.fromEntries(rows.map((r) => [r.key, r.value]));
	}
}
