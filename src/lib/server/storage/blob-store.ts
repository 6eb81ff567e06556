import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Content-addressed storage for scans, derived images and export packages (DESIGN.md
 * "Persistence"). Every object is small enough to hold in memory (a page scan, or one book's
 * export package, which the exporter builds in memory anyway), so the interface speaks bytes.
 */
export interface BlobStore {
	/** Stores the bytes under their SHA-256 and returns it; storing known bytes again is a no-op. */
	put(bytes: Uint8Array): Promise<string>;
	/** The bytes; `BlobNotFoundError` when nothing is stored under the hash. */
	get(hash: string): Promise<Buffer>;
	/** False when nothing is stored under the hash; a store that cannot answer throws. */
	has(hash: string): Promise<boolean>;
}

export class BlobNotFoundError extends Error {
	constructor(readonly hash: string) {
		super(`blob ${hash} not found`);
	}
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const HASH = /^[0-9a-f]{64}$/;

/**
 * Where a blob lives, relative to the store's root: `ab/cd/abcd…`. The hash is our own, but a
 * hash from a URL must never become a path or key outside the store.
 */
export function blobPath(hash: string): string {
	if (!HASH.test(hash)) throw new Error('invalid blob hash');
	return `${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`;
}

/** DATA_DIR/blobs: the layout `sohoa backup` copies and the S3 store mirrors under its prefix. */
export class FsBlobStore implements BlobStore {
	constructor(private readonly root: string) {}

	private file(hash: string): string {
		return path.join(this.root, ...blobPath(hash).split('/'));
	}

	async put(bytes: Uint8Array): Promise<string> {
		const hash = sha256Hex(bytes);
		const target = this.file(hash);
		if (await this.has(hash)) return hash;
		await fs.mkdir(path.dirname(target), { recursive: true });
		// Write then rename: a crash never leaves a half-written file under its final name.
		const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
		await fs.writeFile(tmp, bytes);
		await fs.rename(tmp, target);
		return hash;
	}

	async get(hash: string): Promise<Buffer> {
		try {
			return await fs.readFile(this.file(hash));
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFoundError(hash);
			throw e;
		}
	}

	async has(hash: string): Promise<boolean> {
		try {
			await fs.access(this.file(hash));
			return true;
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
			throw e;
		}
	}
}
