import { z } from 'zod';

/** `POST /api/v1/entries/:id/candidates`: the form's live values (entry field keys). */
export const candidatesBody = z.strictObject({
	fields: z
		.record(z.string().max(64), z.string().max(500))
		.refine((f) => Object.keys(f).length <= 200, { message: 'too many fields' })
		.optional(),
	top: z.number().int().min(1).max(20).optional()
});

/** `PUT /api/v1/entries/:id/reconciliation`. */
export const reconciliationBody = z.strictObject({
	decision: z.enum(['linked', 'absent', 'undecided']),
	residentId: z.string().min(1).max(100).nullish()
});
