import { readExtract } from './extract-reader';
import { ResidentIndexBuilder, type ResidentIndex } from '../../verify/reconcile/resident-index';

/**
 * An extract file streamed into a reconciliation index. A resident's id is the file's id column,
 * else the personal ID, else "row:N" (the line or row in the file).
 */
export async function loadIndexFromFile(
	file: string,
	onProgress?: (rows: number) => void
): Promise<{ index: ResidentIndex; skipped: number }> {
	const builder = new ResidentIndexBuilder();
	let skipped = 0;
	let n = 0;
	for await (const { row, record } of readExtract(file)) {
		const id = record.id ?? record.personal_id ?? `row:${row}`;
		if (!builder.add({ ...record, id, full_name: record.full_name ?? '' })) skipped++;
		if (onProgress && ++n % 100_000 === 0) onProgress(n);
	}
	return { index: builder.build(), skipped };
}
