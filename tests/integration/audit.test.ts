import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from './databases';
import {
	addUser,
	auditCount,
	createBook,
	createEntry,
	nameField,
	TAN_LAP,
	type TestUser
} from './fixtures';
import { appendAudit, verifyAudit } from '../../src/lib/server/audit/audit-log';
import type { AuditRow } from '../../src/lib/server/db/schema';

forEachDatabase('audit log', (t) => {
	let clerk: TestUser;
	let officer: TestUser;
	let key: string;

	beforeAll(async () => {
		clerk = await addUser(t.services, 'clerk', TAN_LAP);
		officer = await addUser(t.services, 'officer', TAN_LAP);
		key = nameField();
	});

	const db = () => t.services.database.db;
	const rows = () => db().selectFrom('audit_log').selectAll().orderBy('seq').execute();

	it('appends one row per change, for the entry it changed, in order', async () => {
		const book = await createBook(db(), TAN_LAP);
		const id = await createEntry(db(), book, { fields: { [key]: 'Võ F' } });
		const before = await auditCount(db());
		await t.services.entries.update(clerk, id, { version: 1, fields: { [key]: 'Võ Văn F' } });
		await t.services.entries.submit(clerk, id);
		await t.services.entries.approve(officer, id);
		const added = (await rows()).slice(before);
		expect(added.map((r) => [r.action, r.subject_id, r.actor_id])).toEqual([
			['entry.edit', id, clerk.id],
			['entry.submit', id, clerk.id],
			['entry.approve', id, officer.id]
		]);
		const edit = JSON.parse(added[0]!.data) as { changes: Record<string, unknown> };
		expect(edit.changes[key]).toMatchObject({
			before: { value: 'Võ F' },
			after: { value: 'Võ Văn F' }
		});
	});

	it('leaves no audit row when the change it records fails in the same transaction', async () => {
		const before = await rows();
		const head = await db().selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
		await expect(
			db()
				.transaction()
				.execute(async (trx) => {
					await appendAudit(trx, {
						actorId: clerk.id,
						action: 'entry.edit',
						subjectType: 'entry',
						subjectId: 'never-written',
						data: {},
						at: new Date().toISOString()
					});
					throw new Error('the change failed after its audit row was appended');
				})
		).rejects.toThrow('the change failed');
		expect(await rows()).toEqual(before);
		expect(await db().selectFrom('audit_head').selectAll().executeTakeFirstOrThrow()).toEqual(head);
		expect((await verifyAudit(db())).ok).toBe(true);
	});

	it('verifies an intact chain, across batch boundaries too', async () => {
		const n = await auditCount(db());
		expect(n).toBeGreaterThanOrEqual(5);
		expect(await verifyAudit(db())).toEqual({ ok: true, rows: n, breaks: [] });
		expect(await verifyAudit(db(), 2)).toEqual({ ok: true, rows: n, breaks: [] });
	});

	/** Tampers with the log, checks verifyAudit notices, then puts it back exactly. */
	async function tamper(
		change: (all: AuditRow[]) => Promise<void>,
		restore: (all: AuditRow[]) => Promise<void>
	) {
		const all = (await rows()).map((r) => ({ ...r, seq: Number(r.seq) }));
		await change(all);
		const result = await verifyAudit(db());
		await restore(all);
		expect(await verifyAudit(db())).toMatchObject({ ok: true });
		return { result, all };
	}

	it('detects an altered row', async () => {
		let target = 0;
		const { result } = await tamper(
			async (all) => {
				target = all[Math.floor(all.length / 2)]!.seq;
				await db()
					.updateTable('audit_log')
					.set({ data: JSON.stringify({ forged: true }) })
					.where('seq', '=', target)
					.execute();
			},
			async (all) => {
				const orig = all.find((r) => r.seq === target)!;
				await db()
					.updateTable('audit_log')
					.set({ data: orig.data })
					.where('seq', '=', target)
					.execute();
			}
		);
		expect(result.ok).toBe(false);
		expect(result.breaks).toContainEqual({ kind: 'altered', seq: target });
	});

	it('detects an altered row whose hash was recomputed (the next link breaks)', async () => {
		let target = 0;
		const { result } = await tamper(
			async (all) => {
				const row = all[1]!;
				target = row.seq;
				const { rowHash } = await import('../../src/lib/server/audit/audit-log');
				const forged = { ...row, actor_id: 'someone-else' };
				const { hash: _old, ...rest } = forged;
				await db()
					.updateTable('audit_log')
					.set({ actor_id: forged.actor_id, hash: rowHash(rest) })
					.where('seq', '=', target)
					.execute();
			},
			async (all) => {
				const orig = all.find((r) => r.seq === target)!;
				await db()
					.updateTable('audit_log')
					.set({ actor_id: orig.actor_id, hash: orig.hash })
					.where('seq', '=', target)
					.execute();
			}
		);
		expect(result.ok).toBe(false);
		expect(result.breaks).toContainEqual({ kind: 'chain', seq: target + 1 });
	});

	it('detects a deleted middle row', async () => {
		let target: AuditRow | undefined;
		const { result } = await tamper(
			async (all) => {
				target = all[Math.floor(all.length / 2)]!;
				await db().deleteFrom('audit_log').where('seq', '=', target.seq).execute();
			},
			async () => {
				await db().insertInto('audit_log').values(target!).execute();
			}
		);
		expect(result.ok).toBe(false);
		expect(result.breaks).toContainEqual({ kind: 'missing', seq: target!.seq });
	});

	it('detects a deleted last row', async () => {
		let target: AuditRow | undefined;
		const { result } = await tamper(
			async (all) => {
				target = all[all.length - 1]!;
				await db().deleteFrom('audit_log').where('seq', '=', target.seq).execute();
			},
			async () => {
				await db().insertInto('audit_log').values(target!).execute();
			}
		);
		expect(result.ok).toBe(false);
		expect(result.breaks.map((b) => b.kind)).toContain('head');
	});
});
