import { describe, expect, it } from 'vitest';
import { isCacheable, ocrCacheKey, templateVersion } from './result-cache';
import { listTemplates, loadTemplate, type RegisterTemplate } from './templates';
import { OCR_ENGINE_VERSION } from './version';

const image = 'a'.repeat(64);
const otherImage = 'b'.repeat(64);
const table = loadTemplate('birth-table-v1');
const clone = (t: RegisterTemplate): RegisterTemplate => structuredClone(t);

describe('ocrCacheKey', () => {
	it('keeps its parts beside a fixed-length key, under the current engine version', () => {
		const k = ocrCacheKey(image, table);
		expect(k).toEqual({
			key: expect.stringMatching(/^[0-9a-f]{64}$/),
			imageHash: image,
			templateId: 'birth-table-v1',
			templateVersion: templateVersion(table),
			engineVersion: OCR_ENGINE_VERSION
		});
	});

	it('is the same for the same image, template content and engine', () => {
		expect(ocrCacheKey(image, clone(table))).toEqual(ocrCacheKey(image, table));
		expect(ocrCacheKey(image, table, '7').key).toBe(ocrCacheKey(image, table, '7').key);
	});

	it.each<[string, () => string]>([
		['another image', () => ocrCacheKey(otherImage, table).key],
		['another template', () => ocrCacheKey(image, loadTemplate('death-table-v1')).key],
		['another engine version', () => ocrCacheKey(image, table, `${OCR_ENGINE_VERSION}+1`).key],
		[
			'a tuned box in the same edition',
			() => {
				const tuned = clone(table);
				tuned.fields[0]!.box[2] += 0.01;
				return ocrCacheKey(image, tuned).key;
			}
		],
		['a new edition number', () => ocrCacheKey(image, { ...table, version: table.version + 1 }).key]
	])('changes with %s', (_, key) => {
		expect(key()).not.toBe(ocrCacheKey(image, table).key);
	});
});

describe('templateVersion', () => {
	it('ignores the order of keys in the template file', () => {
		const reordered = Object.fromEntries(Object.entries(table).reverse()) as RegisterTemplate;
		expect(templateVersion(reordered)).toBe(templateVersion(table));
	});

	it('tells every shipped template apart', () => {
		const versions = listTemplates().map(templateVersion);
		expect(new Set(versions).size).toBe(versions.length);
		for (const v of versions) expect(v).toMatch(/^[0-9a-f]{16}$/);
	});
});

describe('isCacheable', () => {
	const error = (code: string) => ({ error: { code, params: {}, message: code } });

	it('keeps entries, an empty page, and refusals that follow from the bytes', () => {
		expect(isCacheable({ entries: [] })).toBe(true);
		expect(isCacheable({ entries: [{ region: [0, 0, 1, 1], fields: {} }] })).toBe(true);
		expect(isCacheable(error('ocr.unsupportedFormat'))).toBe(true);
		expect(isCacheable(error('ocr.pdfEncrypted'))).toBe(true);
	});

	it('does not keep failures worded by whatever was thrown', () => {
		expect(isCacheable(error('ocr.imageFailed'))).toBe(false);
		expect(isCacheable(error('ocr.corruptImage'))).toBe(false);
		expect(isCacheable(error('ocr.somethingNew'))).toBe(false);
	});
});
