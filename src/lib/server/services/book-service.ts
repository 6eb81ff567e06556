import type { Kysely } from 'kysely';
import type { BookRow, DB } from '../db/schema';
import type { SessionUser } from '../auth/session-service';
import type { Access } from './access';
import type { UnitService } from './unit-service';
import { notFound } from '../errors';
import { setBookSwitches, type BookSwitches } from './book-switches';
import {
	decide,
	entryStates,
	firstKeyingWithheld,
	type EntryFacts,
	type EntryState
} from '../../verify/entry-lifecycle';
import { isRegisterType, principalNameKey } from '../../registers/index';

export interface PageSummary {
	id: string;
	pageNo: number;
	ocrState: 'pending' | 'done' | 'failed';
	/** Why OCR could not read the page: a message code and its parameters. */
	ocrError: { code: string; params: Record<string, string | number> } | null;
	entries: number;
}

export interface BookSummary {
	id: string;
	title: string;
	unitCode: string;
	unitName: string;
	registerType: string;
	bookNumber: string;
	year: number;
	expected: number | null;
	counts: Record<EntryState, number>;
	total: number;
}

export interface QueueItem {
	id: string;
	seq: number;
	state: EntryState;
	name: string | null;
	so: string | null;
	returnReason: string | null;
	pageNo: number | null;
	/** Double keying: this round's second keying is still to be submitted. */
	secondKeyingDue: boolean;
	/** The user may do that second keying (not a keyer of it, nobody else holds it). */
	keyable: boolean;
}

const emptyCounts = () =>
	Object.fromEntries(entryStates.map((s) => [s, 0])) as Record<EntryState, number>;

export class BookService {
	constructor(
		private readonly db: Kysely<DB>,
		private readonly access: Access,
		private readonly units: UnitService,
		private readonly now: () => Date
	) {}

	/**
	 * Sets the book's review switches (`PATCH /api/v1/books/:id`): who may turn which, the audit
	 * and the refusals are book-switches' rules, the same the book's page goes through.
	 */
	async setSwitches(
		user: SessionUser,
		id: string,
		changes: Partial<BookSwitches>
	): Promise<{ id: string } & BookSwitches> {
		const now = await setBookSwitches(this.db, this.access, this.now(), user, id, changes);
		return { id, ...now };
	}

	async listVisible(user: SessionUser): Promise<BookSummary[]> {
		const visible = [...(await this.access.visibleUnits(user))];
		if (visible.length === 0) return [];
		const books = await this.db
			.selectFrom('book')
			.selectAll()
			.where('unit_code', 'in', visible)
			.orderBy('unit_code')
			.orderBy('year')
			.orderBy('book_number')
			.execute();
		if (books.length === 0) return [];
		const counts = await this.db
			.selectFrom('entry')
			.select(['book_id', 'state', this.db.fn.countAll<number>().as('n')])
			.where(
				'book_id',
				'in',
				books.map((b) => b.id)
			)
			.groupBy(['book_id', 'state'])
			.execute();
		return Promise.all(books.map((b) => this.summarise(b, counts)));
	}

	/** The book's row for background work (no user: the job was authorised when queued). */
	getRow(id: string): Promise<BookRow | undefined> {
		return this.db.selectFrom('book').selectAll().where('id', '=', id).executeTakeFirst();
	}

	async get(user: SessionUser, id: string): Promise<BookSummary> {
		const book = await this.db
			.selectFrom('book')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirst();
		if (!book) throw notFound('book');
		await this.access.assertVisible(user, book.unit_code, 'book');
		const counts = await this.db
			.selectFrom('entry')
			.select(['book_id', 'state', this.db.fn.countAll<number>().as('n')])
			.where('book_id', '=', id)
			.groupBy(['book_id', 'state'])
			.execute();
		return this.summarise(book, counts);
	}

