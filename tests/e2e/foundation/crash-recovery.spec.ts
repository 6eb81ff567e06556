import path from 'node:path';
import SQLite from 'better-sqlite3';
import { test, expect } from '@playwright/test';
import { cli, nameField, OwnServer } from '../own-server';

/**
 * The server is killed with SIGKILL in the middle of a stream of saves, then restarted: every save
 * it acknowledged must still be there, versions must have no gaps, and the audit chain must verify.
 */
const WRITERS = 4;

test('a server killed mid-stream of saves restarts with every acknowledged save and an intact audit log', async () => {
	test.setTimeout(180_000);
	const srv = new OwnServer();
	try {
		const key = nameField();
		srv.addUser('canbo.kill', 'clerk', '24121');
		const { entries: ids } = srv.addEntries('24121', WRITERS);
		await srv.start();
		const cookie = await srv.login('canbo.kill');

		// Each writer saves its own entry again and again; acknowledged (200) saves are remembered.
		const acked = new Map<string, { version: number; value: string }[]>(ids.map((id) => [id, []]));
		let killed = false;
		const writer = async (id: string) => {
			let version = 1;
			for (let i = 0; i < 5000 && !killed; i++) {
				const value = `Giá trị ${i} của ${id.slice(0, 8)}`;
				let res: Response;
				try {
					res = await fetch(`${srv.base}/api/v1/entries/${id}`, {
						method: 'PATCH',
						headers: { 'content-type': 'application/json', cookie },
						body: JSON.stringify({ version, fields: { [key]: value } })
					});
				} catch {
					return; // the server is gone
				}
				if (res.status !== 200) throw new Error(`save answered ${res.status}: ${await res.text()}`);
				const body = (await res.json()) as { version: number };
				version = body.version;
				acked.get(id)!.push({ version, value });
			}
		};
		const writing = Promise.all(ids.map(writer));
		// Let the saves run, then kill without warning while requests are in flight.
		await new Promise((r) => setTimeout(r, 1500));
		killed = true;
		await srv.stop('SIGKILL');
		await writing;
		const total = [...acked.values()].reduce((n, a) => n + a.length, 0);
		expect(total, 'saves acknowledged before the kill').toBeGreaterThan(WRITERS * 3);
		test
			.info()
			.annotations.push({ type: 'saves acknowledged before the kill', description: `${total}` });

		await srv.start();
		const cookie2 = await srv.login('canbo.kill');
		for (const id of ids) {
			const res = await srv.call('GET', `/api/v1/entries/${id}`, cookie2);
			expect(res.status).toBe(200);
			const entry = res.body as { version: number; fields: Record<string, { value: string }> };
			const last = acked.get(id)!.at(-1)!;
			// The last acknowledged save is there; at most one more committed whose answer was lost.
			expect([last.version, last.version + 1]).toContain(entry.version);
			if (entry.version === last.version) expect(entry.fields[key]?.value).toBe(last.value);
		}
		await srv.stop('SIGTERM');

		// Versions per entry are contiguous in the audit log, and every acknowledged value is recorded.
		const db = new SQLite(path.join(srv.dataDir, 'sohoa.sqlite'), { readonly: true });
		try {
			for (const id of ids) {
				const rows = db
					.prepare(
						`SELECT data FROM audit_log WHERE subject_type = 'entry' AND subject_id = ? ORDER BY seq`
					)
					.all(id) as { data: string }[];
				const edits = rows.map(
					(r) =>
						JSON.parse(r.data) as {
							version: number;
							changes: Record<string, { after: { value: string } }>;
						}
				);
				const final = (
					db.prepare('SELECT version FROM entry WHERE id = ?').get(id) as { version: number }
				).version;
				expect(edits.map((e) => e.version)).toEqual(
					Array.from({ length: final - 1 }, (_, i) => i + 2)
				);
				for (const a of acked.get(id)!) {
					const e = edits.find((x) => x.version === a.version);
					expect(e?.changes[key]?.after.value, `acknowledged save v${a.version}`).toBe(a.value);
				}
			}
		} finally {
			db.close();
		}
		const verify = cli(srv.dataDir, ['audit', 'verify']);
		expect(verify.code, verify.stderr).toBe(0);
	} finally {
		await srv.dispose();
	}
});
