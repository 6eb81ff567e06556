import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../databases';
import { addUser, BUON_MA_THUOT, DAK_LAK, TAN_LAP, type TestUser } from '../fixtures';
import { auditVerify, SohoaProcess, databaseIntegrity, until, run } from './crash-harness';

/**
 * A resident-extract import killed with SIGKILL half-way: as a background job (written in batches)
 * and as `sohoa residents import` (one transaction). Nothing may be left looking imported; the
 * job's retry (or the command run again) ends with every person exactly once.
 */
forEachDatabase('a resident import killed mid-way', (t) => {
	let admin: TestUser;
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-crash-extract-'));
	const processes: SohoaProcess[] = [];
	beforeAll(async () => {
		admin = await addUser(t.services, 'admin', DAK_LAK);
	});
	afterAll(async () => {
		for (const p of processes) await p.dispose();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	const start = (args: string[]) => {
		const p = new SohoaProcess(t, args);
		processes.push(p);
		return p;
	};

	/** An extract of `n` distinct people (ids from `first` on), as the population database writes it. */
	const extract = (n: number, first: number) =>
		Buffer.from(
			'\uFEFFHọ, chữ đệm và tên;Ngày, tháng, năm sinh;Số định danh cá nhân\n' +
				Array.from(
					{ length: n },
					(_, i) =>
						`Nguyễn Văn An ${first + i};01/01/1990;066190${String(first + i).padStart(6, '0')}`
				).join('\n') +
				'\n'
		);

	const residents = (unit: string) => t.services.residents.count(unit);
	const extractsOf = (unit: string) =>
		t.services.database.db
			.selectFrom('resident_extract')
			.select(['id', 'rows'])
			.where('unit_code', '=', unit)
			.execute();
	const importAudits = async (unit: string) =>
		(
			await t.services.database.db
				.selectFrom('audit_log')
				.select('data')
				.where('action', '=', 'residents.import')
				.execute()
		)
			.map((r) => JSON.parse(r.data) as { unit: string; rows: number })
			.filter((d) => d.unit === unit);

	it('a worker killed mid-import: nothing is listed as imported; the retry imports each person once', async () => {
		const s = t.services;
		const N = 60_000;
		const jobId = await s.residentImports.queue(admin, {
			unitCode: TAN_LAP,
			fileName: 'trich-xuat.csv',
			bytes: extract(N, 0)
		});
		const first = start(['worker']);
		await until(
			'people to be written (the second pass)',
			async () => (await residents(TAN_LAP)) > 0,
			{ running: first }
		);
		await first.kill9();
		const written = await residents(TAN_LAP);
		expect(written, 'killed half-way').toBeLessThan(N);
		expect(await s.jobs.get(jobId)).toMatchObject({ state: 'running', attempts: 1 });
		// The admin page lists the job as unfinished and no extract as imported.
		const listed = await s.residentImports.list(admin);
		expect(listed.jobs.find((j) => j.id === jobId)).toMatchObject({ state: 'running' });
		expect(listed.extracts.filter((e) => e.unitCode === TAN_LAP)).toEqual([]);
		expect(await importAudits(TAN_LAP)).toEqual([]);
		expect(await databaseIntegrity(t)).toBe('ok');

		const second = start(['worker']);
		await until('the retry to finish', async () => (await s.jobs.get(jobId))?.state === 'done', {
			running: second,
			timeoutMs: 100_000
		});
		expect(await s.jobs.get(jobId)).toMatchObject({ attempts: 2, error: null });
		expect(await residents(TAN_LAP)).toBe(N);
		// One extract, with every row; every person belongs to it.
		const extracts = await extractsOf(TAN_LAP);
		expect(extracts.map((e) => e.rows)).toEqual([N]);
		const owners = await s.database.db
			.selectFrom('resident')
			.select('extract_id')
			.distinct()
			.where('unit_code', '=', TAN_LAP)
			.execute();
		expect(owners).toEqual([{ extract_id: extracts[0]!.id }]);
		expect((await s.residentImports.list(admin)).extracts).toMatchObject([
			{ id: extracts[0]!.id, unitCode: TAN_LAP, rows: N }
		]);
		expect((await importAudits(TAN_LAP)).map((a) => a.rows)).toEqual([N]);

		await second.kill9();
		expect(await databaseIntegrity(t)).toBe('ok');
		const verify = await auditVerify(t);
		expect(verify.code, verify.stderr).toBe(0);
	}, 120_000);

	it('`sohoa residents import` killed mid-way writes nothing; run again, each person once', async () => {
		const N = 60_000;
		const file = path.join(dir, 'extract.csv');
		fs.writeFileSync(file, extract(N, 500_000));
		const args = ['residents', 'import', file, '--unit', BUON_MA_THUOT];
		const command = start(args);
		await until('20000 rows to be read', () => /^20000 rows$/m.test(command.output), {
			running: command
		});
		await command.kill9();
		// One transaction: a crash keeps none of it.
		expect(await residents(BUON_MA_THUOT)).toBe(0);
		expect(await extractsOf(BUON_MA_THUOT)).toEqual([]);
		expect(await databaseIntegrity(t)).toBe('ok');

		const again = await run(t, args);
		expect(again.code, again.stderr).toBe(0);
		expect(await residents(BUON_MA_THUOT)).toBe(N);
		expect((await extractsOf(BUON_MA_THUOT)).map((e) => e.rows)).toEqual([N]);
		expect((await importAudits(BUON_MA_THUOT)).map((a) => a.rows)).toEqual([N]);
		expect(await databaseIntegrity(t)).toBe('ok');
		const verify = await auditVerify(t);
		expect(verify.code, verify.stderr).toBe(0);
	}, 120_000);
});
