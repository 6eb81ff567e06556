import http from 'node:http';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { test, expect } from '@playwright/test';
import { nameField, OwnServer } from '../own-server';

/**
 * Hostile requests against the built server (issue 9): the upload limit, CSRF, session fixation,
 * brute force, security headers, JSON limits, escaped rendering and logs without personal data.
 * One server of the suite's own (port 4374), with the upload limit `npm start` sets (100M).
 */
const PERSON = { name: 'Nguyễn Thị Bí Mật', id: '066190012345' };

let srv: OwnServer;
let entries: string[];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	test.setTimeout(120_000);
	srv = new OwnServer({ port: 4374, env: { BODY_SIZE_LIMIT: '100M' } });
	srv.addUser('canbo.hostile', 'clerk', '24121');
	srv.addUser('quantri.hostile', 'admin', '66');
	srv.addUser('bruteforce.target', 'clerk', '24121');
	entries = srv.addEntries('24121', 2).entries;
	await srv.start();
});

test.afterAll(async () => {
	await srv?.dispose();
});

function jobCount(): number {
	const db = new SQLite(path.join(srv.dataDir, 'sohoa.sqlite'), { readonly: true });
	try {
		return (db.prepare('SELECT count(*) AS n FROM job').get() as { n: number }).n;
	} finally {
		db.close();
	}
}

/** A raw POST that declares `length` bytes and sends them; the answer, even if cut off early. */
function rawPost(
	url: string,
	headers: Record<string, string>,
	body: Buffer,
	method = 'POST'
): Promise<{ status: number; text: string }> {
	return new Promise((resolve, reject) => {
		const req = http.request(url, {
			method,
			headers: { ...headers, 'content-length': String(body.length) }
		});
		req.on('response', (res) => {
			let text = '';
			res.on('data', (d: Buffer) => (text += d.toString()));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
		});
		// The server answers before the body is in and may close the socket: that is the point.
		req.on('error', (e: NodeJS.ErrnoException) => {
			if (e.code !== 'EPIPE' && e.code !== 'ECONNRESET') reject(e);
		});
		req.end(body);
	});
}

test('security headers on every page and API answer: CSP without inline scripts, no framing, nosniff', async () => {
	const cookie = await srv.login('canbo.hostile');
	for (const url of ['/login', '/', '/books', `/entries/${entries[0]}`, '/no-such-page']) {
		const res = await fetch(srv.base + url, { headers: { cookie }, redirect: 'manual' });
		const csp = res.headers.get('content-security-policy') ?? '';
		expect(csp, url).toContain("frame-ancestors 'none'");
		// A page names its script sources; a redirect or data answer allows none at all.
		const script = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
		if ((res.headers.get('content-type') ?? '').startsWith('text/html'))
			expect(script, url).not.toBe('');
		else expect(csp, url).toContain("default-src 'none'");
		expect(script, url).not.toContain("'unsafe-inline'");
		expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
		expect(res.headers.get('x-frame-options'), url).toBe('DENY');
	}
	const api = await fetch(`${srv.base}/api/v1/entries/${entries[0]}`, { headers: { cookie } });
	expect(api.headers.get('content-security-policy')).toBe(
		"default-src 'none'; frame-ancestors 'none'"
	);
	expect(api.headers.get('x-content-type-options')).toBe('nosniff');
});

test('CSRF: a cross-origin form post is refused, and an API write must be declared JSON', async () => {
	const login = await fetch(`${srv.base}/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example' },
		body: 'username=canbo.hostile&password=x'
	});
	expect(login.status).toBe(403);
	const cookie = await srv.login('canbo.hostile');
	// What a cross-site <form enctype="text/plain"> can send to the API.
	const plain = await fetch(`${srv.base}/api/v1/entries/${entries[0]}`, {
		method: 'PATCH',
		headers: { cookie, 'content-type': 'text/plain', origin: 'http://evil.example' },
		body: JSON.stringify({ version: 1, fields: { [nameField()]: 'x' } })
	});
	expect([403, 415]).toContain(plain.status);
	const sameSite = await fetch(`${srv.base}/api/v1/entries/${entries[0]}`, {
		method: 'PATCH',
		headers: { cookie, 'content-type': 'text/plain', origin: srv.base },
		body: JSON.stringify({ version: 1, fields: { [nameField()]: 'x' } })
	});
	expect(sameSite.status).toBe(415);
	expect(((await sameSite.json()) as { error: { code: string } }).error.code).toBe('http.notJson');
	const entry = await srv.call('GET', `/api/v1/entries/${entries[0]}`, cookie);
	expect((entry.body as { version: number }).version).toBe(1);
});

test('session fixation: a token planted before login is never the session after it', async () => {
	const planted = 'attacker-chosen-token-0123456789abcdef';
	const res = await fetch(`${srv.base}/api/v1/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie: `sohoa_session=${planted}` },
		body: JSON.stringify({
			username: 'canbo.hostile',
			password: srv.passwords.get('canbo.hostile')
		})
	});
	expect(res.status).toBe(200);
	const issued = /sohoa_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
	expect(issued).toBeTruthy();
	expect(issued).not.toBe(planted);
	const withPlanted = await srv.call(
		'GET',
		`/api/v1/entries/${entries[0]}`,
		`sohoa_session=${planted}`
	);
	expect(withPlanted.status).toBe(401);
	// Two logins, two different tokens.
	expect(await srv.login('canbo.hostile')).not.toBe(await srv.login('canbo.hostile'));
});

