import { ConfigError, type Env } from '../env';
import { FsBlobStore, blobsDir, type BlobStore } from './blob-store';
import { S3BlobStore } from './s3-blob-store';

/** The blob store the configuration names (STORAGE, README "Configuration"). */
export function openBlobStore(env: Pick<Env, 'dataDir' | 'storage'>): BlobStore {
	const { storage } = env;
	if (storage.kind === 's3') return new S3BlobStore(storage);
	return new FsBlobStore(blobsDir(env));
}

/**
 * Writes and reads back the empty blob, so a server or worker with a wrong key, a missing bucket or
 * an unwritable folder stops at start-up instead of failing its first import or job.
 */
export async function checkBlobStore(store: BlobStore): Promise<void> {
	try {
		const hash = await store.put(new Uint8Array(0));
		await store.get(hash);
	} catch (e) {
		const why = (e as Error).message;
		throw new ConfigError(
			`không ghi được vào kho lưu trữ ảnh (STORAGE, S3_*): ${why} / ` +
				`the blob storage cannot be written (STORAGE, S3_*): ${why}`
		);
	}
}
