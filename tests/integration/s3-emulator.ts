// A real S3 HTTP server for the tests (@20minutes/s3rver, a devDependency): it speaks the S3 REST
// protocol and checks SigV4 signatures, so a request the store signs wrongly fails here as it
// would against a real service. It listens on a free port and keeps its objects in a temp folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from '@20minutes/s3rver';
import type { S3Settings } from '../../src/lib/server/storage/s3-blob-store';

/** The emulator's one built-in key pair. */
const KEY = 'S3RVER';

export interface S3Emulator {
	settings: S3Settings;
	stop(): Promise<void>;
}

export async function startS3Emulator(bucket = 'sohoa-test'): Promise<S3Emulator> {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-s3-'));
	const server = new S3rver({
		address: '127.0.0.1',
		port: 0,
		silent: true,
		directory,
		configureBuckets: [{ name: bucket }]
	});
	const { port } = await server.run();
	return {
		settings: {
			endpoint: `http://127.0.0.1:${port}`,
			region: 'us-east-1',
			bucket,
			accessKeyId: KEY,
			secretAccessKey: KEY,
			forcePathStyle: true
		},
		async stop() {
			await server.close();
			fs.rmSync(directory, { recursive: true, force: true });
		}
	};
}
