import path from 'node:path';
import type { Env } from '../env';
import { FsBlobStore, type BlobStore } from './blob-store';
import { S3BlobStore } from './s3-blob-store';

/** The blob store the configuration names (STORAGE, README "Configuration"). */
export function openBlobStore(env: Pick<Env, 'dataDir' | 'storage'>): BlobStore {
	const { storage } = env;
	if (storage.kind === 's3') return new S3BlobStore(storage);
	return new FsBlobStore(path.join(env.dataDir, 'blobs'));
}
