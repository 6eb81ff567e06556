import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { sql, SqliteAdapter, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/session-service';
import type { Access } from './access';
import type { UnitService } from './unit-service';
import { appendAudit } from '../audit/audit-log';
import { AppError } from '../errors';
import { collapseSpaces, toNfc } from '../../text/vietnamese';
import { formatDate, type PartialDate } from '../../dates/partial-date';
import { nameKey, parseLooseDate, normalizePersonalId } from '../../verify/reconcile/fields';
import { readExtractBatches, type ExtractRow } from '../residents/extract-reader';
import { upsertResidents } from '../residents/resident-upsert';
import { timeOrderedId } from '../residents/time-ordered-id';

/** One person of a resident-database extract, in the `sohoa reconcile` contract's canonical keys. */
export interface ResidentInput {
	full_name: string;
	birth_date?: string | null;
	sex?: string | null;
	personal_id?: string | null;
	birth_place?: string | null;
	native_place?: string | null;
	father_name?: string | null;
	mother_name?: string | null;
	residence?: string | null;
}

export interface RowProblem {
	/** 1-based row of the extract. */
	row: number;
	code: 'resident.nameMissing' | 'resident.badBirthDate';
	value?: string;
}

export interface ImportResult {
	extractId: string;
	rows: number;
	inserted: number;
	updated: number;
}

/** At most this many row problems are reported; the rest are counted. */
const MAX_PROBLEMS = 50;
// People written per batch (and per transaction in a non-atomic import).
const INSERT_CHUNK = 5000;
const PROGRESS_EVERY = 10_000;

const clean = (v: string | null | undefined): string | null => {
	const s = v == null ? '' : collapseSpaces(toNfc(v));
	return s === '' ? null : s;
};

/**
 * Extracts of the resident (population) database, kept per commune. An import is all-or-nothing:
 * a row that cannot be read refuses the whole file, naming the rows, so a clerk never reconciles
 * against half an extract. Rows are streamed and written in batches; a row already known in the
 * unit (same personal ID, or same name, birth date and parents) is updated in place.
 */
export class ResidentService {
	constructor(
		private readonly db: Kysely<DB>,
		private readonly access: Access,
		private readonly units: UnitService,
		private readonly now: () => Date,
		/** Called after an import commits (the reconciliation index of the unit is stale). */
		private readonly onImported: (unitCode: string) => void = () => {}
	) {}

	/** Rows already in memory (the demo seed, tests). */
	importExtract(
		actor: SessionUser | null,
		input: { unitCode: string; fileName: string; rows: readonly ResidentInput[] }
	): Promise<ImportResult> {
		async function* rows(): AsyncGenerator<ExtractRow[]> {
			yield input.rows.map((r, i) => ({ row: i + 1, record: { ...r } as ExtractRow['record'] }));
		}
		return this.importRows(actor, input.unitCode, input.fileName, rows());
	}

	/**
	 * A CSV or XLSX extract file, streamed. By default in one transaction (all or nothing). With
	 * `atomic: false` (the background job) the file is read twice: first every row is checked and
	 * counted, with no write; then rows are written in batches of their own transaction, so progress
	 * shows on every database and a long import holds no lock. A crash in the second pass leaves
	 * some people written and their extract unfinished (rows 0, not listed); the job's retry writes
	 * them all again into the same extract (updates in place are idempotent), counting the people
	 * the crashed attempt had added as updated.
	 */
	async importFile(
		actor: SessionUser | null,
		input: {
			unitCode: string;
			file: string;
			fileName?: string;
			/** Who imported when `actor` is null (a job acting for a user). */
			importedBy?: string | null;
			/** The extract to write into: a retried job's, which its crashed attempt began. */
			extractId?: string;
			atomic?: boolean;
			onProgress?: (rows: number, phase: 'check' | 'write') => void;
		}
	): Promise<ImportResult> {
		const fileName = input.fileName ?? path.basename(input.file);
		const write = (onProgress?: (rows: number) => void) =>
			this.importRows(actor, input.unitCode, fileName, readExtractBatches(input.file), {
				onProgress,
				importedBy: input.importedBy,
				extractId: input.extractId,
				atomic: input.atomic ?? true
			});
		if (input.atomic ?? true) return write((n) => input.onProgress?.(n, 'write'));
		await this.checkRows(input.unitCode, fileName, readExtractBatches(input.file), (n) =>
			input.onProgress?.(n, 'check')
		);
		return write((n) => input.onProgress?.(n, 'write'));
	}

	/** The first pass of a non-atomic import: every problem found, nothing written. */
	private async checkRows(
		unitCode: string,
		fileName: string,
		batches: AsyncIterable<readonly ExtractRow[]>,
		onProgress: (rows: number) => void
	): Promise<number> {
		if (!(await this.units.get(unitCode)))
			throw new AppError(422, 'unit.unknown', { code: unitCode });
		const problems: RowProblem[] = [];
		let problemCount = 0;
		let count = 0;
		for await (const rows of batches)
			for (const { row, record } of rows) {
				count++;
				const checked = readRequired(row, record as ResidentInput);
				if ('code' in checked && ++problemCount <= MAX_PROBLEMS) problems.push(checked);
				if (count % PROGRESS_EVERY === 0) onProgress(count);
			}
		if (count === 0) throw new AppError(422, 'resident.emptyExtract');
		if (problemCount > 0)
			throw new AppError(
				422,
				'resident.badRows',
				{ count: problemCount, file: fileName },
				{ problems }
			);
		onProgress(count);
		return count;
	}

	private async importRows(
		actor: SessionUser | null,
		unitCode: string,
		fileName: string,
		batches: AsyncIterable<readonly ExtractRow[]>,
		opts: {
			onProgress?: (rows: number) => void;
			importedBy?: string | null;
			extractId?: string;
			atomic?: boolean;
		} = {}
	): Promise<ImportResult> {
		const { onProgress } = opts;
		const atomic = opts.atomic ?? true;
		if (!(await this.units.get(unitCode)))
			throw new AppError(422, 'unit.unknown', { code: unitCode });
		if (actor) await this.access.assertVisible(actor, unitCode, 'unit');
		const actorId = actor?.id ?? opts.importedBy ?? null;
		const extractId = opts.extractId ?? randomUUID();
		const at = this.now().toISOString();
		const problems: RowProblem[] = [];
		let problemCount = 0;
		let count = 0;
		// New vs updated people come from the unit's count before and after (one query each, not
		// one per batch); `written` counts rows stored, a person twice in one batch once.
		let inserted = 0;
		let updated = 0;
		let written = 0;
		const unitCount = async (trx: Kysely<DB>) =>
			Number(
				(
					await trx
						.selectFrom('resident')
						.select((eb) => eb.fn.countAll<number>().as('n'))
						.where('unit_code', '=', unitCode)
						.executeTakeFirstOrThrow()
				).n
			);
		let before = 0;
		const toRecord = (r: ResidentInput, required: Required) =>
			residentRecord(r, required, extractId, unitCode);
		const flush = async (trx: Kysely<DB>, batch: Map<string, ReturnType<typeof toRecord>>) => {
			if (batch.size === 0) return;
			const records = [...batch.values()];
			written += records.length;
			await upsertResidents(trx, records);
		};
		const insertExtract = (trx: Kysely<DB>) =>
			trx
				.insertInto('resident_extract')
				.values({
					id: extractId,
					unit_code: unitCode,
					file_name: fileName,
					rows: 0,
					imported_at: at,
					imported_by: actorId
				})
				// A retry finds the extract its crashed attempt began (rows 0 until it finishes).
				.onConflict((oc) => oc.column('id').doNothing())
				.execute();
		const finish = async (trx: Kysely<DB>) => {
			inserted = (await unitCount(trx)) - before;
			updated = written - inserted;
			await trx
				.updateTable('resident_extract')
				.set({ rows: count })
				.where('id', '=', extractId)
				.execute();
			await appendAudit(trx, {
				actorId,
				action: 'residents.import',
				subjectType: 'resident_extract',
				subjectId: extractId,
				data: { unit: unitCode, file: fileName, rows: count, inserted, updated },
				at
			});
		};
		// One transaction for everything, or (non-atomic) one per batch.
		const run = async (inBatch: (fn: (t: Kysely<DB>) => Promise<void>) => Promise<void>) => {
			let batch = new Map<string, ReturnType<typeof toRecord>>();
			// One batch is written while the next is read: on PostgreSQL the server inserts while
			// this process parses. One write at a time, in order, so the later row still wins.
			let writing = null as Promise<void> | null;
			const write = async (full: typeof batch) => {
				if (writing) await writing;
				writing = inBatch((t) => flush(t, full));
				writing.catch(() => {}); // awaited below; not unhandled meanwhile
			};
			try {
				for await (const rows of batches)
					for (const { row, record } of rows) {
						count++;
						const r = record as ResidentInput;
						const checked = readRequired(row, r);
						if ('code' in checked) {
							if (++problemCount <= MAX_PROBLEMS) problems.push(checked);
							continue;
						}
						// Once a row is bad the file will be refused: keep reading only to count problems.
						if (problemCount > 0) continue;
						const rec = toRecord(r, checked);
						// The same person twice in one batch: the later row wins, as across batches.
						batch.set(rec.row_key, rec);
						if (batch.size >= INSERT_CHUNK) {
							const full = batch;
							batch = new Map();
							await write(full);
						}
						if (onProgress && count % PROGRESS_EVERY === 0) onProgress(count);
					}
			} catch (e) {
				// Nothing may still run in the transaction being rolled back.
				await writing?.catch(() => {});
				throw e;
			}
			await writing;
			if (count === 0) throw new AppError(422, 'resident.emptyExtract');
			if (problemCount > 0) {
				throw new AppError(
					422,
					'resident.badRows',
					{ count: problemCount, file: fileName },
					{ problems }
				);
			}
			await inBatch((t) => flush(t, batch));
			onProgress?.(count);
			await inBatch(finish);
		};
		const sqlite = this.db.getExecutor().adapter instanceof SqliteAdapter;
		// SQLite spills dirty pages of a big transaction to the WAL whenever its page cache (2 MB
		// by default) is full, rewriting index pages many times: a larger cache for the import.
		if (sqlite) await sql`pragma cache_size = -262144`.execute(this.db);
		try {
			await this.#write(atomic, insertExtract, run, unitCount, (n) => (before = n));
		} finally {
			if (sqlite) await sql`pragma cache_size = -2000`.execute(this.db);
		}
		this.onImported(unitCode);
		return { extractId, rows: count, inserted, updated };
	}

	async #write(
		atomic: boolean,
		insertExtract: (trx: Kysely<DB>) => Promise<unknown>,
		run: (inBatch: (fn: (t: Kysely<DB>) => Promise<void>) => Promise<void>) => Promise<void>,
		unitCount: (trx: Kysely<DB>) => Promise<number>,
		setBefore: (n: number) => void
	): Promise<void> {
		if (atomic) {
			await this.db.transaction().execute(async (trx) => {
				setBefore(await unitCount(trx));
				await insertExtract(trx);
				await run((fn) => fn(trx));
			});
		} else {
			setBefore(await unitCount(this.db));
			await this.db.transaction().execute(insertExtract);
			await run((fn) => this.db.transaction().execute(fn));
		}
	}

	/** Residents of the unit's extracts, for the reconciliation blocking keys. */
	count(unitCode: string): Promise<number> {
		return this.db
			.selectFrom('resident')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('unit_code', '=', unitCode)
			.executeTakeFirstOrThrow()
			.then((r) => Number(r.n));
	}
}

