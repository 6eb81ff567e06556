import { connectFor, migrateToLatest, type Database } from './db/connect';
import { ensureDataDir } from './storage/data-dir';
import type { Env } from './env';
import { SessionService } from './auth/session-service';
import { UnitService, seedUnits } from './services/unit-service';
import { Access } from './services/access';
import { BookService } from './services/book-service';
import { EntryService } from './services/entry-service';
import { EntryRegionService } from './services/entry-region-service';
import { ReviewService } from './services/review-service';
import { DoubleKeyingService } from './services/double-keying-service';
import { UserService } from './services/user-service';
import { PageService } from './services/page-service';
import { BookImportService } from './services/book-import';
import { ResidentService } from './services/resident-service';
import { ReconcileService } from './services/reconcile-service';
import { ResidentImportService } from './services/resident-imports';
import { OcrResultCache } from './services/ocr-cache';
import { ExportService } from './services/export-service';
import { StatsProjection } from './services/stats-projection';
import { DailyReportService, StatsService } from './services/stats-service';
import { SamplingService } from './services/sampling-service';
import { JobQueue } from './jobs/job-queue';
import { FailedJobService } from './services/failed-jobs';
import type { BlobStore } from './storage/blob-store';
import { openBlobStore } from './storage/open-blob-store';

export interface Services {
	database: Database;
	blobs: BlobStore;
	sessions: SessionService;
	units: UnitService;
	access: Access;
	books: BookService;
	entries: EntryService;
	entryRegions: EntryRegionService;
	review: ReviewService;
	doubleKeying: DoubleKeyingService;
	users: UserService;
	pages: PageService;
	bookImport: BookImportService;
	residents: ResidentService;
	reconcile: ReconcileService;
	residentImports: ResidentImportService;
	jobs: JobQueue;
	failedJobs: FailedJobService;
	ocrCache: OcrResultCache;
	exports: ExportService;
	statsProjection: StatsProjection;
	stats: StatsService;
	dailyReports: DailyReportService;
	sampling: SamplingService;
	now: () => Date;
}

export interface ContainerOptions {
	env: Env;
	now?: () => Date;
	/** Tests: a PostgreSQL schema to isolate themselves in. */
	pgSchema?: string;
}

/** Builds the database, repositories and services once; routes reach them via `locals.services`. */
export async function createServices(opts: ContainerOptions): Promise<Services> {
	const { env } = opts;
	const now = opts.now ?? (() => new Date());
	const pgSchema = opts.pgSchema ?? env.pgSchema;
	await ensureDataDir(env.dataDir);
	const database = connectFor(env, pgSchema);
	await migrateToLatest(database.db, pgSchema);
	await seedUnits(database.db);
	return buildServices(database, openBlobStore(env), now, env.sessionDays);
}

export function buildServices(
	database: Database,
	blobs: BlobStore,
	now: () => Date,
	sessionDays = 7
): Services {
	const db = database.db;
	const units = new UnitService(db);
	const access = new Access(units);
	const entries = new EntryService(db, access, now);
	const reconcile = new ReconcileService(db, entries, units, now);
	const residents = new ResidentService(db, access, units, now, (unit) =>
		reconcile.invalidate(unit)
	);
	const jobs = new JobQueue(db, database.dialect, now);
	const books = new BookService(db, access, units, now);
	const statsProjection = new StatsProjection(db, now, database.dialect);
	const stats = new StatsService(db, access, units, statsProjection, now);
	const sampling = new SamplingService(db, access, now);
	return {
		database,
		blobs,
		now,
		units,
		access,
		sessions: new SessionService(db, now, sessionDays),
		books,
		entries,
		reconcile,
		entryRegions: new EntryRegionService(db, access, entries, now),
		review: new ReviewService(db, access, entries, now),
		doubleKeying: new DoubleKeyingService(db, access, entries, now),
		users: new UserService(db, units, now),
		pages: new PageService(db, access),
		bookImport: new BookImportService(db, blobs, access, units, jobs, now),
		residents,
		residentImports: new ResidentImportService(db, blobs, jobs, residents, access, units),
		jobs,
		failedJobs: new FailedJobService(db, jobs, access, now),
		ocrCache: new OcrResultCache(db, now),
		exports: new ExportService(db, blobs, access, books, jobs, now, sampling.hold),
		statsProjection,
		stats,
		dailyReports: new DailyReportService(db, stats, units, statsProjection, now),
		sampling
	};
}
