import { createHash } from 'node:crypto';
import type { PageReading } from './book-page';
import type { RegisterTemplate } from './templates';
import { OCR_ENGINE_VERSION } from './version';

/** What a cached reading depends on, and the key made of it. */
export interface OcrCacheKey {
	/** SHA-256 over the parts below. */
	key: string;
	/** Content hash of the scan (its blob hash). */
	imageHash: string;
	templateId: string;
	templateVersion: string;
	engineVersion: string;
}

/**
 * The cache key of reading an image with a template: a reading is the same for every page that
 * shows the image (see `PageReading`), until the template or the engine changes.
 */
export function ocrCacheKey(
	imageHash: string,
	template: RegisterTemplate,
	engineVersion: string = OCR_ENGINE_VERSION
): OcrCacheKey {
	const parts = {
		imageHash,
		templateId: template.id,
		templateVersion: templateVersion(template),
		engineVersion
	};
	// A JSON array keeps the parts apart: no id or version can run into its neighbour.
	const key = sha256(
		JSON.stringify([imageHash, parts.templateId, parts.templateVersion, engineVersion])
	);
	return { key, ...parts };
}

/**
 * A template's version for caching: a hash of its content. Its `version` field names the printed
 * edition, and boxes are tuned within an edition without bumping it; every tuning changes what
 * OCR reads.
 */
export function templateVersion(template: RegisterTemplate): string {
	return sha256(canonicalJson(template)).slice(0, 16);
}

// Refusals that follow from the image's bytes alone. The rest (`ocr.corruptImage`,
// `ocr.imageFailed`) are told apart by the wording of whatever was thrown, which may be a crashed
// OCR thread; they cost milliseconds to meet again, so they are not kept.
const IMAGE_ERRORS = new Set([
	'ocr.emptyFile',
	'ocr.unsupportedFormat',
	'ocr.tooManyPixels',
	'ocr.pdfEncrypted',
	'ocr.pdfCorrupt',
	'ocr.pdfEmpty',
	'ocr.pdfPageNoImage',
	'ocr.pdfImageUnsupported'
]);

/** Whether reading the same image again would surely give the same reading. */
export function isCacheable(reading: PageReading): boolean {
	return !('error' in reading) || IMAGE_ERRORS.has(reading.error.code);
}

function sha256(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}

/** JSON with object keys sorted: reordering a template file's keys is not a new version. */
function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const obj = value as Record<string, unknown>;
		const keys = Object.keys(obj)
			.filter((k) => obj[k] !== undefined)
			.sort();
		return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
	}
	return JSON.stringify(value);
}
