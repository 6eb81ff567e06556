import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/session-service';
import type { BlobStore } from '../storage/blob-store';
import type { JobQueue, JobProgress } from '../jobs/job-queue';
import { jobKinds, jobPayloads } from '../jobs/job-kinds';
import type { Access } from './access';
import type { UnitService } from './unit-service';
import type { ResidentService } from './resident-service';
import { AppError } from '../errors';
import { uploadName } from '../upload-name';
import { readFailure, type JobFailure } from '../jobs/job-failure';

const payloadSchema = jobPayloads.residentsImport;

export interface ImportJobView {
	id: string;
	state: string;
	unitCode: string;
	fileName: string;
	done: number;
	total: number;
	/** Why it failed (translated by the page); null while it has not. */
	error: JobFailure | null;
	createdAt: string;
}

export interface ExtractView {
	id: string;
	unitCode: string;
	fileName: string;
	rows: number;
	importedAt: string;
}

/** Bytes a file upload may have: an extract of 3 million rows is some 500 MB of CSV. */
const MAX_BYTES = 1 << 30;

/**
 * Resident-extract imports from the admin page: the upload is kept as a blob and imported by a
 * background job (any worker), with progress; a failed import keeps its error (a message code the page translates).
 */
export class ResidentImportService {
	constructor(
		private readonly db: Kysely<DB>,
		private readonly blobs: BlobStore,
		private readonly jobs: JobQueue,
		private readonly residents: ResidentService,
		private readonly access: Access,
		private readonly units: UnitService
	) {}

	async queue(
		actor: SessionUser,
		input: { unitCode: string; fileName: string; bytes: Uint8Array }
	): Promise<string> {
		if (!(await this.units.get(input.unitCode)))
			throw new AppError(422, 'unit.unknown', { code: input.unitCode });
		await this.access.assertVisible(actor, input.unitCode, 'unit');
		if (input.bytes.byteLength === 0) throw new AppError(422, 'resident.emptyExtract');
		if (input.bytes.byteLength > MAX_BYTES) throw new AppError(413, 'http.tooLarge');
		const blob = await this.blobs.put(input.bytes);
		return this.jobs.enqueue(
			jobKinds.residentsImport,
			{
				blob,
				unitCode: input.unitCode,
				fileName: uploadName(input.fileName),
				actorId: actor.id,
				extractId: randomUUID()
			},
			// A refused file fails the same way every time: one retry covers a crashed worker.
			{ maxAttempts: 2 }
		);
	}

	/** Import jobs and recent extracts of the units the user sees. */
	async list(actor: SessionUser): Promise<{ jobs: ImportJobView[]; extracts: ExtractView[] }> {
		const visible = await this.access.visibleUnits(actor);
		const rows = await this.db
			.selectFrom('job')
			.selectAll()
			.where('kind', '=', jobKinds.residentsImport)
			.orderBy('created_at', 'desc')
			.limit(50)
			.execute();
		const jobs = rows.flatMap((j) => {
			const p = payloadSchema.safeParse(JSON.parse(j.payload));
			if (!p.success || !visible.has(p.data.unitCode)) return [];
			return [
				{
					id: j.id,
					state: j.state,
					unitCode: p.data.unitCode,
					fileName: p.data.fileName,
					done: j.progress_done,
					total: j.progress_total,
					error: readFailure(j.error),
					createdAt: j.created_at
				}
			];
		});
		const units = [...visible];
		const extracts = units.length
			? await this.db
					.selectFrom('resident_extract')
					.select(['id', 'unit_code', 'file_name', 'rows', 'imported_at'])
					.where('unit_code', 'in', units)
					// No rows yet: still being imported, or its import died (its job says which).
					.where('rows', '>', 0)
					.orderBy('imported_at', 'desc')
					.limit(20)
					.execute()
			: [];
		return {
			jobs,
			extracts: extracts.map((e) => ({
				id: e.id,
				unitCode: e.unit_code,
				fileName: e.file_name,
				rows: e.rows,
				importedAt: e.imported_at
			}))
		};
	}

	/** The job: the blob to a temporary file, checked then written in batches, progress as it goes. */
	async run(payload: unknown, progress: (p: JobProgress) => Promise<boolean>): Promise<void> {
		const p = payloadSchema.parse(payload);
		const dir = await mkdtemp(path.join(os.tmpdir(), 'sohoa-extract-'));
		const file = path.join(dir, path.basename(p.fileName) || 'extract');
		try {
			const bytes = await this.blobs.get(p.blob);
			await writeFile(file, bytes);
			// Rows are not known before reading; newlines are a good bound for CSV (XLSX: the first pass).
			let total = isZip(bytes) ? 0 : countLines(bytes);
			let checked = 0;
			// Progress reports in order (a later one never overwritten by an earlier one).
			let reported: Promise<unknown> = Promise.resolve();
			const report = (p: JobProgress) => (reported = reported.then(() => progress(p)));
			await this.residents.importFile(null, {
				unitCode: p.unitCode,
				file,
				fileName: p.fileName,
				importedBy: p.actorId,
				extractId: p.extractId,
				atomic: false,
				onProgress: (n, phase) => {
					if (phase === 'check') {
						checked = n;
						total = Math.max(total, n);
					}
					const done = phase === 'check' ? n : checked + n;
					void report({ done, total: Math.max(total, checked) * 2 });
				}
			});
			await reported;
			await progress({ done: checked * 2, total: checked * 2 });
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	}
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b;

function countLines(b: Uint8Array): number {
	let n = 0;
	for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) n++;
	// The header line is not a row; a last line without a newline is.
	return Math.max(0, n - 1 + (b[b.length - 1] === 10 ? 0 : 1));
}
