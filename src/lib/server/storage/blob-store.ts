import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { storageError } from './data-dir';

/**
 * Content-addressed storage for scans and derived images (DESIGN.md "Persistence"). The file
 * system implementation lives here; an S3-compatible one implements the same interface.
 */
export interface BlobStore {
	put(bytes: Uint8Array): Promise<string>;
	get(hash: string): Promise<Buffer>;
	has(hash: string): Promise<boolean>;
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

export class FsBlobStore implements BlobStore {
	constructor(
		private readonly root: string,
		private readonly io: BlobFs = blobFs
	) {}

	private file(hash: string): string {
		// The hash is our own, but a hash from a URL must never become a path outside the store.
		if (!BLOB_NAME.test(hash)) throw new Error('invalid blob hash');
		return path.join(this.root, hash.slice(0, 2), hash.slice(2, 4), hash);
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

	get(hash: string): Promise<Buffer> {
		return fs.readFile(this.file(hash));
	}

	async has(hash: string): Promise<boolean> {
		try {
			await fs.access(this.file(hash));
			return true;
		} catch {
			return false;
		}
	}
}
