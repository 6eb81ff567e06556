import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { BookExportRow, BookRow, DB, EntryRow, PageRow } from '../db/schema';
import type { SessionUser } from '../auth/session-service';
import type { BlobStore } from '../storage/blob-store';
import type { OcrPool } from '../../ocr/engine/ocr-pool';
import type { Access } from './access';
import type { BookService } from './book-service';
import { lifecycleError } from './access';
import { appendAudit } from '../audit/audit-log';
import { AppError, notFound } from '../errors';
import { decide, type Actor, type EntryState } from '../../verify/entry-lifecycle';
import { isRegisterType, registerTypeInfo, type RegisterType } from '../../registers/index';
import {
	bookNumberOnly,
	normalizeEntry,
	entryNumber,
	principal,
	registrationYear,
	type NormalizedFields,
	type StoredField
} from '../../export/entry-values';
import {
	DEFAULT_FILE_NAME_PATTERN,
	asciiWord,
	checkFileNamePattern,
	fileBaseName,
	uniqueNames
} from '../../export/file-names';
import { excelColumns, excelRow } from '../../export/excel-rows';
import { findDuplicates, type DuplicateCandidate } from '../../export/duplicates';
import { nameWordsFound } from '../../export/legibility';
import type { ExportReport, LegibilityCheck } from '../../export/report';
import {
	MAX_PDF_BYTES,
	buildEntryPdf,
	loadPageImage,
	type Box,
	type EntryPdf
} from '../export/entry-pdf';
import { buildWorkbook, zipFiles } from '../export/package-files';
import { jobKinds } from '../jobs/job-kinds';
import type { JobQueue } from '../jobs/job-queue';
import { encodeFailure, readFailure } from '../jobs/job-failure';
import { renewWhileHeld } from '../jobs/lease-renewal';

/** Only these leave sohoa: approved, and exported before (a re-export carries them again). */
const EXPORTABLE: readonly EntryState[] = ['approved', 'exported'];
const SYSTEM: Actor = { id: 'system', role: 'system' };

export interface ExportOptions {
	/** File-name rule (file-names.ts); the default is DOMAIN.md's. */
	namePattern?: string;
	greyscale?: boolean;
	/** How many PDFs OCR re-reads to check they are legible (plus every heavily squeezed one). */
	legibilitySample?: number;
}

export type Refusal = { code: string; params: Record<string, string | number> };

/**
 * A sampling audit (or any other reason) holding a book back from export; null when free. The
 * refusal's code is shown to the user (`export.held` with a `reason` is the generic one).
 */
export type BookHoldCheck = (book: BookRow) => Promise<Refusal | null>;

export interface ExportResult {
	exportId: string;
	zipName: string;
	xlsxName: string;
	zip: Uint8Array;
	xlsx: Uint8Array;
	entries: number;
	report: ExportReport;
}

export interface ExportStatus {
	bookId: string;
	approved: number;
	exported: number;
	/** Exported entries changed since: the next export carries them again. */
	changedSinceExport: number;
	/** Why a new export cannot start now; null when it can. */
	blocked: Refusal | null;
	latest: {
		id: string;
		state: BookExportRow['state'];
		/** Built by the background job (the page follows it); false for `sohoa export`. */
		background: boolean;
		done: number;
		total: number;
		zipName: string | null;
		xlsxName: string | null;
		entries: number;
		report: ExportReport | null;
		error: Refusal | null;
		requestedAt: string;
		finishedAt: string | null;
	} | null;
}

export interface BuildDeps {
	/** Progress per entry; false: stop (the job was taken from this worker). */
	progress?: (p: { done: number; total: number }) => Promise<boolean>;
	/** OCR for the legibility check; without it no PDF is re-read (the report says 0 checked). */
	ocr?: () => OcrPool;
}

export interface ForegroundDeps extends BuildDeps {
	/**
	 * How long the running export stays this process's without a renewal (SOHOA_JOB_LEASE_SECONDS):
	 * renewed every third of it while building; a killed process's export is interrupted after it.
	 */
	leaseMs?: number;
}

interface Loaded {
	entry: EntryRow;
	values: NormalizedFields;
	year: number;
	page: PageRow | null;
}

