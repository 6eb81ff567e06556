import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, PageRow } from '../db/schema';
import type { SessionUser } from '../auth/session-service';
import type { BlobStore } from '../storage/blob-store';
import type { Access } from './access';
import type { UnitService } from './unit-service';
import type { JobQueue } from '../jobs/job-queue';
import { jobKinds } from '../jobs/job-kinds';
import { appendAudit } from '../audit/audit-log';
import { AppError } from '../errors';
import { decide } from '../../verify/entry-lifecycle';
import { isRegisterType } from '../../registers/index';

export interface NewBook {
	unitCode: string;
	registerType: string;
	bookNumber: string;
	year: number;
	title?: string;
	expectedEntries?: number | null;
	templateId?: string | null;
}

export interface NewPage {
	bytes: Uint8Array;
	mime: string;
	width: number;
	height: number;
	sourceFile: string;
	sourcePage: number;
}

export type Box = [number, number, number, number];
export interface PrefillField {
	value: string;
	confidence: number | null;
	bbox: Box | null;
	/** Why OCR doubts the value (see BookPageField.issues); empty when it does not. */
	issues: string[];
}

const SYSTEM = { id: 'system', role: 'system' } as const;

/** A page whose image is in the blob store but which belongs to no book yet. */
export interface StagedPage {
	hash: string;
	mime: string;
	size: number;
	width: number;
	height: number;
	sourceFile: string;
	sourcePage: number;
}

/**
 * The pages of a book being imported, in book order: images are stored as they are read, and
 * the book reaches the database only once complete (BookImportService.commitImport).
 */
export class ImportDraft {
	readonly pages: StagedPage[] = [];
	readonly #pageOf = new Map<string, number>();

	/** The book page the image becomes; `stored: false` when the draft holds that image already. */
	add(page: StagedPage): { pageNo: number; stored: boolean } {
		const known = this.#pageOf.get(page.hash);
		if (known !== undefined) return { pageNo: known, stored: false };
		this.pages.push(page);
		this.#pageOf.set(page.hash, this.pages.length);
		return { pageNo: this.pages.length, stored: true };
	}
}

/**
 * Books, their scanned pages and the entries found on them. Pages are stored once by content hash;
 * entries start `imported` and become `prefilled` when OCR has filled them.
 */
export class BookImportService {
	constructor(
		private readonly db: Kysely<DB>,
		private readonly blobs: BlobStore,
		private readonly access: Access,
		private readonly units: UnitService,
		private readonly jobs: JobQueue,
		private readonly now: () => Date
	) {}

	async createBook(actor: SessionUser | null, input: NewBook): Promise<string> {
		await this.checkNewBook(actor, input);
		return this.db.transaction().execute((trx) => this.insertBook(trx, actor, input));
	}

	/** Refuses a book that cannot be created (unknown or hidden unit, bad type, year or number). */
	async checkNewBook(actor: SessionUser | null, input: NewBook): Promise<void> {
		if (!(await this.units.get(input.unitCode)))
			throw new AppError(422, 'unit.unknown', { code: input.unitCode });
		if (actor) await this.access.assertVisible(actor, input.unitCode, 'unit');
		if (!isRegisterType(input.registerType))
			throw new AppError(422, 'book.badType', { type: input.registerType });
		if (
			!Number.isInteger(input.year) ||
			input.year < 1900 ||
			input.year > this.now().getFullYear()
		) {
			throw new AppError(422, 'book.badYear', { year: String(input.year) });
		}
		if (!input.bookNumber.trim()) throw new AppError(422, 'book.badNumber');
	}

	/** Stores a page image (once per content) as the book's next page. */
	async addPage(bookId: string, page: NewPage, actorId: string | null): Promise<PageRow> {
		const staged = await this.storeImage(page);
		return this.db.transaction().execute(async (trx) => {
			const existing = await trx
				.selectFrom('page')
				.selectAll()
				.where('book_id', '=', bookId)
				.where('blob_hash', '=', staged.hash)
				.executeTakeFirst();
			if (existing) return existing;
			const last = await trx
				.selectFrom('page')
				.select((eb) => eb.fn.max('page_no').as('n'))
				.where('book_id', '=', bookId)
				.executeTakeFirst();
			return this.insertPage(trx, bookId, staged, Number(last?.n ?? 0) + 1, actorId);
		});
	}

