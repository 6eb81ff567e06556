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
	await setBookSwitches(db, access, at, user, bookId, { [name]: on });
}

export type BookSwitches = Record<BookSwitch, boolean>;

/**
 * Sets several switches at once, all or nothing: every one must be the user's to turn, then the
 * changed ones are written with one audit row (`book.review`, each changed switch's before and
 * after). Double keying is not turned off while entries of the book wait for their second
 * keying (409): they would wait for a keying the book no longer asks for. Answers the switches
 * after the change.
 */
export async function setBookSwitches(
	db: Kysely<DB>,
	access: Access,
	at: Date,
	user: SessionUser,
	bookId: string,
	changes: Partial<BookSwitches>
): Promise<BookSwitches> {
	const book = await visibleBook(db, access, user, bookId);
	const names = (Object.keys(bookSwitches) as BookSwitch[]).filter((n) => changes[n] !== undefined);
	for (const name of names) {
		const { mayChange, forbidden } = bookSwitches[name];
		if (!(mayChange as readonly Role[]).includes(user.role)) throw new AppError(403, forbidden);
	}
	const now = Object.fromEntries(
		(Object.keys(bookSwitches) as BookSwitch[]).map((n) => [
			n,
			Number(book[bookSwitches[n].column]) === 1
		])
	) as BookSwitches;
	const changed = names.filter((n) => changes[n] !== now[n]);
	if (changed.length === 0) return now;
	await db.transaction().execute(async (trx) => {
		if (changed.includes('doubleKeying') && !changes.doubleKeying) {
			const due = await trx
				.selectFrom('entry')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('book_id', '=', bookId)
				.where('second_keying', '=', 'due')
				.executeTakeFirstOrThrow();
			if (Number(due.n) > 0) throw new AppError(409, 'book.secondKeyingsDue', { n: Number(due.n) });
		}
		const data: Record<string, { before: boolean; after: boolean }> = {};
		for (const name of changed) {
			const on = changes[name]!;
			await trx
				.updateTable('book')
				.set(
					bookSwitches[name].column === 'blind_rekey'
						? { blind_rekey: on ? 1 : 0 }
						: { double_keying: on ? 1 : 0 }
				)
				.where('id', '=', bookId)
				.execute();
			data[name] = { before: now[name], after: on };
		}
		await appendAudit(trx, {
			actorId: user.id,
			action: 'book.review',
			subjectType: 'book',
			subjectId: bookId,
			data,
			at: at.toISOString()
		});
	});
	return { ...now, ...Object.fromEntries(changed.map((n) => [n, changes[n]!])) };
}