test('brute force: after 5 wrong passwords the account is locked, even for the right one', async () => {
	const attempt = (password: string) =>
		srv.call('POST', '/api/v1/session', null, { username: 'bruteforce.target', password });
	for (let i = 0; i < 5; i++) expect((await attempt(`guess-${i}`)).status).toBe(401);
	const locked = await attempt(srv.passwords.get('bruteforce.target')!);
	expect(locked.status).toBe(429);
	expect((locked.body as { error: { code: string } }).error.code).toBe('auth.throttled');
});

test('JSON limits over HTTP: oversized 413, deeply nested 400, unknown field 422; nothing saved', async () => {
	const cookie = await srv.login('canbo.hostile');
	const url = `/api/v1/entries/${entries[1]}`;
	// Refused on its declared length, before the body is read (the socket may then be reset).
	const big = await rawPost(
		srv.base + url,
		{ cookie, 'content-type': 'application/json' },
		Buffer.from(JSON.stringify({ version: 1, fields: { [nameField()]: 'x'.repeat(1_100_000) } })),
		'PATCH'
	);
	expect(big.status).toBe(413);
	const deep = await fetch(srv.base + url, {
		method: 'PATCH',
		headers: { cookie, 'content-type': 'application/json' },
		body: `{"version":1,"fields":${'['.repeat(5000)}${']'.repeat(5000)}}`
	});
	expect(deep.status).toBe(400);
	expect(((await deep.json()) as { error: { code: string } }).error.code).toBe('http.tooDeep');
	const unknown = await srv.call('PATCH', url, cookie, { version: 1, fields: {}, role: 'admin' });
	expect(unknown.status).toBe(422);
	const entry = await srv.call('GET', url, cookie);
	expect((entry.body as { version: number }).version).toBe(1);
});

/**
 * Sends `total` bytes as a browser would, a chunk at a time as the socket drains, and stops once
 * the server answers: the answer, or the socket error if none came.
 */
function pumpPost(
	url: string,
	headers: Record<string, string>,
	total: number,
	chunked: boolean
): Promise<{ status: number; text: string } | { error: string }> {
	const chunk = Buffer.alloc(1024 ** 2, 0x61);
	return new Promise((resolve) => {
		const req = http.request(url, {
			method: 'POST',
			headers: chunked
				? { ...headers, 'transfer-encoding': 'chunked' }
				: { ...headers, 'content-length': String(total) }
		});
		let answered = false;
		req.on('response', (res) => {
			answered = true;
			let text = '';
			res.on('data', (d: Buffer) => (text += d.toString()));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
			res.on('error', () => resolve({ status: res.statusCode ?? 0, text }));
		});
		req.on('error', (e: NodeJS.ErrnoException) => {
			if (!answered) resolve({ error: e.code ?? e.message });
		});
		let sent = 0;
		const pump = () => {
			while (sent < total && !answered) {
				sent += chunk.length;
				if (!req.write(chunk)) return void req.once('drain', pump);
			}
			if (!answered) req.end();
		};
		pump();
	});
}

test('uploads over the configured limit (100 MB): refused with the limit named, nothing queued', async () => {
	test.setTimeout(90_000);
	const cookie = await srv.login('quantri.hostile');
	const before = jobCount();
	const headers = {
		cookie,
		origin: srv.base,
		accept: 'text/html',
		'content-type': 'multipart/form-data; boundary=----sohoa-limit-test'
	};
	const url = `${srv.base}/admin/residents?/import`;
	// Declared: refused on its length before any of it is read, with the limit in the message. A
	// client still sending usually gets the answer, but can see the reset first (seen in CI, on a
	// keep-alive connection too: docs/DEPLOYMENT.md); browsers are stopped earlier, by the page.
	const declared = await pumpPost(url, headers, 101 * 1024 ** 2, false);
	if ('error' in declared) expect(declared.error).toBe('ECONNRESET');
	else {
		expect(declared.status).toBe(413);
		expect(declared.text).toContain('100 MB');
	}
	// Streamed without a length: cut off by the server once past the limit.
	const streamed = await pumpPost(url, headers, 101 * 1024 ** 2, true);
	expect(streamed).toMatchObject({ status: 413 });
	expect(jobCount()).toBe(before);
	// And the server still serves.
	expect((await srv.call('GET', `/api/v1/entries/${entries[0]}`, cookie)).status).toBe(200);
});