	/** Stores a scan's image in the blob store for a book still being imported (see ImportDraft). */
	async stagePage(draft: ImportDraft, page: NewPage): Promise<{ pageNo: number; stored: boolean }> {
		return draft.add(await this.storeImage(page));
	}

	/**
	 * Writes an imported book, all its pages and its OCR job in one transaction: a crash before
	 * this leaves no book at all (only stored images, which a re-run finds already there), never a
	 * book that looks imported but lacks pages or will never be read.
	 */
	async commitImport(
		actor: SessionUser | null,
		input: NewBook,
		draft: ImportDraft
	): Promise<string> {
		await this.checkNewBook(actor, input);
		return this.db.transaction().execute(async (trx) => {
			const bookId = await this.insertBook(trx, actor, input);
			for (const [i, page] of draft.pages.entries())
				await this.insertPage(trx, bookId, page, i + 1, actor?.id ?? null);
			// A book none of whose pages could be read has nothing for OCR to do.
			if (draft.pages.length > 0)
				await this.jobs.enqueue(jobKinds.bookOcr, { bookId }, { db: trx });
			return bookId;
		});
	}

	private async storeImage(page: NewPage): Promise<StagedPage> {
		return {
			hash: await this.blobs.put(page.bytes),
			mime: page.mime,
			size: page.bytes.byteLength,
			width: page.width,
			height: page.height,
			sourceFile: page.sourceFile,
			sourcePage: page.sourcePage
		};
	}

	private async insertBook(
		trx: Kysely<DB>,
		actor: SessionUser | null,
		input: NewBook
	): Promise<string> {
		const id = randomUUID();
		const at = this.now().toISOString();
		await trx
			.insertInto('book')
			.values({
				id,
				unit_code: input.unitCode,
				register_type: input.registerType,
				book_number: input.bookNumber.trim(),
				year: input.year,
				title: input.title?.trim() || `${input.bookNumber.trim()}`,
				expected_entries: input.expectedEntries ?? null,
				template_id: input.templateId ?? null,
				created_at: at,
				created_by: actor?.id ?? null
			})
			.execute();
		await appendAudit(trx, {
			actorId: actor?.id ?? null,
			action: 'book.create',
			subjectType: 'book',
			subjectId: id,
			data: { ...input },
			at
		});
		return id;
	}

	private async insertPage(
		trx: Kysely<DB>,
		bookId: string,
		page: StagedPage,
		pageNo: number,
		actorId: string | null
	): Promise<PageRow> {
		const at = this.now().toISOString();
		await trx
			.insertInto('blob')
			.values({ hash: page.hash, mime: page.mime, size: page.size, created_at: at })
			.onConflict((oc) => oc.column('hash').doNothing())
			.execute();
		const row: PageRow = {
			id: randomUUID(),
			book_id: bookId,
			page_no: pageNo,
			blob_hash: page.hash,
			width: page.width,
			height: page.height,
			source_file: page.sourceFile,
			source_page: page.sourcePage,
			created_at: at,
			ocr_state: 'pending',
			ocr_error: null
		};
		await trx.insertInto('page').values(row).execute();
		await appendAudit(trx, {
			actorId,
			action: 'page.add',
			subjectType: 'book',
			subjectId: bookId,
			data: { page: pageNo, blob: page.hash, file: page.sourceFile, sourcePage: page.sourcePage },
			at
		});
		return row;
	}

