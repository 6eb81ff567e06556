import { test, expect } from '@playwright/test';
import { nameField, OwnServer } from '../own-server';

/** The `/api/v1` contract (DESIGN.md) over real HTTP, on a server and data of this file's own. */
test.describe('HTTP API', () => {
	let srv: OwnServer;
	let tanLap: string[] = [];
	let bmt: string[] = [];
	const cookies: Record<string, string> = {};
	const key = nameField();

	test.beforeAll(async () => {
		srv = new OwnServer();
		srv.addUser('canbo.a', 'clerk', '24121');
		srv.addUser('congchuc.a', 'officer', '24121');
		srv.addUser('congchuc.b', 'officer', '24121');
		srv.addUser('lanhdao.a', 'supervisor', '66');
		srv.addUser('canbo.bmt', 'clerk', '24133');
		tanLap = srv.addEntries('24121', 6).entries;
		bmt = srv.addEntries('24133', 1).entries;
		await srv.start();
		for (const u of ['canbo.a', 'congchuc.a', 'congchuc.b', 'lanhdao.a', 'canbo.bmt'])
			cookies[u] = await srv.login(u);
	});
	test.afterAll(() => srv?.dispose());

	const errorCode = (b: Record<string, unknown>) => (b.error as { code: string } | undefined)?.code;

	test('401 without a session, for reads and writes', async () => {
		for (const [method, url] of [
			['GET', '/api/v1/entries'],
			['GET', `/api/v1/entries/${tanLap[0]}`],
			['PATCH', `/api/v1/entries/${tanLap[0]}`],
			['POST', `/api/v1/entries/${tanLap[0]}/approve`]
		] as const) {
			const r = await srv.call(method, url, null, method === 'GET' ? undefined : {});
			expect(r.status, `${method} ${url}`).toBe(401);
		}
	});

	test('wrong password is 401, and the session cookie is httpOnly and SameSite=Lax', async () => {
		const bad = await srv.call('POST', '/api/v1/session', null, {
			username: 'canbo.a',
			password: 'wrong-password'
		});
		expect([bad.status, errorCode(bad.body)]).toEqual([401, 'auth.invalid']);
		const res = await fetch(`${srv.base}/api/v1/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username: 'canbo.a', password: srv.passwords.get('canbo.a') })
		});
		const setCookie = res.headers.get('set-cookie') ?? '';
		expect(setCookie).toMatch(/HttpOnly/i);
		expect(setCookie).toMatch(/SameSite=Lax/i);
	});

	test('GET an entry: the documented shape; 404 outside the unit, supervisor sees both', async () => {
		const own = await srv.call('GET', `/api/v1/entries/${tanLap[0]}`, cookies['canbo.a']!);
		expect(own.status).toBe(200);
		expect(own.body).toMatchObject({
			id: tanLap[0],
			unit: '24121',
			state: 'prefilled',
			version: 1,
			type: 'birth',
			fields: { [key]: { value: 'OCR', ocrValue: 'OCR', confidence: 0.5 } }
		});
		for (const k of ['book', 'transcribedBy', 'approvedBy']) expect(own.body).toHaveProperty(k);

		const other = await srv.call('GET', `/api/v1/entries/${bmt[0]}`, cookies['canbo.a']!);
		expect([other.status, errorCode(other.body)]).toEqual([404, 'http.notFound']);
		const missing = await srv.call('GET', '/api/v1/entries/no-such-id', cookies['canbo.a']!);
		expect(missing.status).toBe(404);

		for (const id of [tanLap[0], bmt[0]]) {
			const r = await srv.call('GET', `/api/v1/entries/${id}`, cookies['lanhdao.a']!);
			expect(r.status).toBe(200);
		}
		const list = await srv.call('GET', '/api/v1/entries', cookies['canbo.a']!);
		const units = new Set((list.body.entries as { unit: string }[]).map((e) => e.unit));
		expect([...units]).toEqual(['24121']);
	});

	test('PATCH: 200 then 409 on the stale version, 422 on an unknown field; nothing written', async () => {
		const id = tanLap[1]!;
		const c = cookies['canbo.a']!;
		const ok = await srv.call('PATCH', `/api/v1/entries/${id}`, c, {
			version: 1,
			fields: { [key]: 'Nguyễn Văn An' }
		});
		expect(ok.status).toBe(200);
		expect(ok.body).toMatchObject({ version: 2, state: 'in_progress' });

		const stale = await srv.call('PATCH', `/api/v1/entries/${id}`, c, {
			version: 1,
			fields: { [key]: 'Ghi đè' }
		});
		expect([stale.status, errorCode(stale.body)]).toEqual([409, 'entry.staleVersion']);

		const unknown = await srv.call('PATCH', `/api/v1/entries/${id}`, c, {
			version: 2,
			fields: { khongCoTruongNay: 'x' }
		});
		expect(unknown.status).toBe(422);
		expect(unknown.body.error).toMatchObject({
			code: 'entry.unknownFields',
			details: { fields: { khongCoTruongNay: 'field.unknown' } }
		});

		const after = await srv.call('GET', `/api/v1/entries/${id}`, c);
		expect(after.body).toMatchObject({ version: 2, fields: { [key]: { value: 'Nguyễn Văn An' } } });

		const badJson = await fetch(`${srv.base}/api/v1/entries/${id}`, {
			method: 'PATCH',
			headers: { 'content-type': 'application/json', cookie: c },
			body: '{not json'
		});
		expect(badJson.status).toBe(400);
	});

	test('PATCH by the clerk of another commune is 404, not 403', async () => {
		const r = await srv.call('PATCH', `/api/v1/entries/${tanLap[2]}`, cookies['canbo.bmt']!, {
			version: 1,
			fields: { [key]: 'x' }
		});
		expect(r.status).toBe(404);
	});

	test('submit → approve by another officer; the clerk and the editing officer are refused', async () => {
		const id = tanLap[3]!;
		const sub = await srv.call('POST', `/api/v1/entries/${id}/submit`, cookies['canbo.a']!);
		expect(sub.status).toBe(200);
		expect(sub.body.state).toBe('submitted');

		const byClerk = await srv.call('POST', `/api/v1/entries/${id}/approve`, cookies['canbo.a']!);
		expect(byClerk.status).toBe(403);
		const bySupervisor = await srv.call(
			'POST',
			`/api/v1/entries/${id}/approve`,
			cookies['lanhdao.a']!
		);
		expect(bySupervisor.status).toBe(403);

		const ok = await srv.call('POST', `/api/v1/entries/${id}/approve`, cookies['congchuc.a']!);
		expect(ok.status).toBe(200);
		expect(ok.body).toMatchObject({ state: 'approved' });

		const again = await srv.call('POST', `/api/v1/entries/${id}/approve`, cookies['congchuc.b']!);
		expect([again.status, errorCode(again.body)]).toEqual([409, 'entry.wrongState']);
	});

	test('an officer may not approve an entry they edited and submitted', async () => {
		const id = tanLap[4]!;
		const c = cookies['congchuc.a']!;
		expect(
			(await srv.call('PATCH', `/api/v1/entries/${id}`, c, { version: 1, fields: { [key]: 'B' } }))
				.status
		).toBe(200);
		expect((await srv.call('POST', `/api/v1/entries/${id}/submit`, c)).status).toBe(200);
		const own = await srv.call('POST', `/api/v1/entries/${id}/approve`, c);
		expect([own.status, errorCode(own.body)]).toEqual([403, 'entry.ownWork']);
		const other = await srv.call('POST', `/api/v1/entries/${id}/approve`, cookies['congchuc.b']!);
		expect(other.status).toBe(200);
	});

	test('return needs a reason and goes back to the clerk', async () => {
		const id = tanLap[5]!;
		await srv.call('POST', `/api/v1/entries/${id}/submit`, cookies['canbo.a']!);
		const empty = await srv.call('POST', `/api/v1/entries/${id}/return`, cookies['congchuc.a']!, {
			reason: ''
		});
		expect(empty.status).toBe(422);
		const ok = await srv.call('POST', `/api/v1/entries/${id}/return`, cookies['congchuc.a']!, {
			reason: 'Sai ngày sinh'
		});
		expect(ok.status).toBe(200);
		expect(ok.body).toMatchObject({ state: 'returned', returnReason: 'Sai ngày sinh' });
	});

	test('logout (DELETE /api/v1/session) ends the session', async () => {
		const c = await srv.login('canbo.a');
		expect((await srv.call('GET', '/api/v1/entries', c)).status).toBe(200);
		expect((await srv.call('DELETE', '/api/v1/session', c)).status).toBe(200);
		expect((await srv.call('GET', '/api/v1/entries', c)).status).toBe(401);
	});
});