/** The worker is stopping or lost the job: nothing was marked; the next run starts over. */
export class ExportStopped extends Error {
	constructor() {
		super('export stopped before it finished');
	}
}

const json = <T>(s: string | null): T | null => (s ? (JSON.parse(s) as T) : null);

/**
 * Export packages (DOMAIN.md §2–3): for one book, a zip of one PDF per approved entry and the
 * national import Excel naming each PDF. Entries leave marked `exported` with what they were
 * exported as; the same content always makes the same bytes, so a re-export without changes is
 * byte-identical, and an entry changed after its export shows up as changed.
 */
export class ExportService {
	constructor(
		private readonly db: Kysely<DB>,
		private readonly blobs: BlobStore,
		private readonly access: Access,
		private readonly books: BookService,
		private readonly jobs: JobQueue,
		private readonly now: () => Date,
		private readonly holds: BookHoldCheck = async () => null
	) {}

	/** Queues an export of the book for the background worker; returns the export's id. */
	async request(user: SessionUser, bookId: string, opts: ExportOptions = {}): Promise<string> {
		const book = await this.visibleBook(user, bookId);
		this.assertMayExport(user);
		await this.assertExportable(book, opts);
		const id = await this.createRow(book, user.id, opts, 'queued');
		const jobId = await this.jobs.enqueue(
			jobKinds.bookExport,
			{ exportId: id },
			{ maxAttempts: 2 }
		);
		await this.db.updateTable('book_export').set({ job_id: jobId }).where('id', '=', id).execute();
		return id;
	}

	/**
	 * `sohoa export`: builds the package now, in this process, as the system. The running row is
	 * held by a lease the process renews (like a job's): killed, it is marked interrupted once the
	 * lease runs out (`expireInterrupted`), and the book may be exported again.
	 */
	async exportNow(
		bookId: string,
		opts: ExportOptions,
		deps: ForegroundDeps = {}
	): Promise<ExportResult> {
		const leaseMs = deps.leaseMs ?? 60_000;
		const book = await this.books.getRow(bookId);
		if (!book) throw notFound('book');
		await this.assertExportable(book, opts);
		const id = await this.createRow(book, null, opts, 'running', leaseMs);
		const stopRenewing = renewWhileHeld(() => this.renewLease(id, leaseMs), leaseMs);
		try {
			return await this.build(id, deps);
		} finally {
			stopRenewing();
		}
	}

	private async renewLease(id: string, leaseMs: number): Promise<void> {
		await this.db
			.updateTable('book_export')
			.set({ lease_until: new Date(this.now().getTime() + leaseMs).toISOString() })
			.where('id', '=', id)
			.where('state', '=', 'running')
			.execute();
	}

	/**
	 * Marks failed (interrupted) every foreground export whose process stopped renewing its lease:
	 * it was killed before the last transaction, so nothing of it was published or marked. Rows
	 * from before leases existed have none and count as expired.
	 */
	async expireInterrupted(bookId: string): Promise<void> {
		const now = this.now().toISOString();
		await this.db
			.updateTable('book_export')
			.set({
				state: 'failed',
				finished_at: now,
				lease_until: null,
				error: encodeFailure({ code: 'export.interrupted', params: {} })
			})
			.where('book_id', '=', bookId)
			.where('state', '=', 'running')
			.where('job_id', 'is', null)
			.where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
			.execute();
	}

