import fs from 'node:fs/promises';
import path from 'node:path';
import { readEnv } from '../../lib/server/env';
import { createBackup } from '../../lib/server/backup/backup';
import { restoreBackup } from '../../lib/server/backup/restore';
import { usageError, type CliIo } from '../io';
import { parseOrUsage } from './migrate';

const BACKUP_USAGE = 'usage: sohoa backup --out FILE.tar|DIR [--json]';
const RESTORE_USAGE = 'usage: sohoa restore --from FILE.tar [--force] [--json]';

/**
 * `sohoa backup --out PATH`: a consistent copy of the database and DATA_DIR's blobs and files, made
 * while the server and workers keep running. PATH is the archive to write, or a folder (existing,
 * or ending in "/") to write `sohoa-backup-<UTC time>.tar` into (for scheduled backups). Prints the
 * archive's path.
 */
export async function backupCommand(argv: string[], io: CliIo): Promise<number> {
	const { values } = parseOrUsage(argv, { out: { type: 'string' }, json: { type: 'boolean' } });
	const out = values.out?.trim();
	if (!out) throw usageError(`--out is required; ${BACKUP_USAGE}`);
	const env = readEnv();
	// A folder (one that exists, or any path ending in "/") gets a timestamped name inside it.
	const intoFolder = (await isDirectory(out)) || out.endsWith('/') || out.endsWith(path.sep);
	const file = intoFolder ? path.join(out, timestampedName(new Date())) : out;
	const r = await createBackup({ env, out: file });
	const m = r.manifest;
	io.stderr.write(
		`backup: ${m.database.kind} at ${m.migrations.at(-1) ?? 'no migrations'}, ${m.counts.users} users, ` +
			`${m.counts.books} books, ${m.counts.entries} entries, ${m.counts.auditRows} audit rows, ` +
			`${m.blobs.count} blobs (${r.bytes} bytes in all), ${r.ms} ms\n`
	);
	const damaged = m.blobs.missing.length + m.blobs.corrupt.length;
	if (damaged) {
		io.stderr.write(
			`backup: WARNING ${m.blobs.missing.length} blob(s) the database refers to are missing from ` +
				`DATA_DIR/blobs and ${m.blobs.corrupt.length} are corrupt there; they are listed in the manifest ` +
				`(first: ${[...m.blobs.missing, ...m.blobs.corrupt][0]})\n`
		);
	}
	io.stdout.write(
		values.json
			? JSON.stringify({ file: r.file, bytes: r.bytes, ms: r.ms, manifest: m }) + '\n'
			: `${r.file}\n`
	);
	// The archive is written either way; a damaged blob store is still reported as a failure.
	return damaged ? 1 : 0;
}

/**
 * `sohoa restore --from FILE [--force]`: verifies the whole archive, refuses a database in use
 * unless --force, restores the database and blobs, brings the schema up to date and verifies the
 * audit chain. Exit 1 when the restored data does not check out.
 */
export async function restoreCommand(argv: string[], io: CliIo): Promise<number> {
	const { values } = parseOrUsage(argv, {
		from: { type: 'string' },
		force: { type: 'boolean' },
		json: { type: 'boolean' }
	});
	const from = values.from?.trim();
	if (!from) throw usageError(`--from is required; ${RESTORE_USAGE}`);
	const r = await restoreBackup({
		env: readEnv(),
		from,
		force: values.force ?? false,
		log: (l) => io.stderr.write(`restore: ${l}\n`)
	});
	const c = r.counts;
	io.stderr.write(
		`restore: ${c.users} users, ${c.books} books, ${c.entries} entries, ${c.auditRows} audit rows, ` +
			`${r.manifest.blobs.count} blobs (backup of ${r.manifest.createdAt})` +
			`${r.migrated.length ? `; migrated ${r.migrated.join(', ')}` : ''}; ${r.ms} ms\n`
	);
	if (!r.countsMatch)
		io.stderr.write(
			`restore: the row counts differ from the backup's: ${JSON.stringify(r.manifest.counts)}\n`
		);
	if (r.audit.ok && r.auditHeadMatches)
		io.stderr.write(`restore: audit log intact: ${r.audit.rows} rows verified\n`);
	else
		io.stderr.write(
			`restore: the audit log does not verify (${r.audit.breaks.length} break(s)` +
				`${r.auditHeadMatches ? '' : ", and it does not end at the backup's head"})\n`
		);
	const ok = r.countsMatch && r.audit.ok && r.auditHeadMatches;
	if (values.json)
		io.stdout.write(
			JSON.stringify({
				ok,
				counts: r.counts,
				migrated: r.migrated,
				blobs: {
					restored: r.manifest.blobs.count,
					written: r.blobsWritten,
					removed: r.blobsRemoved
				},
				audit: { ok: r.audit.ok, rows: r.audit.rows, breaks: r.audit.breaks.length },
				ms: r.ms
			}) + '\n'
		);
	return ok ? 0 : 1;
}

async function isDirectory(p: string): Promise<boolean> {
	return (await fs.stat(p).catch(() => null))?.isDirectory() ?? false;
}

/** `sohoa-backup-20250131T020000Z.tar`: sorts by time, no characters a file system refuses. */
export const timestampedName = (d: Date) =>
	`sohoa-backup-${d
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d+Z$/, 'Z')}.tar`;
