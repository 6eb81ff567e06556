import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { test, expect } from '@playwright/test';
import { OwnServer } from '../own-server';

/** The region endpoints over real HTTP: route policy, body schemas, service refusals, success. */
test.describe('entry region API', () => {
	let srv: OwnServer;
	let ids: string[] = [];
	let bmt: string;
	const cookies: Record<string, string> = {};

	/** Puts the book's entries on one 2000×1400 page, stacked 200 px apart. */
	function onAPage(book: string, entries: string[]) {
		const db = new SQLite(path.join(srv.dataDir, 'sohoa.sqlite'));
		try {
			const at = new Date().toISOString();
			const hash = randomBytes(32).toString('hex');
			const page = randomUUID();
			db.prepare(
				`INSERT INTO blob (hash, mime, size, created_at) VALUES (?, 'image/png', 1, ?)`
			).run(hash, at);
			db.prepare(
				`INSERT INTO page (id, book_id, page_no, blob_hash, width, height, source_file, source_page,
				 created_at, ocr_state, ocr_error) VALUES (?, ?, 1, ?, 2000, 1400, 'p1.png', 1, ?, 'done', NULL)`
			).run(page, book, hash, at);
			for (const [i, id] of entries.entries())
				db.prepare(`UPDATE entry SET page_id = ?, region = ? WHERE id = ?`).run(
					page,
					JSON.stringify([100, 100 + 200 * i, 1900, 300 + 200 * i]),
					id
				);
		} finally {
			db.close();
		}
	}

	test.beforeAll(async () => {
		srv = new OwnServer();
		srv.addUser('canbo.a', 'clerk', '24121');
		srv.addUser('lanhdao.a', 'supervisor', '66');
		srv.addUser('canbo.bmt', 'clerk', '24133');
		const tanLap = srv.addEntries('24121', 3);
		ids = tanLap.entries;
		onAPage(tanLap.book, ids);
		bmt = srv.addEntries('24133', 1).entries[0]!;
		await srv.start();
		for (const u of ['canbo.a', 'lanhdao.a', 'canbo.bmt']) cookies[u] = await srv.login(u);
	});
	test.afterAll(() => srv?.dispose());

	const code = (b: Record<string, unknown>) => (b.error as { code: string } | undefined)?.code;
	const calls = (id: string) =>
		[
			['PUT', `/api/v1/entries/${id}/region`, { version: 1, region: [10, 10, 500, 200] }],
			['POST', `/api/v1/entries/${id}/split`, { version: 1, y: 200 }],
			['POST', `/api/v1/entries/${id}/merge`, { version: 1, with: ids[1] }],
			['PUT', `/api/v1/entries/${id}/fields/nksHoTen/bbox`, { version: 1, bbox: [1, 1, 9, 9] }]
		] as const;

	test('401 without a session, 403 for a supervisor, 404 for another commune', async () => {
		for (const [method, url, body] of calls(ids[0]!)) {
			expect((await srv.call(method, url, null, body)).status, url).toBe(401);
			const sup = await srv.call(method, url, cookies['lanhdao.a']!, body);
			expect([sup.status, code(sup.body)], url).toEqual([403, 'http.forbidden']);
		}
		for (const [method, url, body] of calls(bmt)) {
			const r = await srv.call(method, url, cookies['canbo.a']!, body);
			expect([r.status, code(r.body)], url).toEqual([404, 'http.notFound']);
		}
	});

	test('422 for a malformed body or a box off the page, with the message in Vietnamese', async () => {
		const clerk = cookies['canbo.a']!;
		const bad = await srv.call('PUT', `/api/v1/entries/${ids[0]}/region`, clerk, {
			version: 1,
			region: [1, 2, 3]
		});
		expect([bad.status, code(bad.body)]).toEqual([422, 'http.badRequest']);
		const off = await srv.call('PUT', `/api/v1/entries/${ids[0]}/region`, clerk, {
			version: 1,
			region: [0, 0, 2500, 100]
		});
		expect([off.status, code(off.body)]).toEqual([422, 'region.outOfPage']);
		expect((off.body.error as { message: string }).message).toContain('2.000 × cao 1.400');
	});

	test('moves, splits and merges back; a stale version is 409', async () => {
		const clerk = cookies['canbo.a']!;
		const moved = await srv.call('PUT', `/api/v1/entries/${ids[0]}/region`, clerk, {
			version: 1,
			region: [90, 90, 1910, 310]
		});
		expect(moved.status).toBe(200);
		expect(moved.body).toMatchObject({ version: 2, region: [90, 90, 1910, 310] });
		const stale = await srv.call('POST', `/api/v1/entries/${ids[0]}/split`, clerk, {
			version: 1,
			y: 200
		});
		expect([stale.status, code(stale.body)]).toEqual([409, 'entry.staleVersion']);
		const split = await srv.call('POST', `/api/v1/entries/${ids[0]}/split`, clerk, {
			version: 2,
			y: 200
		});
		expect(split.status).toBe(200);
		expect(split.body).toMatchObject({
			entry: { version: 3, region: [90, 90, 1910, 200], seq: 1 },
			created: { version: 1, region: [90, 200, 1910, 310], seq: 2 },
			ocr: { queued: false, code: 'region.splitNotReread' }
		});
		const created = (split.body.created as { id: string }).id;
		const boxed = await srv.call('PUT', `/api/v1/entries/${created}/fields/nksHoTen/bbox`, clerk, {
			version: 1,
			bbox: [100, 210, 600, 250]
		});
		expect(boxed.status).toBe(200);
		expect(boxed.body).toMatchObject({
			version: 2,
			fields: { nksHoTen: { bbox: [100, 210, 600, 250] } }
		});
		const merged = await srv.call('POST', `/api/v1/entries/${ids[0]}/merge`, clerk, {
			version: 3,
			with: created,
			withVersion: 2
		});
		expect(merged.status).toBe(200);
		expect(merged.body).toMatchObject({
			entry: { version: 4, region: [90, 90, 1910, 310] },
			removed: created
		});
		const gone = await srv.call('GET', `/api/v1/entries/${created}`, clerk);
		expect(gone.status).toBe(404);
	});
});
