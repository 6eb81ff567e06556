import { z } from 'zod';

/** Input shapes of the `/api/v1` bodies: unknown keys are refused, not ignored. */
export const loginBody = z.strictObject({
	username: z.string().min(1).max(100),
	password: z.string().min(1).max(1000)
});

const fieldValue = z.string().max(2000);
export const fieldInput = z.union([
	fieldValue,
	z.strictObject({
		value: fieldValue.optional(),
		normalized: fieldValue.nullable().optional(),
		flag: z.enum(['illegible', 'blank']).nullable().optional()
	})
]);

export const patchEntryBody = z.strictObject({
	version: z.number().int().nonnegative(),
	fields: z.record(z.string().max(64), fieldInput).refine((f) => Object.keys(f).length <= 200, {
		message: 'too many fields'
	})
});

export const transitionBody = z.strictObject({
	version: z.number().int().nonnegative().optional()
});
export const returnBody = z.strictObject({
	reason: z.string().min(1).max(2000),
	version: z.number().int().nonnegative().optional()
});