	async status(user: SessionUser, bookId: string): Promise<ExportStatus> {
		const book = await this.visibleBook(user, bookId);
		await this.expireInterrupted(bookId);
		const counts = await this.db
			.selectFrom('entry')
			.select(['state', this.db.fn.countAll<number>().as('n')])
			.where('book_id', '=', bookId)
			.where('state', 'in', EXPORTABLE)
			.groupBy('state')
			.execute();
		const count = (s: EntryState) => Number(counts.find((c) => c.state === s)?.n ?? 0);
		const changed = await this.db
			.selectFrom('entry_export')
			.innerJoin('entry', 'entry.id', 'entry_export.entry_id')
			.select(this.db.fn.countAll<number>().as('n'))
			.where('entry.book_id', '=', bookId)
			.whereRef('entry.version', '>', 'entry_export.entry_version')
			.executeTakeFirstOrThrow();
		const row = await this.latestRow(bookId);
		const job = row?.job_id ? await this.jobs.get(row.job_id) : undefined;
		let blocked: Refusal | null = null;
		try {
			await this.assertExportable(book, {});
		} catch (e) {
			if (!(e instanceof AppError)) throw e;
			blocked = { code: e.code, params: e.params };
		}
		// A job that gave up (its worker died too often) leaves its row unfinished: say so.
		const jobFailed = job?.state === 'failed' && row?.state !== 'done' && row?.state !== 'failed';
		return {
			bookId,
			approved: count('approved'),
			exported: count('exported'),
			changedSinceExport: Number(changed.n),
			blocked,
			latest: row
				? {
						id: row.id,
						state: jobFailed ? 'failed' : row.state,
						background: !!row.job_id,
						done: job?.progress_done ?? (row.state === 'done' ? row.entries : 0),
						total: job?.progress_total ?? row.entries,
						zipName: row.zip_name,
						xlsxName: row.xlsx_name,
						entries: row.entries,
						report: json<ExportReport>(row.report),
						error: jobFailed ? readFailure(job?.error ?? null) : json<Refusal>(row.error),
						requestedAt: row.requested_at,
						finishedAt: row.finished_at
					}
				: null
		};
	}

	/** The zip or the Excel of the book's latest finished export. */
	async download(
		user: SessionUser,
		bookId: string,
		kind: 'zip' | 'xlsx'
	): Promise<{ name: string; bytes: Buffer; mime: string }> {
		await this.visibleBook(user, bookId);
		this.assertMayExport(user);
		const row = await this.db
			.selectFrom('book_export')
			.selectAll()
			.where('book_id', '=', bookId)
			.where('state', '=', 'done')
			.orderBy('finished_at', 'desc')
			.orderBy('id')
			.executeTakeFirst();
		const name = kind === 'zip' ? row?.zip_name : row?.xlsx_name;
		const hash = kind === 'zip' ? row?.zip_hash : row?.xlsx_hash;
		if (!row || !name || !hash) throw notFound('export');
		return {
			name,
			bytes: await this.blobs.get(hash),
			mime:
				kind === 'zip'
					? 'application/zip'
					: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
		};
	}

	/**
	 * Builds the package of a queued or running export and marks its entries, all or nothing: the
	 * files are stored (content-addressed) before one transaction marks the entries, writes the
	 * audit rows and finishes the export. A refusal (nothing to export, a held book, an entry
	 * changed meanwhile) is recorded on the export for the user and thrown.
	 */
	async build(exportId: string, deps: BuildDeps = {}): Promise<ExportResult> {
		const row = await this.db
			.selectFrom('book_export')
			.selectAll()
			.where('id', '=', exportId)
			.executeTakeFirst();
		if (!row) throw notFound('export');
		await this.db
			.updateTable('book_export')
			.set({ state: 'running', error: null })
			.where('id', '=', exportId)
			.execute();
		try {
			return await this.buildRow(row, deps);
		} catch (e) {
			// A refusal is final; another failure is too in the foreground. A job's other failures
			// leave the export running: the job is tried again (status() reports it once it gives up).
			const error =
				e instanceof AppError
					? { code: e.code, params: e.params }
					: row.job_id
						? null
						: {
								code: 'export.failed',
								params: { reason: e instanceof Error ? e.message : String(e) }
							};
			if (error) {
				await this.db
					.updateTable('book_export')
					.set({
						state: 'failed',
						finished_at: this.now().toISOString(),
						error: JSON.stringify(error)
					})
					.where('id', '=', exportId)
					.execute();
			}
			throw e;
		}
	}

