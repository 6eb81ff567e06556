import { expect, it } from 'vitest';
import { forEachDatabase } from './databases';
import { addUser, BUON_MA_THUOT, DAK_LAK, TAN_LAP } from './fixtures';
import { jobHandlers } from '../../src/lib/server/jobs/handlers';
import { JobRunner } from '../../src/lib/server/jobs/job-runner';
import { AppError } from '../../src/lib/server/errors';
import { readFailure } from '../../src/lib/server/jobs/job-failure';
import { t as translate } from '../../src/lib/i18n/index';

const csv = (rows: string[]) =>
	new TextEncoder().encode(
		'\uFEFFHọ, chữ đệm và tên;Ngày, tháng, năm sinh;Số định danh cá nhân\n' + rows.join('\n') + '\n'
	);

forEachDatabase('resident imports from the admin page (job)', (t) => {
	it('queues the upload, imports it in the background with progress, and lists it', async () => {
		const s = t.services;
		const admin = await addUser(s, 'admin', DAK_LAK);
		const rows = Array.from(
			{ length: 2500 },
			(_, i) => `Nguyễn Văn An ${i};01/01/1990;0661900${String(i).padStart(5, '0')}`
		);
		const jobId = await s.residentImports.queue(admin, {
			unitCode: TAN_LAP,
			fileName: 'trich-xuat.csv',
			bytes: csv(rows)
		});
		const handlers = jobHandlers(s);
		try {
			expect(await new JobRunner(s.jobs, handlers.handlers).runOnce()).toBe(true);
		} finally {
			await handlers.close();
		}
		const job = await s.jobs.get(jobId);
		expect(job).toMatchObject({ state: 'done', progress_total: 5000, progress_done: 5000 });
		expect(await s.residents.count(TAN_LAP)).toBe(2500);
		const { jobs, extracts } = await s.residentImports.list(admin);
		expect(jobs[0]).toMatchObject({ id: jobId, state: 'done', fileName: 'trich-xuat.csv' });
		expect(extracts[0]).toMatchObject({ unitCode: TAN_LAP, rows: 2500 });
		const imported = await s.database.db
			.selectFrom('resident_extract')
			.select('imported_by')
			.where('id', '=', extracts[0]!.id)
			.executeTakeFirstOrThrow();
		expect(imported.imported_by).toBe(admin.id);
	});

	it('a bad file fails the job with its coded reason (no personal data), writing no resident', async () => {
		const s = t.services;
		const admin = await addUser(s, 'admin', DAK_LAK);
		const before = await s.residents.count(BUON_MA_THUOT);
		const jobId = await s.residentImports.queue(admin, {
			unitCode: BUON_MA_THUOT,
			fileName: 'hong.csv',
			bytes: csv(['Trần Văn Bình;01/01/1990;', ';02/02/1990;'])
		});
		const handlers = jobHandlers(s);
		try {
			await new JobRunner(s.jobs, handlers.handlers).runOnce();
		} finally {
			await handlers.close();
		}
		const job = await s.jobs.get(jobId);
		// The reason is the refusal's code and parameters, translated on the page: no row's values.
		const failure = readFailure(job?.error ?? null);
		expect(failure?.code).toMatch(/^resident\./);
		expect(failure?.params).toMatchObject({ file: 'hong.csv' });
		expect(job?.error).not.toContain('Bình');
		const listed = (await s.residentImports.list(admin)).jobs.find((j) => j.id === jobId);
		expect(listed?.error).toEqual(failure);
		expect(translate('vi', failure!.code, failure!.params)).toContain('hong.csv');
		expect(await s.residents.count(BUON_MA_THUOT)).toBe(before);
	});

	it("refuses another unit's extract from a commune admin, and an empty upload", async () => {
		const s = t.services;
		const local = await addUser(s, 'admin', TAN_LAP);
		const e = (await s.residentImports
			.queue(local, { unitCode: BUON_MA_THUOT, fileName: 'x.csv', bytes: csv(['A;1990;']) })
			.catch((x: unknown) => x)) as AppError;
		expect([e.status, e.code]).toEqual([404, 'http.notFound']);
		const empty = (await s.residentImports
			.queue(local, { unitCode: TAN_LAP, fileName: 'x.csv', bytes: new Uint8Array() })
			.catch((x: unknown) => x)) as AppError;
		expect(empty.code).toBe('resident.emptyExtract');
	});
});
