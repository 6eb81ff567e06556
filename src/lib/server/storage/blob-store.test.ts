import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { FsBlobStore, sha256Hex, type BlobFs } from './blob-store';
import { ensureDataDir } from './data-dir';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-blobs-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const files = (dir: string) =>
	fs.existsSync(dir)
		? fs
				.readdirSync(dir, { recursive: true, encoding: 'utf8' })
				.filter((f) => fs.statSync(path.join(dir, f)).isFile())
		: [];

/** The real file system, except that a write stops half-way with the given error. */
const failingWrite = (code: string): BlobFs => ({
	mkdir: fsp.mkdir,
	rename: fsp.rename,
	rm: fsp.rm,
	writeFile: async (file, bytes) => {
		await fsp.writeFile(file, bytes.subarray(0, bytes.byteLength / 2));
		throw Object.assign(new Error(`${code}: injected`), { code });
	}
});

describe('FsBlobStore on a failing disk (an injected failure at the storage seam)', () => {
	it.each([
		['ENOSPC', 'storage.noSpace'],
		['EROFS', 'storage.notWritable']
	])('%s: refused as %s, nothing half-written left behind', async (code, expected) => {
		const dir = path.join(root, code);
		const store = new FsBlobStore(dir, failingWrite(code));
		const bytes = Buffer.from('a scanned page'.repeat(100));
		const e = await store.put(bytes).catch((x: unknown) => x);
		expect(e).toBeInstanceOf(AppError);
		expect((e as AppError).code).toBe(expected);
		expect((e as AppError).status).toBe(507);
		expect(files(dir)).toEqual([]);
		expect(await store.has(sha256Hex(bytes))).toBe(false);
		// The same store on a healthy disk stores it.
		const healthy = new FsBlobStore(dir);
		expect(await healthy.put(bytes)).toBe(sha256Hex(bytes));
		expect(files(dir)).toHaveLength(1);
	});

	it('passes other failures on as they are', async () => {
		const store = new FsBlobStore(path.join(root, 'other'), failingWrite('EIO'));
		await expect(store.put(Buffer.from('x'))).rejects.toMatchObject({ code: 'EIO' });
		expect(files(path.join(root, 'other'))).toEqual([]);
	});
});

describe('ensureDataDir', () => {
	it('creates a missing folder and leaves no probe behind', async () => {
		const dir = path.join(root, 'new', 'data');
		await ensureDataDir(dir);
		expect(fs.readdirSync(dir)).toEqual([]);
	});

	it('refuses a file, and a folder under a file', async () => {
		const file = path.join(root, 'a-file');
		fs.writeFileSync(file, 'x');
		for (const dir of [file, path.join(file, 'data')])
			await expect(ensureDataDir(dir)).rejects.toMatchObject({
				code: 'dataDir.notDirectory',
				params: { dir }
			});
	});
});
