import { ZodError } from 'zod';
import { AppError } from '../errors';
import { BlobNotFoundError } from '../storage/blob-store';
import { storageError } from '../storage/data-dir';

/**
 * Why a job attempt failed, as a message code and parameters the admin's pages translate: never
 * an error's text or stack, which can quote a person's name or a database row. This is what
 * `job.error` holds (as JSON); the worker's log gets only the error's kind.
 */
export interface JobFailure {
	code: string;
	params: Record<string, string | number>;
}

/** A worker's lease ran out too often: it died (or hung) before finishing the job. */
export const workerStopped: JobFailure = { code: 'job.failure.workerStopped', params: {} };

/** Classifies what a handler threw. */
export function jobFailure(e: unknown): JobFailure {
	// A refusal a service decided on already is a message code with safe parameters.
	if (e instanceof AppError) return { code: e.code, params: e.params };
	if (e instanceof BlobNotFoundError)
		return { code: 'job.failure.blobMissing', params: { blob: e.hash.slice(0, 12) } };
	const storage = storageError(e, 'DATA_DIR');
	if (storage) return { code: storage.code, params: storage.params };
	if (e instanceof ZodError) return { code: 'job.failure.badPayload', params: {} };
	const kind = e instanceof Error ? e.name : typeof e;
	return { code: 'job.failure.unexpected', params: { kind } };
}

export const encodeFailure = (f: JobFailure): string => JSON.stringify(f);

/**
 * A stored `job.error` back as a failure. Rows written before failures were coded hold free
 * text: shown as an unexpected error, never quoted.
 */
export function readFailure(stored: string | null): JobFailure | null {
	if (stored === null) return null;
	try {
		const v = JSON.parse(stored) as unknown;
		if (isFailure(v)) return v;
	} catch {
		// free text from before: below
	}
	if (stored === 'worker stopped before finishing') return workerStopped;
	return { code: 'job.failure.unexpected', params: { kind: 'Error' } };
}

function isFailure(v: unknown): v is JobFailure {
	if (typeof v !== 'object' || v === null) return false;
	const { code, params } = v as Record<string, unknown>;
	return (
		typeof code === 'string' &&
		typeof params === 'object' &&
		params !== null &&
		Object.values(params).every((p) => typeof p === 'string' || typeof p === 'number')
	);
}