	/** The book's scanned pages and how far OCR has read them. */
	async pages(user: SessionUser, id: string): Promise<PageSummary[]> {
		await this.get(user, id);
		const rows = await this.db
			.selectFrom('page')
			.leftJoin('entry', 'entry.page_id', 'page.id')
			.select((eb) => [
				'page.id',
				'page.page_no',
				'page.ocr_state',
				'page.ocr_error',
				eb.fn.count<number>('entry.id').as('entries')
			])
			.where('page.book_id', '=', id)
			.groupBy(['page.id', 'page.page_no', 'page.ocr_state', 'page.ocr_error'])
			.orderBy('page.page_no')
			.execute();
		return rows.map((r) => ({
			id: r.id,
			pageNo: r.page_no,
			ocrState: r.ocr_state,
			ocrError: r.ocr_error ? (JSON.parse(r.ocr_error) as PageSummary['ocrError']) : null,
			entries: Number(r.entries)
		}));
	}

	/**
	 * A book's work queue: returned entries first (they carry the officer's reason), then in book
	 * order. Each item says whether it waits for a second keying the user may do (the lifecycle's
	 * `key` rule), so a clerk's queue offers it to everyone but its first keyer.
	 */
	async queue(user: SessionUser, id: string): Promise<QueueItem[]> {
		const book = await this.get(user, id);
		const rows = await this.db
			.selectFrom('entry')
			.leftJoin('page', 'page.id', 'entry.page_id')
			.leftJoin('entry_field as name', (j) =>
				j.onRef('name.entry_id', '=', 'entry.id').on('name.key', '=', nameKeyOf(book.registerType))
			)
			.leftJoin('entry_field as so', (j) =>
				j.onRef('so.entry_id', '=', 'entry.id').on('so.key', '=', 'so')
			)
			.select([
				'entry.id',
				'entry.seq',
				'entry.state',
				'entry.return_reason',
				'entry.transcribed_by',
				'entry.last_edited_by',
				'entry.submitted_by',
				'entry.second_keying',
				'entry.second_keyer',
				'page.page_no',
				'name.value as name',
				'so.value as so'
			])
			.where('entry.book_id', '=', id)
			.orderBy('entry.seq')
			.execute();
		const items = rows.map((r) => {
			const facts: EntryFacts = {
				state: r.state as EntryState,
				transcribedBy: r.transcribed_by,
				lastEditedBy: r.last_edited_by,
				submittedBy: r.submitted_by,
				secondKeyingDue: r.second_keying === 'due',
				secondKeyer: r.second_keyer
			};
			// Until both keyings are in, the first one's name and number are its keyer's alone.
			const withheld = firstKeyingWithheld(facts, user);
			return {
				id: r.id,
				seq: r.seq,
				state: facts.state,
				name: withheld ? null : (r.name ?? null),
				so: withheld ? null : (r.so ?? null),
				returnReason: r.return_reason,
				pageNo: r.page_no ?? null,
				secondKeyingDue: !!facts.secondKeyingDue,
				keyable: !!facts.secondKeyingDue && decide(facts, 'key', user).ok
			};
		});
		return [
			...items.filter((i) => i.state === 'returned'),
			...items.filter((i) => i.state !== 'returned')
		];
	}

	private async summarise(
		b: BookRow,
		counts: { book_id: string; state: string; n: number }[]
	): Promise<BookSummary> {
		const c = emptyCounts();
		for (const row of counts) if (row.book_id === b.id) c[row.state as EntryState] = Number(row.n);
		return {
			id: b.id,
			title: b.title,
			unitCode: b.unit_code,
			unitName: (await this.units.get(b.unit_code))?.name ?? b.unit_code,
			registerType: b.register_type,
			bookNumber: b.book_number,
			year: b.year,
			expected: b.expected_entries,
			counts: c,
			total: Object.values(c).reduce((a, n) => a + n, 0)
		};
	}
}

/** The column that names an entry in lists: the principal person's full name. */
function nameKeyOf(type: string): string {
	return isRegisterType(type) ? principalNameKey(type) : 'hoTen';
}
