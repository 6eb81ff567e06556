// Backup and restore with STORAGE=s3: an object store cannot be listed, so the backup fetches the
// blobs the snapshot refers to (pages, and an uploaded extract a queued job names) and the restore
// puts them into the configured store, here a second, empty bucket.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServices } from '../../src/lib/server/container';
import { createBackup } from '../../src/lib/server/backup/backup';
import { restoreBackup } from '../../src/lib/server/backup/restore';
import { S3BlobStore } from '../../src/lib/server/storage/s3-blob-store';
import { sha256Hex } from '../../src/lib/server/storage/blob-store';
import type { Env } from '../../src/lib/server/env';
import { testEnv } from './databases';
import { addUser, createBook, DAK_LAK, TAN_LAP } from './fixtures';
import { startS3Emulator, type S3Emulator } from './s3-emulator';

let source: S3Emulator;
let target: S3Emulator;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-backup-s3-'));
beforeAll(async () => {
	[source, target] = await Promise.all([startS3Emulator('source'), startS3Emulator('target')]);
});
afterAll(async () => {
	await Promise.all([source?.stop(), target?.stop()]);
	fs.rmSync(tmp, { recursive: true, force: true });
});

const s3Env = (dir: string, e: S3Emulator): Env => ({
	...testEnv(path.join(tmp, dir), null),
	storage: { kind: 's3', ...e.settings }
});

it('round-trips the blobs of an object store into another bucket', async () => {
	const from = s3Env('from', source);
	const s = await createServices({ env: from });
	const hashes: string[] = [];
	try {
		const clerk = await addUser(s, 'clerk', TAN_LAP);
		const admin = await addUser(s, 'admin', DAK_LAK);
		const book = await createBook(s.database.db, TAN_LAP);
		for (let i = 0; i < 3; i++) {
			const page = await s.bookImport.addPage(
				book.id,
				{
					bytes: randomBytes(5000),
					mime: 'image/jpeg',
					width: 10,
					height: 10,
					sourceFile: `p${i}.jpg`,
					sourcePage: 1
				},
				clerk.id
			);
			hashes.push(page.blob_hash);
		}
		const extract = Buffer.from('Họ và tên,Ngày sinh\nNguyễn Văn An,01/02/2000\n');
		await s.residentImports.queue(admin, { unitCode: TAN_LAP, fileName: 'x.csv', bytes: extract });
		hashes.push(sha256Hex(extract));
	} finally {
		await s.database.close();
	}

	const b = await createBackup({ env: from, out: path.join(tmp, 'b.tar') });
	expect(b.manifest.blobs).toMatchObject({ count: 4, missing: [], corrupt: [] });
	expect(fs.existsSync(path.join(tmp, 'from', 'blobs'))).toBe(false);

	const to = s3Env('to', target);
	const r = await restoreBackup({ env: to, from: b.file });
	expect(r).toMatchObject({ countsMatch: true, auditHeadMatches: true, blobsWritten: 4 });
	expect(r.audit.ok).toBe(true);
	const bucket = new S3BlobStore(target.settings);
	for (const h of hashes) expect(await bucket.has(h), h).toBe(true);
	expect(fs.existsSync(path.join(tmp, 'to', 'blobs'))).toBe(false);
});
