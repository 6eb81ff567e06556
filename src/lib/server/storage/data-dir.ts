import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors';

const errno = (e: unknown) => (e as NodeJS.ErrnoException | undefined)?.code ?? '';

/**
 * A file-system failure that users must be told about in words: a full disk (ENOSPC, or a quota)
 * or a folder that cannot be written (read-only mount, permissions). Anything else stays the
 * error it was. Status 507 (Insufficient Storage) for HTTP; the CLI prints both languages.
 */
export function storageError(e: unknown, where: string): AppError | null {
	const code = errno(e);
	if (code === 'ENOSPC' || code === 'EDQUOT')
		return new AppError(507, 'storage.noSpace', { where });
	if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM')
		return new AppError(507, 'storage.notWritable', { where, reason: code });
	return null;
}

/**
 * Checked once when the server or a command starts, before anything opens the database: DATA_DIR
 * exists (it is created when missing), is a folder, and takes a write. A probe file is written,
 * flushed and removed, so a read-only mount or a full disk is said at start-up in words rather
 * than met later as a failed save.
 */
export async function ensureDataDir(dir: string): Promise<void> {
	try {
		await fs.mkdir(dir, { recursive: true });
	} catch (e) {
		const code = errno(e);
		if (code === 'EEXIST' || code === 'ENOTDIR')
			throw new AppError(507, 'dataDir.notDirectory', { dir });
		throw new AppError(507, 'dataDir.notWritable', { dir, reason: code || String(e) });
	}
	if (!(await fs.stat(dir)).isDirectory()) throw new AppError(507, 'dataDir.notDirectory', { dir });
	const probe = path.join(dir, `.write-probe-${randomBytes(6).toString('hex')}`);
	try {
		const fh = await fs.open(probe, 'wx');
		try {
			await fh.writeFile('sohoa');
			await fh.sync();
		} finally {
			await fh.close();
		}
	} catch (e) {
		const code = errno(e);
		await fs.rm(probe, { force: true }).catch(() => {});
		if (code === 'ENOSPC' || code === 'EDQUOT') throw new AppError(507, 'dataDir.noSpace', { dir });
		throw new AppError(507, 'dataDir.notWritable', { dir, reason: code || String(e) });
	}
	await fs.rm(probe, { force: true });
}
