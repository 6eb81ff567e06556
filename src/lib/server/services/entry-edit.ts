/**
 * What every change to an entry's content does, in one place for the field edits
 * (entry-service) and the region fixes (entry-region-service): who may edit at which version,
 * the version bump that lets only one of two concurrent writers win, and a field row's upsert.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB, EntryFieldRow, EntryRow } from '../db/schema';
import type { SessionUser } from '../auth/session-service';
import { AppError } from '../errors';
import { lifecycleError } from './access';
import { decide, type EntryFacts, type EntryState } from '../../verify/entry-lifecycle';

export function entryFacts(e: EntryRow): EntryFacts {
	return {
		state: e.state as EntryState,
		transcribedBy: e.transcribed_by,
		lastEditedBy: e.last_edited_by,
		submittedBy: e.submitted_by,
		secondKeyingDue: e.second_keying === 'due',
		secondKeyer: e.second_keyer
	};
}

/** Whether a blind re-keying or double keying of the current review round has differences nobody settled. */
export async function hasUnsettledCheck(db: Kysely<DB>, entryId: string): Promise<boolean> {
	const row = await db
		.selectFrom('entry_check')
		.select('id')
		.where('entry_id', '=', entryId)
		.where('state', '=', 'pending')
		.executeTakeFirst();
	return row !== undefined;
}

/** The lifecycle's edit rule, then the version the user started from; the state after the edit. */
export function checkEdit(user: SessionUser, e: EntryRow, version: number): EntryState {
	const decision = decide(entryFacts(e), 'edit', user);
	if (!decision.ok) throw lifecycleError(decision.code, decision.params);
	if (version !== e.version)
		throw new AppError(409, 'entry.staleVersion', { current: e.version, sent: version });
	return decision.next;
}

/**
 * The version bump: one conditional statement, so two concurrent writers cannot both win. The
 * editor is recorded for four-eyes review (an officer's correction under review is not).
 */
export async function bumpVersion(
	trx: Transaction<DB>,
	user: SessionUser,
	e: EntryRow,
	next: EntryState,
	at: string,
	set: { region?: string | null } = {}
): Promise<void> {
	const underReview = e.state === 'submitted';
	const res = await trx
		.updateTable('entry')
		.set({
			...set,
			version: e.version + 1,
			state: next,
			transcribed_by: e.transcribed_by ?? (underReview ? null : user.id),
			last_edited_by: underReview ? e.last_edited_by : user.id,
			updated_at: at
		})
		.where('id', '=', e.id)
		.where('version', '=', e.version)
		.executeTakeFirst();
	if (Number(res.numUpdatedRows) !== 1)
		throw new AppError(409, 'entry.staleVersion', { current: e.version + 1, sent: e.version });
}

type FieldChange = Partial<Pick<EntryFieldRow, 'value' | 'normalized_override' | 'flag' | 'bbox'>>;

/** Changes a field's row, or creates it (nothing read by OCR, empty unless given) when missing. */
export async function upsertField(
	trx: Transaction<DB>,
	entryId: string,
	key: string,
	exists: boolean,
	change: FieldChange,
	at: string,
	userId: string
): Promise<void> {
	if (exists) {
		await trx
			.updateTable('entry_field')
			.set({ ...change, updated_at: at, updated_by: userId })
			.where('entry_id', '=', entryId)
			.where('key', '=', key)
			.execute();
		return;
	}
	await trx
		.insertInto('entry_field')
		.values({
			entry_id: entryId,
			key,
			value: '',
			normalized_override: null,
			flag: null,
			bbox: null,
			...change,
			ocr_value: null,
			ocr_confidence: null,
			ocr_issues: null,
			updated_at: at,
			updated_by: userId
		})
		.execute();
}
