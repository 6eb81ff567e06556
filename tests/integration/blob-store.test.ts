import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	BlobNotFoundError,
	FsBlobStore,
	sha256Hex,
	type BlobStore
} from '../../src/lib/server/storage/blob-store';
import { S3BlobStore } from '../../src/lib/server/storage/s3-blob-store';
import { checkBlobStore } from '../../src/lib/server/storage/open-blob-store';
import { ConfigError } from '../../src/lib/server/env';
import { startS3Emulator, type S3Emulator } from './s3-emulator';

let emulator: S3Emulator;
const fsRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-blobs-'));

beforeAll(async () => {
	emulator = await startS3Emulator();
});
afterAll(async () => {
	await emulator?.stop();
	fs.rmSync(fsRoot, { recursive: true, force: true });
});

const stores: [string, () => BlobStore][] = [
	['fs', () => new FsBlobStore(fsRoot)],
	['s3', () => new S3BlobStore(emulator.settings)]
];

// The same contract for every implementation: the services cannot tell them apart.
describe.each(stores)('BlobStore contract [%s]', (_name, open) => {
	let store: BlobStore;
	beforeAll(() => {
		store = open();
	});

	it('stores bytes under their SHA-256 and gives them back', async () => {
		const bytes = randomBytes(1000);
		expect(await store.has(sha256Hex(bytes))).toBe(false);
		const hash = await store.put(bytes);
		expect(hash).toBe(sha256Hex(bytes));
		expect(await store.has(hash)).toBe(true);
		expect(Buffer.compare(await store.get(hash), bytes)).toBe(0);
	});

	it('stores empty content too', async () => {
		const hash = await store.put(new Uint8Array(0));
		expect((await store.get(hash)).byteLength).toBe(0);
	});

	it('a second put of the same bytes is a no-op with the same hash', async () => {
		const bytes = randomBytes(500);
		const hash = await store.put(bytes);
		expect(await store.put(Uint8Array.from(bytes))).toBe(hash);
		expect(Buffer.compare(await store.get(hash), bytes)).toBe(0);
	});

	it('round-trips a 20 MB object byte for byte', async () => {
		const bytes = randomBytes(20 * 1024 * 1024);
		const hash = await store.put(bytes);
		const back = await store.get(hash);
		expect(back.byteLength).toBe(bytes.byteLength);
		expect(sha256Hex(back)).toBe(hash);
	}, 60_000);

	it('a missing blob: has() is false, get() rejects with BlobNotFoundError', async () => {
		const missing = sha256Hex(randomBytes(16));
		expect(await store.has(missing)).toBe(false);
		const e = await store.get(missing).catch((err: unknown) => err);
		expect(e).toBeInstanceOf(BlobNotFoundError);
		expect((e as BlobNotFoundError).hash).toBe(missing);
	});

	it('refuses a hash that is not 64 lowercase hex digits, before touching storage', async () => {
		for (const bad of [
			'',
			'../../etc/passwd',
			'A'.repeat(64),
			`${'a'.repeat(63)}/`,
			'a'.repeat(65)
		]) {
			await expect(store.get(bad)).rejects.toThrow('invalid blob hash');
			await expect(store.has(bad)).rejects.toThrow('invalid blob hash');
		}
	});

	it('concurrent puts of the same content all succeed and leave one intact object', async () => {
		const bytes = randomBytes(2 * 1024 * 1024);
		const hashes = await Promise.all(Array.from({ length: 6 }, () => store.put(bytes)));
		expect(new Set(hashes)).toEqual(new Set([sha256Hex(bytes)]));
		expect(sha256Hex(await store.get(hashes[0]!))).toBe(hashes[0]);
	}, 60_000);
});

describe('S3BlobStore against the emulator', () => {
	it('keeps FsBlobStore’s layout under blobs/ in the bucket', async () => {
		const store = new S3BlobStore(emulator.settings);
		const bytes = randomBytes(64);
		const hash = await store.put(bytes);
		const { endpoint, bucket } = emulator.settings;
		// Unsigned: the emulator serves reads without credentials, which is all this checks.
		const res = await fetch(
			`${endpoint}/${bucket}/blobs/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`
		);
		expect(res.status).toBe(200);
		expect(Buffer.compare(Buffer.from(await res.arrayBuffer()), bytes)).toBe(0);
	});

	it('a wrong secret is an error that names the store and the service’s code, never a false', async () => {
		const store = new S3BlobStore({ ...emulator.settings, secretAccessKey: 'not-the-secret' });
		const hash = sha256Hex(randomBytes(8));
		await expect(store.has(hash)).rejects.toThrow(/HEAD s3:\/\/sohoa-test\/blobs\/.* answered 403/);
		// put asks has() first, so it stops at the same refusal.
		await expect(store.put(randomBytes(8))).rejects.toThrow(/HEAD .* answered 403/);
		await expect(store.get(hash)).rejects.toThrow(/GET .* answered 403 SignatureDoesNotMatch/);
	});

	it('a missing bucket is an error, not an empty store', async () => {
		const store = new S3BlobStore({ ...emulator.settings, bucket: 'no-such-bucket' });
		await expect(store.put(randomBytes(8))).rejects.toThrow(/PUT .* answered 404 NoSuchBucket/);
		const e = await store.get(sha256Hex(randomBytes(8))).catch((err: unknown) => err);
		expect(e).not.toBeInstanceOf(BlobNotFoundError);
		expect(String(e)).toMatch(/GET .* answered 404 NoSuchBucket/);
	});

	it('the start-up check passes on a usable bucket and stops on a wrong secret or bucket', async () => {
		await expect(checkBlobStore(new S3BlobStore(emulator.settings))).resolves.toBeUndefined();
		for (const wrong of [{ secretAccessKey: 'not-the-secret' }, { bucket: 'no-such-bucket' }]) {
			const e = await checkBlobStore(new S3BlobStore({ ...emulator.settings, ...wrong })).catch(
				(err: unknown) => err
			);
			expect(e).toBeInstanceOf(ConfigError);
			expect(String(e)).toMatch(
				/kho lưu trữ .* answered 40[34].* \/ the blob storage cannot be written/
			);
		}
	});

	it('an unreachable endpoint is an error naming it', async () => {
		const store = new S3BlobStore({ ...emulator.settings, endpoint: 'http://127.0.0.1:1' });
		await expect(store.has(sha256Hex(randomBytes(8)))).rejects.toThrow(
			/object storage: HEAD .* at http:\/\/127\.0\.0\.1:1 failed/
		);
	});
});