	/**
	 * Records the entries OCR found on one page, prefilled, in one transaction: a crash leaves the
	 * page either fully read or untouched, so a resumed job simply reads it again.
	 * Returns false when the page was already read (a job resumed after a crash).
	 */
	async recordPageEntries(
		pageId: string,
		entries: { region: Box; fields: Record<string, PrefillField> }[]
	): Promise<boolean> {
		const at = this.now().toISOString();
		const decision = decide(
			{ state: 'imported', transcribedBy: null, lastEditedBy: null, submittedBy: null },
			'prefill',
			SYSTEM
		);
		if (!decision.ok) throw new AppError(409, decision.code, decision.params);
		return this.db.transaction().execute(async (trx) => {
			const page = await trx
				.selectFrom('page')
				.selectAll()
				.where('id', '=', pageId)
				.executeTakeFirstOrThrow();
			const book = await trx
				.selectFrom('book')
				.selectAll()
				.where('id', '=', page.book_id)
				.executeTakeFirstOrThrow();
			if (page.ocr_state === 'done') return false;
			await trx
				.updateTable('page')
				.set({ ocr_state: 'done', ocr_error: null })
				.where('id', '=', pageId)
				.execute();
			const last = await trx
				.selectFrom('entry')
				.select((eb) => eb.fn.max('seq').as('n'))
				.where('book_id', '=', book.id)
				.executeTakeFirst();
			let seq = Number(last?.n ?? 0);
			for (const found of entries) {
				const id = randomUUID();
				await trx
					.insertInto('entry')
					.values({
						id,
						book_id: book.id,
						unit_code: book.unit_code,
						register_type: book.register_type,
						page_id: pageId,
						seq: ++seq,
						region: JSON.stringify(found.region),
						state: decision.next,
						version: 1,
						transcribed_by: null,
						last_edited_by: null,
						submitted_by: null,
						approved_by: null,
						return_reason: null,
						created_at: at,
						updated_at: at
					})
					.execute();
				const rows = Object.entries(found.fields).map(([key, f]) => ({
					entry_id: id,
					key,
					value: f.value.normalize('NFC'),
					normalized_override: null,
					ocr_value: f.value.normalize('NFC'),
					ocr_confidence: f.confidence,
					ocr_issues: f.issues.length ? JSON.stringify(f.issues) : null,
					flag: null,
					bbox: f.bbox ? JSON.stringify(f.bbox) : null,
					updated_at: at,
					updated_by: null
				}));
				if (rows.length) await trx.insertInto('entry_field').values(rows).execute();
				await appendAudit(trx, {
					actorId: null,
					action: 'entry.prefill',
					subjectType: 'entry',
					subjectId: id,
					data: {
						version: 1,
						book: book.id,
						page: page.page_no,
						region: found.region,
						fields: Object.fromEntries(
							Object.entries(found.fields).map(([k, f]) => [
								k,
								{ value: f.value, confidence: f.confidence }
							])
						)
					},
					at
				});
			}
			return true;
		});
	}

	/** Marks a page OCR could not read; the clerk sees why and marks its entries by hand. */
	async recordPageError(
		pageId: string,
		error: { code: string; params: Record<string, string | number> }
	): Promise<void> {
		const at = this.now().toISOString();
		await this.db.transaction().execute(async (trx) => {
			const page = await trx
				.selectFrom('page')
				.select(['book_id', 'page_no'])
				.where('id', '=', pageId)
				.executeTakeFirstOrThrow();
			await trx
				.updateTable('page')
				.set({ ocr_state: 'failed', ocr_error: JSON.stringify(error) })
				.where('id', '=', pageId)
				.execute();
			await appendAudit(trx, {
				actorId: null,
				action: 'page.ocrFailed',
				subjectType: 'book',
				subjectId: page.book_id,
				data: { page: page.page_no, error },
				at
			});
		});
	}

	/** Pages of a book that OCR has not read yet, in page order. */
	pagesAwaitingOcr(bookId: string): Promise<PageRow[]> {
		return this.db
			.selectFrom('page')
			.selectAll()
			.where('book_id', '=', bookId)
			.where('ocr_state', '=', 'pending')
			.orderBy('page_no')
			.execute();
	}
}
