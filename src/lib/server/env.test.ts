import { describe, expect, it } from 'vitest';
import { ConfigError, readEnv } from './env';

const S3 = {
	STORAGE: 's3',
	S3_ENDPOINT: 'https://s3.example.vn',
	S3_BUCKET: 'sohoa-scans',
	S3_ACCESS_KEY_ID: 'AKIA1',
	S3_SECRET_ACCESS_KEY: 'secret'
};

const refusal = (source: NodeJS.ProcessEnv): string => {
	try {
		readEnv(source);
	} catch (e) {
		expect(e).toBeInstanceOf(ConfigError);
		return (e as Error).message;
	}
	throw new Error('readEnv accepted the settings');
};

describe('readEnv: STORAGE', () => {
	it('is the file store under DATA_DIR by default', () => {
		expect(readEnv({}).storage).toEqual({ kind: 'fs' });
		expect(readEnv({ STORAGE: 'fs' }).storage).toEqual({ kind: 'fs' });
	});

	it('reads the S3 settings, with us-east-1 and virtual-hosted addressing unless told', () => {
		expect(readEnv(S3).storage).toEqual({
			kind: 's3',
			endpoint: 'https://s3.example.vn',
			region: 'us-east-1',
			bucket: 'sohoa-scans',
			accessKeyId: 'AKIA1',
			secretAccessKey: 'secret',
			forcePathStyle: false
		});
		const minio = readEnv({ ...S3, S3_REGION: 'vn-south-1', S3_FORCE_PATH_STYLE: 'true' });
		expect(minio.storage).toMatchObject({ region: 'vn-south-1', forcePathStyle: true });
	});

	it('names every missing setting, in Vietnamese and English', () => {
		const message = refusal({ STORAGE: 's3', S3_BUCKET: 'sohoa-scans', S3_ACCESS_KEY_ID: ' ' });
		expect(message).toBe(
			'STORAGE=s3 cần đặt S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY / ' +
				'STORAGE=s3 needs S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY to be set'
		);
	});

	it('refuses an unknown kind, a bad endpoint, bucket or path-style flag, naming the setting', () => {
		expect(refusal({ STORAGE: 'gcs' })).toMatch(
			/^STORAGE phải là .* \/ STORAGE must be "fs" or "s3"/
		);
		for (const endpoint of ['s3.example.vn', 'ftp://s3.example.vn', 'https://s3.example.vn/?x=1']) {
			expect(refusal({ ...S3, S3_ENDPOINT: endpoint })).toMatch(
				/^S3_ENDPOINT phải là .* \/ S3_ENDPOINT must be an http:\/\/ or https:\/\/ address/
			);
		}
		for (const bucket of ['Sohoa', 'a', 'sohoa/scans', '-sohoa']) {
			expect(refusal({ ...S3, S3_BUCKET: bucket })).toMatch(/S3_BUCKET is not a valid bucket name/);
		}
		expect(refusal({ ...S3, S3_FORCE_PATH_STYLE: 'maybe' })).toMatch(
			/S3_FORCE_PATH_STYLE must be true or false \(got "maybe"\)/
		);
	});
});

describe('SOHOA_JOB_LEASE_SECONDS', () => {
	it('defaults to a minute', () => {
		expect(readEnv({}).jobLeaseMs).toBe(60_000);
	});

	it('takes whole seconds from 1 to 3600', () => {
		expect(readEnv({ SOHOA_JOB_LEASE_SECONDS: '3' }).jobLeaseMs).toBe(3000);
		expect(readEnv({ SOHOA_JOB_LEASE_SECONDS: '3600' }).jobLeaseMs).toBe(3_600_000);
	});

	it.each(['0', '-5', '1.5', 'ten', '3601', ''])('refuses "%s", naming the variable', (value) => {
		expect(() => readEnv({ SOHOA_JOB_LEASE_SECONDS: value })).toThrow(ConfigError);
		expect(() => readEnv({ SOHOA_JOB_LEASE_SECONDS: value })).toThrow(/SOHOA_JOB_LEASE_SECONDS/);
	});
});
