import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema';
import type { PageReading } from '../../ocr/book-page';
import type { OcrCacheKey } from '../../ocr/result-cache';

const box = z.tuple([z.number(), z.number(), z.number(), z.number()]);
const pageReading: z.ZodType<PageReading> = z.union([
	z.object({
		entries: z.array(
			z.object({
				region: box,
				fields: z.record(
					z.string(),
					z.object({
						value: z.string(),
						confidence: z.number().nullable(),
						bbox: box.nullable(),
						issues: z.array(z.string())
					})
				)
			})
		)
	}),
	z.object({
		error: z.object({
			code: z.string(),
			params: z.record(z.string(), z.union([z.string(), z.number()])),
			message: z.string()
		})
	})
]);

/** What OCR read from each image with each template, so that no scan is read twice. */
export class OcrResultCache {
	constructor(
		private readonly db: Kysely<DB>,
		private readonly now: () => Date
	) {}

	/**
	 * The stored reading, or null. A row that does not parse as a reading counts as a miss and is
	 * removed, so the next `put` stores a good one in its place.
	 */
	async get(key: OcrCacheKey): Promise<PageReading | null> {
		const row = await this.db
			.selectFrom('ocr_result')
			.select('result_json')
			.where('cache_key', '=', key.key)
			.executeTakeFirst();
		if (!row) return null;
		const parsed = pageReading.safeParse(parseJson(row.result_json));
		if (parsed.success) return parsed.data;
		await this.db.deleteFrom('ocr_result').where('cache_key', '=', key.key).execute();
		return null;
	}

	/** Stores a reading; when the key is already there (another worker read the same scan), keeps that. */
	async put(key: OcrCacheKey, reading: PageReading): Promise<void> {
		await this.db
			.insertInto('ocr_result')
			.values({
				cache_key: key.key,
				image_hash: key.imageHash,
				template_id: key.templateId,
				template_version: key.templateVersion,
				engine_version: key.engineVersion,
				result_json: JSON.stringify(reading),
				created_at: this.now().toISOString()
			})
			.onConflict((oc) => oc.column('cache_key').doNothing())
			.execute();
	}
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}
