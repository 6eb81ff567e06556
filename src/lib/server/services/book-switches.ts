import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/session-service';
import type { Role } from '../../auth/roles';
import { appendAudit } from '../audit/audit-log';
import { AppError, notFound } from '../errors';
import type { Access } from './access';

/**
 * A book's review switches: who may turn each one, and the code a refusal carries. The audit row
 * (`book.review`) names the switch by its key, with the value before and after.
 */
export const bookSwitches = {
	blindRekey: {
		column: 'blind_rekey',
		mayChange: ['supervisor'],
		forbidden: 'book.reviewSettingsForbidden'
	},
	doubleKeying: {
		column: 'double_keying',
		mayChange: ['supervisor', 'admin'],
		forbidden: 'book.doubleKeyingForbidden'
	}
} as const satisfies Record<
	string,
	{ column: 'blind_rekey' | 'double_keying'; mayChange: readonly Role[]; forbidden: string }
>;

export type BookSwitch = keyof typeof bookSwitches;

async function visibleBook(db: Kysely<DB>, access: Access, user: SessionUser, bookId: string) {
	const book = await db
		.selectFrom('book')
		.select(['unit_code', 'blind_rekey', 'double_keying'])
		.where('id', '=', bookId)
		.executeTakeFirst();
	if (!book) throw notFound('book');
	await access.assertVisible(user, book.unit_code, 'book');
	return book;
}

/** Whether the switch is on for a book the user may see. */
export async function readBookSwitch(
	db: Kysely<DB>,
	access: Access,
	user: SessionUser,
	bookId: string,
	name: BookSwitch
): Promise<boolean> {
	const book = await visibleBook(db, access, user, bookId);
	return Number(book[bookSwitches[name].column]) === 1;
}

/** Turns the switch on or off, audited in the same transaction; a no-op when it already is. */
export async function setBookSwitch(
	db: Kysely<DB>,
	access: Access,
	at: Date,
	user: SessionUser,
	bookId: string,
	name: BookSwitch,
	on: boolean
): Promise<void> {
	const { column, mayChange, forbidden } = bookSwitches[name];
	const book = await visibleBook(db, access, user, bookId);
	if (!(mayChange as readonly Role[]).includes(user.role)) throw new AppError(403, forbidden);
	const before = Number(book[column]) === 1;
	if (before === on) return;
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('book')
			.set(column === 'blind_rekey' ? { blind_rekey: on ? 1 : 0 } : { double_keying: on ? 1 : 0 })
			.where('id', '=', bookId)
			.execute();
		await appendAudit(trx, {
			actorId: user.id,
			action: 'book.review',
			subjectType: 'book',
			subjectId: bookId,
			data: { [name]: { before, after: on } },
			at: at.toISOString()
		});
	});
}
