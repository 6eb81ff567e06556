import { AwsClient } from 'aws4fetch';
import { BlobNotFoundError, blobPath, sha256Hex, type BlobStore } from './blob-store';

export interface S3Settings {
	/** The service's base URL, e.g. `https://s3.example.vn` or `http://127.0.0.1:9000`. */
	endpoint: string;
	region: string;
	bucket: string;
	accessKeyId: string;
	secretAccessKey: string;
	/** `endpoint/bucket/key` instead of `bucket.endpoint/key` (MinIO and most self-hosted stores). */
	forcePathStyle: boolean;
}

/** Objects sit under `blobs/` with the same `ab/cd/hash` layout as DATA_DIR/blobs. */
const PREFIX = 'blobs/';
/** A store that does not answer within this long is an error, not a hung job or request. */
const TIMEOUT_MS = 120_000;

/**
 * Blobs in an S3-compatible bucket, so app nodes and workers on several machines share them.
 * Every object is written by one PUT, which S3 makes visible whole or not at all; the request
 * carries the content's SHA-256, so the service refuses a body that arrived damaged.
 */
export class S3BlobStore implements BlobStore {
	private readonly client: AwsClient;

	constructor(private readonly settings: S3Settings) {
		this.client = new AwsClient({
			accessKeyId: settings.accessKeyId,
			secretAccessKey: settings.secretAccessKey,
			service: 's3',
			region: settings.region,
			// Retries only 5xx and 429; a PUT of content-addressed bytes is safe to repeat.
			retries: 3,
			initRetryMs: 200
		});
	}

	private url(hash: string): string {
		const key = PREFIX + blobPath(hash);
		const base = new URL(this.settings.endpoint);
		const root = base.pathname.replace(/\/+$/, '');
		if (this.settings.forcePathStyle) {
			return `${base.origin}${root}/${encodeURIComponent(this.settings.bucket)}/${key}`;
		}
		return `${base.protocol}//${this.settings.bucket}.${base.host}${root}/${key}`;
	}

	private async send(method: string, hash: string, init: RequestInit = {}): Promise<Response> {
		const url = this.url(hash);
		try {
			return await this.client.fetch(url, {
				...init,
				method,
				signal: AbortSignal.timeout(TIMEOUT_MS)
			});
		} catch (e) {
			// fetch says only "fetch failed"; the reason (ECONNREFUSED, a timeout…) is its cause.
			const cause = (e as Error).cause as { code?: string; message?: string } | undefined;
			const why = cause?.code ?? cause?.message ?? (e as Error).message;
			throw new Error(`object storage: ${method} ${this.describe(hash)} failed: ${why}`, {
				cause: e
			});
		}
	}

	async put(bytes: Uint8Array): Promise<string> {
		const hash = sha256Hex(bytes);
		// Content-addressed: what is there under this key is these bytes already.
		if (await this.has(hash)) return hash;
		const res = await this.send('PUT', hash, {
			body: fetchBody(bytes),
			headers: {
				'Content-Type': 'application/octet-stream',
				'Content-Length': String(bytes.byteLength),
				'X-Amz-Content-Sha256': hash
			}
		});
		if (!res.ok) {
			throw this.failure('PUT', hash, res.status, errorCode(await res.text().catch(() => '')));
		}
		await res.body?.cancel();
		return hash;
	}

	async get(hash: string): Promise<Buffer> {
		const res = await this.send('GET', hash);
		if (res.ok) return Buffer.from(await res.arrayBuffer());
		const text = await res.text().catch(() => '');
		const code = errorCode(text);
		// A missing bucket is also a 404, but it is a misconfiguration, not a missing blob.
		if (res.status === 404 && (!code || code === 'NoSuchKey')) throw new BlobNotFoundError(hash);
		throw this.failure('GET', hash, res.status, code);
	}

	async has(hash: string): Promise<boolean> {
		const res = await this.send('HEAD', hash);
		await res.body?.cancel();
		if (res.status === 404) return false;
		// HEAD answers have no body, so no error code to tell a missing bucket from a missing key.
		if (!res.ok) throw this.failure('HEAD', hash, res.status, undefined);
		return true;
	}

	private describe(hash: string): string {
		return `s3://${this.settings.bucket}/${PREFIX}${blobPath(hash)} at ${this.settings.endpoint}`;
	}

	private failure(method: string, hash: string, status: number, code: string | undefined) {
		return new Error(
			`object storage: ${method} ${this.describe(hash)} answered ${status}${code ? ` ${code}` : ''}`
		);
	}
}

/** fetch takes bytes over an ArrayBuffer (not a SharedArrayBuffer); a view of one is not copied. */
const fetchBody = (bytes: Uint8Array): Uint8Array<ArrayBuffer> =>
	bytes.buffer instanceof ArrayBuffer
		? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
		: Uint8Array.from(bytes);

/** The `<Code>` of an S3 error document, e.g. `SignatureDoesNotMatch`. */
const errorCode = (xml: string) => /<Code>([^<]{1,100})<\/Code>/.exec(xml)?.[1];
