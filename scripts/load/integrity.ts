import type { Kysely } from 'kysely';
import type { DB } from '../../src/lib/server/db/schema';
import type { Acknowledged } from './clerk';

/**
 * After the run, from the database: every version the server acknowledged for an entry is in the
 * audit log exactly once, the entry's audited versions run 2, 3, … without a gap or a repeat up to
 * its current version (which is the last one acknowledged), and its fields hold the last values
 * acknowledged.
 */
export interface IntegrityReport {
	entries: number;
	acknowledgedVersions: number;
	auditedVersions: number;
	problems: string[];
}

export async function checkIntegrity(
	db: Kysely<DB>,
	acked: ReadonlyMap<string, Acknowledged>
): Promise<IntegrityReport> {
	const ids = [...acked.keys()];
	const problems: string[] = [];
	let auditedVersions = 0;
	let acknowledgedVersions = 0;
	for (let i = 0; i < ids.length; i += 500) {
		const chunk = ids.slice(i, i + 500);
		const [audits, entries, fields] = await Promise.all([
			db
				.selectFrom('audit_log')
				.select(['subject_id', 'data'])
				.where('subject_type', '=', 'entry')
				.where('subject_id', 'in', chunk)
				.orderBy('seq')
				.execute(),
			db.selectFrom('entry').select(['id', 'version']).where('id', 'in', chunk).execute(),
			db
				.selectFrom('entry_field')
				.select(['entry_id', 'key', 'value'])
				.where('entry_id', 'in', chunk)
				.execute()
		]);
		const audited = new Map<string, number[]>();
		for (const a of audits) {
			const v = (JSON.parse(a.data) as { version?: number }).version;
			if (typeof v !== 'number') continue;
			audited.set(a.subject_id, [...(audited.get(a.subject_id) ?? []), v]);
		}
		const versionOf = new Map(entries.map((e) => [e.id, e.version]));
		const valueOf = new Map(fields.map((f) => [`${f.entry_id}\u0000${f.key}`, f.value]));
		for (const id of chunk) {
			const ack = acked.get(id)!;
			const versions = audited.get(id) ?? [];
			auditedVersions += versions.length;
			acknowledgedVersions += ack.versions.length;
			const current = versionOf.get(id);
			// Seeded at version 1 without an audit row: each write since adds the next version.
			const expected = Array.from({ length: (current ?? 1) - 1 }, (_, k) => k + 2);
			if (versions.join() !== expected.join()) {
				problems.push(`${id}: audited versions [${versions}] for current version ${current}`);
			}
			const missing = ack.versions.filter((v) => !versions.includes(v));
			if (missing.length) problems.push(`${id}: acknowledged versions [${missing}] not audited`);
			const last = ack.versions[ack.versions.length - 1];
			if (last !== current) problems.push(`${id}: last acknowledged ${last}, stored ${current}`);
			for (const [key, value] of Object.entries(ack.fields)) {
				const stored = valueOf.get(`${id}\u0000${key}`);
				if (stored !== value) problems.push(`${id}.${key}: stored "${stored}", acked "${value}"`);
			}
		}
	}
	return { entries: ids.length, acknowledgedVersions, auditedVersions, problems };
}