	private async buildRow(row: BookExportRow, deps: BuildDeps): Promise<ExportResult> {
		const started = Date.now();
		const opts = JSON.parse(row.options) as ExportOptions;
		const book = await this.books.getRow(row.book_id);
		if (!book) throw notFound('book');
		const type = await this.assertExportable(book, opts, row.id);
		const pattern = opts.namePattern ?? DEFAULT_FILE_NAME_PATTERN;
		const loaded = await this.loadEntries(book, type);
		const previous = new Map(
			(
				await this.db
					.selectFrom('entry_export')
					.selectAll()
					.where(
						'entry_id',
						'in',
						loaded.map((l) => l.entry.id)
					)
					.execute()
			).map((r) => [r.entry_id, r])
		);

		// Duplicates: within the book, and against the other copy of the same year's register.
		const copies = await this.otherCopies(book, type);
		const findings = findDuplicates(
			loaded.map((l) => this.candidate(type, l, book, previous.has(l.entry.id))),
			copies.candidates
		);
		const excluded = new Set(findings.filter((f) => f.excluded).map((f) => f.id));
		const leftOut: ExportReport['leftOut'] = [];
		const included = loaded.filter((l) => {
			if (excluded.has(l.entry.id)) return false;
			if (!l.page) leftOut.push({ id: l.entry.id, seq: l.entry.seq, code: 'export.noScan' });
			return !!l.page;
		});
		for (const f of findings.filter((x) => x.excluded)) {
			const l = loaded.find((x) => x.entry.id === f.id)!;
			leftOut.push({ id: f.id, seq: l.entry.seq, code: `export.duplicate.${f.reason}` });
		}
		if (included.length === 0) throw new AppError(409, 'export.nothingToExport');

		const info = registerTypeInfo(type);
		const names = uniqueNames(
			included.map((l) => {
				const who = principal(type, l.values);
				return fileBaseName(pattern, {
					typeCode: info.exportCode,
					year: l.year,
					book: book.book_number,
					so: l.values.so ?? null,
					seq: l.entry.seq,
					name: who.name,
					sex: who.sex
				});
			}),
			'.pdf'
		);

		// The PDFs: a page decoded once for all its entries, two pages at a time (two cores).
		const built = await this.buildPdfs(included, names, opts, deps);
		const files = built.map((pdf, i) => ({ name: names[i]!, bytes: pdf.bytes }));
		await deps.progress?.({ done: included.length, total: included.length });

		const legibility = await this.checkLegibility(type, included, names, built, opts, deps);

		const columns = excelColumns(type);
		const rows = included.map((l, i) =>
			excelRow(type, l.values, {
				stt: i + 1,
				fileName: names[i]!,
				year: l.year,
				bookNumber: book.book_number,
				bookYear: book.year
			})
		);
		const xlsx = await buildWorkbook(columns, rows);
		const zip = zipFiles(files);
		const base = this.packageName(book, info.exportCode);
		const zipName = `${base}.zip`;
		const xlsxName = `${base}.xlsx`;

		const hashes = included.map((l, i) =>
			createHash('sha256')
				.update(
					JSON.stringify([
						l.values,
						l.entry.region,
						l.page!.blob_hash,
						names[i],
						opts.greyscale ?? false
					])
				)
				.digest('hex')
		);
		const changedAt = new Set(
			included
				.map((l, i) => ({ p: previous.get(l.entry.id), version: l.entry.version, i }))
				.filter(
					({ p, version, i }) => p && (p.content_hash !== hashes[i] || p.entry_version < version)
				)
				.map(({ i }) => i)
		);
		const changed = [...changedAt].map((i) => names[i]!);
		const report: ExportReport = {
			duplicates: findings.map((f) => ({
				...f,
				seq: loaded.find((l) => l.entry.id === f.id)!.entry.seq,
				ofBookTitle: f.ofBookId === book.id ? book.title : (copies.titles.get(f.ofBookId) ?? '')
			})),
			leftOut,
			changed,
			pdf: {
				count: files.length,
				largest: Math.max(...files.map((f) => f.bytes.length)),
				total: files.reduce((a, f) => a + f.bytes.length, 0),
				maxBytes: MAX_PDF_BYTES,
				wholePages: built.filter((b) => b.wholePage).length
			},
			legibility,
			ms: Date.now() - started
		};

		const zipHash = await this.storeBlob(zip, 'application/zip');
		const xlsxHash = await this.storeBlob(
			xlsx,
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
		);
		const at = this.now().toISOString();
		const actorId = row.requested_by;
		await this.db.transaction().execute(async (trx) => {
			for (const [i, l] of included.entries()) {
				const e = l.entry;
				const decision = decide(
					{
						state: e.state as EntryState,
						transcribedBy: e.transcribed_by,
						lastEditedBy: e.last_edited_by,
						submittedBy: e.submitted_by
					},
					'export',
					SYSTEM
				);
				if (!decision.ok) throw lifecycleError(decision.code, decision.params);
				const moves = e.state !== decision.next;
				const version = moves ? e.version + 1 : e.version;
				// Same version or nothing: an entry edited since it was read is not marked.
				const res = await trx
					.updateTable('entry')
					.set(moves ? { state: decision.next, version, updated_at: at } : { version })
					.where('id', '=', e.id)
					.where('version', '=', e.version)
					.where('state', '=', e.state)
					.executeTakeFirst();
				if (Number(res.numUpdatedRows) !== 1)
					throw new AppError(409, 'export.entryChanged', { seq: e.seq });
				await trx.deleteFrom('entry_export').where('entry_id', '=', e.id).execute();
				await trx
					.insertInto('entry_export')
					.values({
						entry_id: e.id,
						book_export_id: row.id,
						exported_at: at,
						entry_version: version,
						content_hash: hashes[i]!,
						file_name: names[i]!
					})
					.execute();
				if (moves || changedAt.has(i)) {
					await appendAudit(trx, {
						actorId,
						action: 'entry.export',
						subjectType: 'entry',
						subjectId: e.id,
						data: { version, from: e.state, to: decision.next, export: row.id, file: names[i] },
						at
					});
				}
			}
			const finished = await trx
				.updateTable('book_export')
				.set({
					state: 'done',
					lease_until: null,
					finished_at: at,
					zip_name: zipName,
					zip_hash: zipHash,
					xlsx_name: xlsxName,
					xlsx_hash: xlsxHash,
					entries: included.length,
					report: JSON.stringify(report),
					error: null
				})
				.where('id', '=', row.id)
				// Marked interrupted meanwhile (this process stalled past its lease): publish nothing.
				.where('state', '=', 'running')
				.executeTakeFirst();
			if (Number(finished.numUpdatedRows) !== 1) throw new AppError(409, 'export.interrupted');
			await appendAudit(trx, {
				actorId,
				action: 'book.export',
				subjectType: 'book',
				subjectId: book.id,
				data: {
					export: row.id,
					zip: { name: zipName, hash: zipHash },
					xlsx: { name: xlsxName, hash: xlsxHash },
					entries: included.length,
					leftOut: leftOut.length,
					duplicates: findings.length,
					changed: changed.length
				},
				at
			});
		});
		return {
			exportId: row.id,
			zipName,
			xlsxName,
			zip,
			xlsx,
			entries: included.length,
			report
		};
	}

