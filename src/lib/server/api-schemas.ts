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
/** `{reason}` (DESIGN.md: free text, the code `other`) or `{reasonCode, comment}`. */
export const returnBody = z.union([
	z.strictObject({
		reason: z.string().min(1).max(2000),
		version: z.number().int().nonnegative().optional()
	}),
	z.strictObject({
		reasonCode: z.string().min(1).max(64),
		comment: z.string().max(2000).optional(),
		version: z.number().int().nonnegative().optional()
	})
]);

const readings = z
	.record(z.string().max(64), z.string().max(2000))
	.refine((r) => Object.keys(r).length <= 50, { message: 'too many fields' });

/** The officer's blind readings of the critical fields, at the version under review. */
export const blindBody = z.strictObject({
	version: z.number().int().nonnegative(),
	values: readings
});
/** The value chosen for each difference of the blind re-keying. */
export const settleBody = z.strictObject({
	version: z.number().int().nonnegative(),
	chosen: readings
});

/**
 * A second keying so far (double keying): every field of the register type may be in it, so the
 * bound is the largest register's field count with room, not the blind re-keying's handful.
 */
/** A book's review switches (`PATCH /api/v1/books/:id`): one or both, nothing else. */
export const bookSwitchesBody = z
	.strictObject({ doubleKeying: z.boolean().optional(), blindRekey: z.boolean().optional() })
	.refine((b) => b.doubleKeying !== undefined || b.blindRekey !== undefined, {
		message: 'nothing to change: send doubleKeying and/or blindRekey (true or false)'
	});

export const keyingBody = z.strictObject({
	version: z.number().int().nonnegative(),
	values: z
		.record(z.string().max(64), z.string().max(2000))
		.refine((r) => Object.keys(r).length <= 200, { message: 'too many fields' })
});

/** [x0, y0, x1, y1] in page pixels; the service checks it against the page. */
const pageBox = z.tuple([z.number(), z.number(), z.number(), z.number()]);
const version = z.number().int().nonnegative();

export const regionBody = z.strictObject({ version, region: pageBox });
export const fieldBoxBody = z.strictObject({ version, bbox: pageBox });
export const splitBody = z.strictObject({ version, y: z.number() });
export const mergeBody = z.strictObject({
	version,
	with: z.string().min(1).max(100),
	/** The second entry's version as the client saw it; checked when given. */
	withVersion: version.optional()
});
