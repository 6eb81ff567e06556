import { createRequire } from 'node:module';

// The typings of @techstark/opencv-js are large and loose; the few calls here are checked by tests.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Cv = any;

let ready: Promise<void> | undefined;

/** Runs `fn` with OpenCV once its wasm runtime is up. The module object is thenable and resolves
 * to itself, so it must never be awaited or returned from a promise (that spins forever): wait
 * for onRuntimeInitialized, resolve with no value, then use the object synchronously. */
export async function withCv<T>(fn: (cv: Cv) => T): Promise<T> {
	const require = createRequire(import.meta.url);
	const cv: Cv = require('@techstark/opencv-js');
	ready ??= new Promise<void>((resolve) => {
		if (typeof cv.Mat === 'function') resolve();
		else cv.onRuntimeInitialized = () => resolve();
	});
	await ready;
	return fn(cv);
}