	private async buildPdfs(
		included: Loaded[],
		names: string[],
		opts: ExportOptions,
		deps: BuildDeps
	): Promise<EntryPdf[]> {
		const byPage = new Map<string, number[]>();
		included.forEach((l, i) => byPage.set(l.page!.id, [...(byPage.get(l.page!.id) ?? []), i]));
		const groups = [...byPage.values()];
		const built: EntryPdf[] = new Array<EntryPdf>(included.length);
		let done = 0;
		let next = 0;
		const worker = async () => {
			while (next < groups.length) {
				const group = groups[next++]!;
				if (deps.progress && !(await deps.progress({ done, total: included.length })))
					throw new ExportStopped();
				const row = included[group[0]!]!.page!;
				const page = await loadPageImage(await this.blobs.get(row.blob_hash)).catch(
					(e: unknown) => {
						throw new AppError(422, 'export.scanUnreadable', {
							page: row.page_no,
							detail: e instanceof Error ? e.message : String(e)
						});
					}
				);
				for (const i of group) {
					built[i] = await buildEntryPdf(
						{ page, region: json<Box>(included[i]!.entry.region), title: names[i]! },
						{ greyscale: opts.greyscale }
					);
					done++;
				}
			}
		};
		await Promise.all([worker(), worker()]);
		return built;
	}

	/** `KS.2012.Q01.24121`: type code, year, book, registering unit. */
	private packageName(book: BookRow, typeCode: string): string {
		const number = asciiWord(bookNumberOnly(book.book_number, book.year));
		return [typeCode, book.year, `Q${number}`, asciiWord(book.unit_code)].filter(Boolean).join('.');
	}

