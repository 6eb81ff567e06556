import { z } from 'zod';
import { AppError } from '../errors';
import { isDay } from '../../stats/days';

/** Inputs of the supervisors' pages and API: unknown or malformed values are refused with 422. */
const day = z.string().refine(isDay, { message: 'a day as YYYY-MM-DD' });
const unitCode = z.string().regex(/^\d{1,10}$/, 'a unit code');

export const statsQuery = z.strictObject({
	unit: unitCode.optional(),
	from: day.optional(),
	to: day.optional()
});

export const reportQuery = z.strictObject({
	unit: unitCode.optional(),
	day: day.optional()
});

export const drawAuditBody = z.strictObject({
	bookId: z.string().min(1).max(100),
	randomSize: z.number().int().min(1).max(2000),
	riskSize: z.number().int().min(0).max(2000).default(0),
	threshold: z.number().min(0).max(1),
	hold: z.boolean().default(false),
	seed: z.string().min(1).max(100).optional()
});

export const expectedForm = z.strictObject({
	bookId: z.string().min(1).max(100),
	expected: z.number().int().min(0).max(10_000_000)
});

export const checkItemBody = z.strictObject({
	result: z.enum(['ok', 'error']),
	note: z.string().max(2000).nullable().optional()
});

/** The query string as a plain object (empty values dropped), checked against a schema. */
export function parseQuery<T>(params: URLSearchParams, schema: z.ZodType<T>): T {
	const raw: Record<string, string> = {};
	for (const [k, v] of params) if (v !== '') raw[k] = v;
	const parsed = schema.safeParse(raw);
	if (!parsed.success) {
		const detail = parsed.error.issues
			.slice(0, 5)
			.map((i) => `${i.path.join('.') || '(query)'}: ${i.message}`)
			.join('; ');
		throw new AppError(422, 'http.badRequest', { detail });
	}
	return parsed.data;
}
