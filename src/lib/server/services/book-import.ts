import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, PageRow } from '../db/schema';
import type { SessionUser } from '../auth/session-service';
import type { BlobStore } from '../storage/blob-store';
import type { Access } from './access';
import type { UnitService } from './unit-service';
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
		private readonly now: () => Date
	) {}

	async createBook(actor: SessionUser | null, input: NewBook): Promise<string> {
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
		const id = randomUUID();
		const at = this.now().toISOString();
		await this.db.transaction().execute(async (trx) => {
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
		});
		return id;
	}

	/** Stores a page image (once per content) as the book's next page. */
	async addPage(bookId: string, page: NewPage, actorId: string | null): Promise<PageRow> {
		const hash = await this.blobs.put(page.bytes);
		const at = this.now().toISOString();
		return this.db.transaction().execute(async (trx) => {
			const existing = await trx
				.selectFrom('page')
				.selectAll()
				.where('book_id', '=', bookId)
				.where('blob_hash', '=', hash)
				.executeTakeFirst();
			if (existing) return existing;
			const blob = await trx
				.selectFrom('blob')
				.select('hash')
				.where('hash', '=', hash)
				.executeTakeFirst();
			if (!blob) {
				await trx
					.insertInto('blob')
					.values({ hash, mime: page.mime, size: page.bytes.byteLength, created_at: at })
					.execute();
			}
			const last = await trx
				.selectFrom('page')
				.select((eb) => eb.fn.max('page_no').as('n'))
				.where('book_id', '=', bookId)
				.executeTakeFirst();
			const row: PageRow = {
				id: randomUUID(),
				book_id: bookId,
				page_no: Number(last?.n ?? 0) + 1,
				blob_hash: hash,
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
				data: { page: row.page_no, blob: hash, file: page.sourceFile, sourcePage: page.sourcePage },
				at
			});
			return row;
		});
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
