import { createRequire } from 'node:module';
import type CvNamespace from '@techstark/opencv-js';

export type Cv = typeof CvNamespace;

const require = createRequire(import.meta.url);
let boxPromise: Promise<{ cv: Cv }> | undefined;

/**
 * OpenCV (WebAssembly, techstark 4.12), loaded once per process (~200 ms, +70 MB).
 * The module object is thenable and resolves to itself: awaiting it, returning it from an async
 * function or resolving a promise with it spins forever. So it only ever travels inside a box:
 * `const { cv } = await loadCv()`.
 */
export function loadCv(): Promise<{ cv: Cv }> {
	if (!boxPromise) {
		boxPromise = new Promise<{ cv: Cv }>((resolve, reject) => {
			try {
				const mod = require('@techstark/opencv-js') as Cv & { onRuntimeInitialized?: () => void };
				if (typeof (mod as { Mat?: unknown }).Mat === 'function') resolve({ cv: mod });
				else mod.onRuntimeInitialized = () => resolve({ cv: mod });
			} catch (e) {
				reject(e);
			}
		});
	}
	return boxPromise;
}
