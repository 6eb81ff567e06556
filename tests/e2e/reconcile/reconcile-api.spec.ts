import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { cli, OwnServer } from '../own-server';

/** Reconciliation over real HTTP: candidates for live values, audited decisions, who may decide. */
test.describe('reconciliation API', () => {
	let srv: OwnServer;
	let entry: string;
	let bmtEntry: string;
	const cookies: Record<string, string> = {};

	test.beforeAll(async () => {
		srv = new OwnServer();
		srv.addUser('canbo.a', 'clerk', '24121');
		srv.addUser('lanhdao.a', 'supervisor', '66');
		srv.addUser('canbo.bmt', 'clerk', '24133');
		entry = srv.addEntries('24121', 1).entries[0]!;
		bmtEntry = srv.addEntries('24133', 1).entries[0]!;
		const csv = path.join(srv.dataDir, 'trich-xuat.csv');
		fs.writeFileSync(
			csv,
			'\uFEFFSố định danh cá nhân;Họ, chữ đệm và tên;Ngày, tháng, năm sinh;Giới tính;Họ, chữ đệm và tên mẹ\n' +
				'066308000111;Nguyễn Thị Hương;12/03/2008;Nữ;Trần Thị Lan\n' +
				'066308000222;Nguyễn Thị Hương;30/11/2008;Nữ;Lê Thị Hoa\n'
		);
		const r = cli(srv.dataDir, ['residents', 'import', csv, '--unit', '24121']);
		expect(r.code, r.stderr).toBe(0);
		await srv.start();
		for (const u of ['canbo.a', 'lanhdao.a', 'canbo.bmt']) cookies[u] = await srv.login(u);
	});
	test.afterAll(() => srv?.dispose());

	const live = { nksHoTen: 'NGUYỄN THỊ HƯƠNG', nksNgaySinh: '12/03/2008', meHoTen: 'TRẦN THỊ LAN' };

	test('candidates for the live values, then link and "not in the extract"', async () => {
		const c = await srv.call('POST', `/api/v1/entries/${entry}/candidates`, cookies['canbo.a']!, {
			fields: live
		});
		expect(c.status).toBe(200);
		const candidates = c.body.candidates as {
			residentId: string;
			match: boolean;
			agreements: Record<string, string>;
			resident: { personal_id: string };
		}[];
		expect(candidates[0]).toMatchObject({
			match: true,
			agreements: { full_name: 'exact', mother_name: 'exact' },
			resident: { personal_id: '066308000111' }
		});
		const saved = await srv.call('GET', `/api/v1/entries/${entry}/candidates`, cookies['canbo.a']!);
		expect([saved.status, saved.body.decision]).toEqual([200, null]);

		const linked = await srv.call(
			'PUT',
			`/api/v1/entries/${entry}/reconciliation`,
			cookies['canbo.a']!,
			{
				decision: 'linked',
				residentId: candidates[0]!.residentId
			}
		);
		expect(linked.status).toBe(200);
		expect(linked.body).toMatchObject({
			decision: 'linked',
			residentId: candidates[0]!.residentId
		});
		const absent = await srv.call(
			'PUT',
			`/api/v1/entries/${entry}/reconciliation`,
			cookies['canbo.a']!,
			{
				decision: 'absent'
			}
		);
		expect([absent.status, absent.body.decision]).toEqual([200, 'absent']);
		const after = await srv.call('GET', `/api/v1/entries/${entry}/candidates`, cookies['canbo.a']!);
		expect((after.body.decision as { decision: string }).decision).toBe('absent');
	});

	test('401 without a session, 403 for a supervisor deciding, 404 outside the unit, 422 bad body', async () => {
		const url = `/api/v1/entries/${entry}/reconciliation`;
		expect((await srv.call('PUT', url, null, { decision: 'absent' })).status).toBe(401);
		expect((await srv.call('PUT', url, cookies['lanhdao.a']!, { decision: 'absent' })).status).toBe(
			403
		);
		const sees = await srv.call(
			'GET',
			`/api/v1/entries/${entry}/candidates`,
			cookies['lanhdao.a']!
		);
		expect(sees.status).toBe(200);
		expect((await srv.call('PUT', url, cookies['canbo.bmt']!, { decision: 'absent' })).status).toBe(
			404
		);
		expect(
			(await srv.call('GET', `/api/v1/entries/${entry}/candidates`, cookies['canbo.bmt']!)).status
		).toBe(404);
		const bad = await srv.call('PUT', url, cookies['canbo.a']!, { decision: 'maybe' });
		expect(bad.status).toBe(422);
		const other = await srv.call(
			'PUT',
			`/api/v1/entries/${bmtEntry}/reconciliation`,
			cookies['canbo.bmt']!,
			{
				decision: 'linked',
				residentId: 'not-a-resident'
			}
		);
		expect(other.status).toBe(422);
	});
});
