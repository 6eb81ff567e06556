import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { storageError } from './data-dir';

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

/** The few file operations a put makes: the seam where tests put a full disk. */
export interface BlobFs {
	mkdir(dir: string, opts: { recursive: true }): Promise<unknown>;
	/** Writes a new file and flushes it (a power cut must not leave it empty once renamed). */
	writeFile(file: string, bytes: Uint8Array): Promise<void>;
	rename(from: string, to: string): Promise<void>;
	rm(file: string, opts: { force: true }): Promise<void>;
}

/** Where the file-system store keeps blobs: DATA_DIR/blobs. */
export const blobsDir = (env: { dataDir: string }) => path.join(env.dataDir, 'blobs');

/** Writes a new file and flushes it to the disk before it is renamed into place. */
export async function writeFlushed(file: string, bytes: Uint8Array): Promise<void> {
	const fh = await fs.open(file, 'wx');
	try {
		await fh.writeFile(bytes);
		await fh.sync();
	} finally {
		await fh.close();
	}
}

const blobFs: BlobFs = {
	mkdir: fs.mkdir,
	writeFile: writeFlushed,
	rename: fs.rename,
	rm: fs.rm
};

/** Blob file names: the SHA-256 of the content, under two levels of two-character folders. */
export const BLOB_NAME = /^[0-9a-f]{64}$/;

const HEX2 = /^[0-9a-f]{2}$/;

async function sortedNames(dir: string): Promise<string[]> {
	try {
		return (await fs.readdir(dir)).sort();
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw e;
	}
}

/**
 * Every blob file under a store's root, in name (= hash) order: `ab/cd/abcd…`. Temporary files of
 * writes in progress and anything else that is not a blob are passed over.
 */
export async function* blobFiles(root: string): AsyncGenerator<{ hash: string; file: string }> {
	for (const a of await sortedNames(root)) {
		if (!HEX2.test(a)) continue;
		for (const b of await sortedNames(path.join(root, a))) {
			if (!HEX2.test(b)) continue;
			for (const hash of await sortedNames(path.join(root, a, b)))
				if (BLOB_NAME.test(hash) && hash.startsWith(a + b))
					yield { hash, file: path.join(root, a, b, hash) };
		}
	}
}

/**
 * Where a blob lives, relative to the store's root: `ab/cd/abcd…`. The hash is our own, but a
 * hash from a URL must never become a path or key outside the store.
 */
export function blobPath(hash: string): string {
	if (!BLOB_NAME.test(hash)) throw new Error('invalid blob hash');
	return `${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`;
}

/** DATA_DIR/blobs: the layout `sohoa backup` copies and the S3 store mirrors under its prefix. */
export class FsBlobStore implements BlobStore {
	constructor(
		private readonly root: string,
		private readonly io: BlobFs = blobFs
	) {}

	private file(hash: string): string {
		return path.join(this.root, ...blobPath(hash).split('/'));
	}

	async put(bytes: Uint8Array): Promise<string> {
		const hash = sha256Hex(bytes);
		const target = this.file(hash);
		if (await this.has(hash)) return hash;
		// Write then rename: a crash never leaves a half-written file under its final name, and a
		// failed write (a full disk) removes what it wrote, then says so in words.
		const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
		try {
			await this.io.mkdir(path.dirname(target), { recursive: true });
			await this.io.writeFile(tmp, bytes);
			await this.io.rename(tmp, target);
		} catch (e) {
			await this.io.rm(tmp, { force: true }).catch(() => {});
			throw storageError(e, this.root) ?? e;
		}
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