	private async storeBlob(bytes: Uint8Array, mime: string): Promise<string> {
		const hash = await this.blobs.put(bytes);
		const known = await this.db
			.selectFrom('blob')
			.select('hash')
			.where('hash', '=', hash)
			.executeTakeFirst();
		if (!known) {
			await this.db
				.insertInto('blob')
				.values({ hash, mime, size: bytes.byteLength, created_at: this.now().toISOString() })
				.onConflict((oc) => oc.column('hash').doNothing())
				.execute();
		}
		return hash;
	}

	private async visibleBook(user: SessionUser, bookId: string): Promise<BookRow> {
		const book = await this.books.getRow(bookId);
		if (!book) throw notFound('book');
		await this.access.assertVisible(user, book.unit_code, 'book');
		return book;
	}

	/** The lifecycle's export rule decides who may export (officers and admins). */
	private assertMayExport(user: SessionUser): void {
		const d = decide(
			{ state: 'approved', transcribedBy: null, lastEditedBy: null, submittedBy: null },
			'export',
			user
		);
		if (!d.ok) throw lifecycleError(d.code, d.params);
	}

	/** Everything that refuses an export before any work: returns the book's register type. */
	private async assertExportable(
		book: BookRow,
		opts: ExportOptions,
		building?: string
	): Promise<RegisterType> {
		if (!isRegisterType(book.register_type))
			throw new AppError(422, 'book.badType', { type: book.register_type });
		if (opts.namePattern !== undefined) {
			const check = checkFileNamePattern(opts.namePattern);
			if (!check.ok) throw new AppError(422, check.code, check.params);
		}
		const hold = await this.holds(book);
		if (hold) throw new AppError(409, hold.code, hold.params);
		const approved = await this.db
			.selectFrom('entry')
			.select('id')
			.where('book_id', '=', book.id)
			.where('state', 'in', EXPORTABLE)
			.executeTakeFirst();
		if (!approved) throw new AppError(409, 'export.nothingToExport');
		await this.expireInterrupted(book.id);
		const running = await this.db
			.selectFrom('book_export')
			.select(['id', 'job_id'])
			.where('book_id', '=', book.id)
			.where('state', 'in', ['queued', 'running'])
			.where('id', '!=', building ?? '')
			.execute();
		for (const r of running) {
			// A foreground export still running holds a live lease (expired ones were just marked).
			const job = r.job_id ? await this.jobs.get(r.job_id) : undefined;
			if (!r.job_id || (job && job.state !== 'failed' && job.state !== 'done'))
				throw new AppError(409, 'export.inProgress');
		}
		return book.register_type;
	}

	private async createRow(
		book: BookRow,
		requestedBy: string | null,
		opts: ExportOptions,
		state: 'queued' | 'running',
		leaseMs?: number
	): Promise<string> {
		const id = randomUUID();
		await this.db
			.insertInto('book_export')
			.values({
				id,
				book_id: book.id,
				state,
				job_id: null,
				options: JSON.stringify(opts),
				requested_by: requestedBy,
				requested_at: this.now().toISOString(),
				finished_at: null,
				zip_name: null,
				zip_hash: null,
				xlsx_name: null,
				xlsx_hash: null,
				entries: 0,
				report: null,
				error: null,
				lease_until:
					leaseMs === undefined ? null : new Date(this.now().getTime() + leaseMs).toISOString()
			})
			.execute();
		return id;
	}

	private async latestRow(bookId: string): Promise<BookExportRow | undefined> {
		return this.db
			.selectFrom('book_export')
			.selectAll()
			.where('book_id', '=', bookId)
			.orderBy('requested_at', 'desc')
			.orderBy('id', 'desc')
			.executeTakeFirst();
	}

	/** The book's approved and exported entries in book order, normalised, with their pages. */
	private async loadEntries(book: BookRow, type: RegisterType): Promise<Loaded[]> {
		const entries = await this.db
			.selectFrom('entry')
			.selectAll()
			.where('book_id', '=', book.id)
			.where('state', 'in', EXPORTABLE)
			.orderBy('seq')
			.execute();
		const fields = await this.fieldsOf(entries.map((e) => e.id));
		const pageIds = [...new Set(entries.map((e) => e.page_id).filter((p): p is string => !!p))];
		const pages = new Map(
			pageIds.length
				? (await this.db.selectFrom('page').selectAll().where('id', 'in', pageIds).execute()).map(
						(p) => [p.id, p]
					)
				: []
		);
		return entries.map((entry) => {
			const values = normalizeEntry(type, fields.get(entry.id) ?? {});
			return {
				entry,
				values,
				year: registrationYear(values, book.year),
				page: entry.page_id ? (pages.get(entry.page_id) ?? null) : null
			};
		});
	}

