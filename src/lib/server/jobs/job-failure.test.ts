import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors';
import { BlobNotFoundError } from '../storage/blob-store';
import { encodeFailure, jobFailure, readFailure, workerStopped } from './job-failure';
import { hasMessage } from '../../i18n/index';

const errno = (code: string) =>
	Object.assign(new Error(`${code}: /data/Nguyễn Văn An.pdf`), { code });

describe('jobFailure', () => {
	it("keeps a service's refusal as its code and parameters", () => {
		expect(
			jobFailure(new AppError(422, 'resident.lineTooLong', { file: 'a.csv', row: 3 }))
		).toEqual({ code: 'resident.lineTooLong', params: { file: 'a.csv', row: 3 } });
	});

	it('names a missing blob by the start of its hash', () => {
		const hash = 'ab'.repeat(32);
		expect(jobFailure(new BlobNotFoundError(hash))).toEqual({
			code: 'job.failure.blobMissing',
			params: { blob: 'abababababab' }
		});
	});

	it('says a full or unwritable disk in words, without the path', () => {
		expect(jobFailure(errno('ENOSPC')).code).toBe('storage.noSpace');
		expect(jobFailure(errno('EACCES'))).toEqual({
			code: 'storage.notWritable',
			params: { where: 'DATA_DIR', reason: 'EACCES' }
		});
	});

	it('never carries the text of an unexpected error, only its kind', () => {
		const f = jobFailure(new TypeError('cannot read Trần Thị Bích'));
		expect(f).toEqual({ code: 'job.failure.unexpected', params: { kind: 'TypeError' } });
		expect(JSON.stringify(f)).not.toContain('Bích');
		expect(jobFailure('a string').params).toEqual({ kind: 'string' });
	});

	it('recognises a payload that does not parse', () => {
		const e = (() => {
			try {
				z.object({ bookId: z.string() }).parse({});
			} catch (x) {
				return x;
			}
		})();
		expect(jobFailure(e).code).toBe('job.failure.badPayload');
	});

	it('has a message in both languages for every code it makes', () => {
		for (const code of [
			workerStopped.code,
			'job.failure.blobMissing',
			'job.failure.badPayload',
			'job.failure.unexpected'
		])
			expect(hasMessage(code), code).toBe(true);
	});
});

describe('readFailure', () => {
	it('reads back what was stored', () => {
		const f = { code: 'job.failure.blobMissing', params: { blob: 'abc' } };
		expect(readFailure(encodeFailure(f))).toEqual(f);
		expect(readFailure(null)).toBeNull();
	});

	it('shows free text from before failures were coded as an unexpected error, unquoted', () => {
		expect(readFailure('worker stopped before finishing')).toEqual(workerStopped);
		expect(readFailure('Lê Văn Tám: bad row')).toEqual({
			code: 'job.failure.unexpected',
			params: { kind: 'Error' }
		});
		expect(readFailure('{"code":1}')?.code).toBe('job.failure.unexpected');
	});
});
