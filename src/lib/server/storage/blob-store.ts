import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

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

const HASH = /^[0-9a-f]{64}$/;

export class FsBlobStore implements BlobStore {
	constructor(private readonly root: string) {}

	private file(hash: string): string {
		// The hash is our own, but a hash from a URL must never become a path outside the store.
		if (!HASH.test(hash)) throw new Error('invalid blob hash');
		return path.join(this.root, hash.slice(0, 2), hash.slice(2, 4), hash);
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
