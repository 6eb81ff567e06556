import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditRow, DB } from '../db/schema';

export interface AuditRecord {
	actorId: string | null;
	action: string;
	subjectType: string;
	subjectId: string;
	data: Record<string, unknown>;
	at: string;
}

const GENESIS = '0'.repeat(64);

/** The hash of one row: it covers every column and the previous row's hash. */
export function rowHash(row: Omit<AuditRow, 'hash'>): string {
	const canonical = JSON.stringify([
		row.seq,
		row.at,
		row.actor_id,
		row.action,
		row.subject_type,
		row.subject_id,
		row.data,
		row.prev_hash
	]);
	return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Appends one row. Call it with the transaction that makes the change it records, so both commit
 * or neither does. Bumping `audit_head` first takes its row lock (PostgreSQL) and the write lock
 * (SQLite): concurrent writers queue here instead of forking the chain.
 */
export async function appendAudit(trx: Kysely<DB>, rec: AuditRecord): Promise<AuditRow> {
	const head = await trx
		.updateTable('audit_head')
		.set((eb) => ({ seq: eb('seq', '+', 1) }))
		.where('id', '=', 1)
		.returning(['seq', 'hash'])
		.executeTakeFirstOrThrow();
	const base = {
		seq: Number(head.seq),
		at: rec.at,
		actor_id: rec.actorId,
		action: rec.action,
		subject_type: rec.subjectType,
		subject_id: rec.subjectId,
		data: JSON.stringify(rec.data),
		prev_hash: head.hash
	};
	const row: AuditRow = { ...base, hash: rowHash(base) };
	await trx.insertInto('audit_log').values(row).execute();
	await trx.updateTable('audit_head').set({ hash: row.hash }).where('id', '=', 1).execute();
	return row;
}

export type AuditBreak =
	| { kind: 'altered'; seq: number }
	| { kind: 'chain'; seq: number }
	| { kind: 'missing'; seq: number }
	| { kind: 'head'; seq: number };

export interface AuditVerification {
	ok: boolean;
	rows: number;
	breaks: AuditBreak[];
}

/** Walks the whole chain in seq order; reports every altered, re-linked or missing row. */
export async function verifyAudit(db: Kysely<DB>, batch = 5000): Promise<AuditVerification> {
	const breaks: AuditBreak[] = [];
	let prevHash = GENESIS;
	let expectedSeq = 1;
	let rows = 0;
	for (;;) {
		const page = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('seq', '>=', expectedSeq)
			.orderBy('seq')
			.limit(batch)
			.execute();
		if (page.length === 0) break;
		for (const raw of page) {
			const row = { ...raw, seq: Number(raw.seq) };
			rows++;
			if (row.seq !== expectedSeq) {
				breaks.push({ kind: 'missing', seq: expectedSeq });
				expectedSeq = row.seq;
			}
			if (row.prev_hash !== prevHash) breaks.push({ kind: 'chain', seq: row.seq });
			const { hash, ...rest } = row;
			if (rowHash(rest) !== hash) breaks.push({ kind: 'altered', seq: row.seq });
			prevHash = hash;
			expectedSeq = row.seq + 1;
		}
	}
	const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
	if (!head || Number(head.seq) !== expectedSeq - 1 || head.hash !== prevHash) {
		// Rows were removed from the end, or the head was rewritten.
		breaks.push({ kind: 'head', seq: head ? Number(head.seq) : 0 });
	}
	return { ok: breaks.length === 0, rows, breaks };
}