	private async fieldsOf(ids: string[]): Promise<Map<string, Record<string, StoredField>>> {
		const out = new Map<string, Record<string, StoredField>>();
		// In slices: PostgreSQL and SQLite both cap the parameters of one statement.
		for (let i = 0; i < ids.length; i += 500) {
			const rows = await this.db
				.selectFrom('entry_field')
				.select(['entry_id', 'key', 'value', 'normalized_override'])
				.where('entry_id', 'in', ids.slice(i, i + 500))
				.execute();
			for (const r of rows) {
				const rec = out.get(r.entry_id) ?? {};
				rec[r.key] = { value: r.value, normalizedOverride: r.normalized_override };
				out.set(r.entry_id, rec);
			}
		}
		return out;
	}

	private candidate(
		type: RegisterType,
		l: Loaded,
		book: BookRow,
		exported: boolean
	): DuplicateCandidate {
		const who = principal(type, l.values);
		return {
			id: l.entry.id,
			bookId: book.id,
			seq: l.entry.seq,
			registeringBody: l.values.noiDangKy ?? null,
			bookNumber: l.values.quyenSo ?? book.book_number,
			year: l.year,
			entryNumber: entryNumber(l.values.so ?? null),
			name: who.name,
			birthDate: who.birthDate,
			exported
		};
	}

	/**
	 * The entries the same events may have been scanned into from the other copy: approved or
	 * exported entries of other books of the same register type and year (the commune's and the
	 * district's copy of one year's book).
	 */
	private async otherCopies(
		book: BookRow,
		type: RegisterType
	): Promise<{ candidates: DuplicateCandidate[]; titles: Map<string, string> }> {
		const others = await this.db
			.selectFrom('book')
			.selectAll()
			.where('register_type', '=', book.register_type)
			.where('year', '=', book.year)
			.where('id', '!=', book.id)
			.execute();
		const candidates: DuplicateCandidate[] = [];
		const titles = new Map(others.map((o) => [o.id, o.title]));
		for (const other of others) {
			const loaded = await this.loadEntries(other, type);
			const exported = new Set(
				loaded.length
					? (
							await this.db
								.selectFrom('entry_export')
								.select('entry_id')
								.where(
									'entry_id',
									'in',
									loaded.map((l) => l.entry.id)
								)
								.execute()
						).map((r) => r.entry_id)
					: []
			);
			for (const l of loaded)
				candidates.push(this.candidate(type, l, other, exported.has(l.entry.id)));
		}
		return { candidates, titles };
	}

	/**
	 * OCR re-reads a sample of the compressed PDFs' images (spread over the book) and every one
	 * squeezed hard (a third of its width or less, or quality ≤ 50) and looks for the entry's name.
	 * Reading every entry would cost more than the export itself (~0.3 s each).
	 */
	private async checkLegibility(
		type: RegisterType,
		included: Loaded[],
		names: string[],
		built: EntryPdf[],
		opts: ExportOptions,
		deps: BuildDeps
	): Promise<ExportReport['legibility']> {
		const checks: LegibilityCheck[] = [];
		if (!deps.ocr) return { checked: 0, passed: 0, checks };
		const sample = Math.max(0, opts.legibilitySample ?? 5);
		const picked = new Set<number>();
		for (let k = 0; k < Math.min(sample, included.length); k++)
			picked.add(Math.floor(((k + 0.5) * included.length) / Math.min(sample, included.length)));
		built.forEach((b, i) => {
			if (b.scale <= 1 / 3 || b.quality <= 50) picked.add(i);
		});
		const pool = deps.ocr();
		for (const i of [...picked].sort((a, b) => a - b)) {
			const name = principal(type, included[i]!.values).name;
			if (!name) continue;
			const read = await pool.recognizePage(built[i]!.jpeg, { psm: 6 });
			const found = nameWordsFound(name, read.text);
			checks.push({ file: names[i]!, ...found });
		}
		return {
			checked: checks.length,
			passed: checks.filter((c) => c.found === c.total).length,
			checks
		};
	}
}