/** The name and birth date every row needs, read once; or why the row is refused. */
interface Required {
	fullName: string;
	date: PartialDate | null;
}

function readRequired(row: number, r: ResidentInput): Required | RowProblem {
	const fullName = clean(r.full_name);
	if (!fullName) return { row, code: 'resident.nameMissing' };
	const birth = clean(r.birth_date);
	const date = birth ? parseLooseDate(birth) : null;
	if (birth && !date) return { row, code: 'resident.badBirthDate', value: birth };
	return { fullName, date };
}

/** A row as stored, with its stable key: the personal ID, else a hash of name, date and parents. */
function residentRecord(
	r: ResidentInput,
	{ fullName, date }: Required,
	extractId: string,
	unitCode: string
) {
	const personalId =
		normalizePersonalId(r.personal_id) ?? clean(r.personal_id)?.replace(/\s/g, '') ?? null;
	const record = {
		id: timeOrderedId(),
		extract_id: extractId,
		unit_code: unitCode,
		personal_id: personalId,
		full_name: fullName,
		birth_date: date ? formatDate(date) : null,
		sex: clean(r.sex),
		birth_place: clean(r.birth_place),
		native_place: clean(r.native_place),
		father_name: clean(r.father_name),
		mother_name: clean(r.mother_name),
		residence: clean(r.residence),
		name_key: nameKey(fullName),
		birth_year: date?.year ?? null,
		row_key: ''
	};
	record.row_key = personalId
		? `pid:${personalId}`
		: 'h:' +
			createHash('sha256')
				.update(
					[record.name_key, record.birth_date, record.father_name, record.mother_name]
						.map((v) => (v ? nameKey(v) : ''))
						.join('|')
				)
				.digest('base64url')
				.slice(0, 22);
	return record;
}