test('a NUL character in a form action is refused with a clear message, and nothing is written', async () => {
	const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
	const login = await fetch(`${srv.base}/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: srv.base },
		body: form({ username: 'canbo.hostile\u0000', password: 'x' })
	});
	expect(login.status).toBe(400);
	expect(await login.text()).toContain('NUL');
	const cookie = await srv.login('quantri.hostile');
	const add = await fetch(`${srv.base}/admin?/add`, {
		method: 'POST',
		headers: {
			cookie,
			origin: srv.base,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: form({
			username: 'nul.inside',
			displayName: 'Lê Văn\u0000Null',
			role: 'clerk',
			units: '24121'
		})
	});
	expect(add.status).toBe(400);
	const db = new SQLite(path.join(srv.dataDir, 'sohoa.sqlite'), { readonly: true });
	try {
		const n = db.prepare(`SELECT count(*) AS n FROM app_user WHERE username = 'nul.inside'`).get();
		expect((n as { n: number }).n).toBe(0);
	} finally {
		db.close();
	}
});

test('script and SQL strings are stored as text and rendered escaped', async ({ page }) => {
	const cookie = await srv.login('canbo.hostile');
	const hostile = `<script>window.__pwned=1</script>'; DROP TABLE entry; --`;
	const saved = await srv.call('PATCH', `/api/v1/entries/${entries[0]}`, cookie, {
		version: 1,
		fields: { [nameField()]: hostile }
	});
	expect(saved.status, JSON.stringify(saved.body)).toBe(200);
	const html = await (
		await fetch(`${srv.base}/entries/${entries[0]}`, { headers: { cookie } })
	).text();
	expect(html).not.toContain('<script>window.__pwned');
	// In the browser the value shows as typed and nothing ran.
	const [name, value] = cookie.split('=');
	await page
		.context()
		.addCookies([{ name: name!, value: value!, url: srv.base, httpOnly: true, sameSite: 'Lax' }]);
	await page.goto(`${srv.base}/entries/${entries[0]}`);
	await expect(page.locator(`[name="field:${nameField()}"]`)).toHaveValue(hostile);
	expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(
		undefined
	);
});

test('no personal data in the server log: saves, refused rows and failed jobs', async () => {
	const clerk = await srv.login('canbo.hostile');
	const saved = await srv.call('PATCH', `/api/v1/entries/${entries[1]}`, clerk, {
		version: 1,
		fields: { [nameField()]: PERSON.name }
	});
	expect(saved.status).toBe(200);
	// An extract without its header row: the refusal quotes the first row (a person) to the admin.
	const admin = await srv.login('quantri.hostile');
	const form = new FormData();
	form.set('unit', '24121');
	form.set(
		'file',
		new Blob([`${PERSON.name};01/02/1990;${PERSON.id}\nTrần Văn B;02/03/1991;066191000001\n`]),
		'khong-tieu-de.csv'
	);
	const before = jobCount();
	const res = await fetch(`${srv.base}/admin/residents?/import`, {
		method: 'POST',
		headers: { cookie: admin, origin: srv.base },
		body: form
	});
	expect(res.status).toBeLessThan(400);
	expect(jobCount()).toBe(before + 1);
	// Wait for the in-server worker to refuse it (twice: one retry).
	const deadline = Date.now() + 30_000;
	let state = '';
	while (Date.now() < deadline) {
		const db = new SQLite(path.join(srv.dataDir, 'sohoa.sqlite'), { readonly: true });
		try {
			const row = db
				.prepare('SELECT state, error FROM job ORDER BY created_at DESC LIMIT 1')
				.get() as {
				state: string;
				error: string | null;
			};
			state = row.state;
			if (state === 'failed') expect(row.error).toContain(PERSON.name);
		} finally {
			db.close();
		}
		if (state === 'failed') break;
		await new Promise((r) => setTimeout(r, 300));
	}
	expect(state).toBe('failed');
	expect(srv.log).toContain('failed (attempt');
	expect(srv.log).not.toContain(PERSON.name);
	expect(srv.log).not.toContain(PERSON.id);
	expect(srv.log).not.toContain('Nguyễn');
});

// Last in the file: it locks this server's loopback address for every later log-in.
test('password spraying: many usernames from one address lock that address, even for a right password', async () => {
	test.setTimeout(120_000);
	const attempt = (username: string, password: string) =>
		srv.call('POST', '/api/v1/session', null, { username, password });
	// Earlier tests' failures from this address count too: the lock comes at the 50th at most.
	let sprayed = 0;
	let status = 401;
	while (status === 401 && sprayed < 60)
		status = (await attempt(`phun.${sprayed++}`, 'Mua-he-2026')).status;
	expect(status).toBe(429);
	expect(sprayed).toBeLessThanOrEqual(50);
	const locked = await attempt('canbo.hostile', srv.passwords.get('canbo.hostile')!);
	expect(locked.status).toBe(429);
	expect((locked.body as { error: { code: string } }).error.code).toBe('auth.throttledAddress');
});
