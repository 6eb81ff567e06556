import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readExtract, readExtractBatches } from './extract-reader';

const dir = mkdtempSync(path.join(os.tmpdir(), 'sohoa-extract-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The reader takes the file in 1 MiB chunks. */
const CHUNK = 1 << 20;
const header = 'full_name,birth_date,mother_name\n';
const filler = (n: number) => `Lê Văn An,01/02/1990,Trần Thị Bình\n`.repeat(n);

async function rows(file: string) {
	const out = [];
	for await (const r of readExtract(file)) out.push(r);
	return out;
}

describe('readExtract (CSV)', () => {
	// A quoted field with an escaped quote, a delimiter and a line break inside, placed so that a
	// chunk boundary falls at each of its characters in turn: fields are sliced out of chunks, so
	// the parts before and after a boundary must be joined exactly once.
	const tricky = '"Phạm ""Út"", Thị\nHoa"';
	it.each(Array.from({ length: Buffer.byteLength(tricky) + 2 }, (_, k) => k))(
		'reads a quoted field across a chunk boundary at offset %i',
		async (k) => {
			const before = header + filler(1200);
			const pad = CHUNK - Buffer.byteLength(before) - ',1990,'.length - k;
			const last = `${'x'.repeat(pad)},1990,${tricky}\nHồ Văn Nam,1991,\n`;
			const file = path.join(dir, `boundary-${k}.csv`);
			writeFileSync(file, before + last);
			const read = await rows(file);
			expect(read).toHaveLength(1202);
			expect(read[1200]).toEqual({
				row: 1202,
				record: {
					full_name: 'x'.repeat(pad),
					birth_date: '1990',
					mother_name: 'Phạm "Út", Thị\nHoa'
				}
			});
			// The line break inside quotes counts as a line of the file.
			expect(read[1201]).toEqual({
				row: 1204,
				record: { full_name: 'Hồ Văn Nam', birth_date: '1991' }
			});
		}
	);

	it('yields the rows in batches whose concatenation is the row stream, CRLF lines included', async () => {
		const file = path.join(dir, 'batches.csv');
		writeFileSync(file, (header + filler(40_000)).replace(/\n/g, '\r\n'));
		let n = 0;
		let batches = 0;
		for await (const batch of readExtractBatches(file)) {
			batches++;
			for (const r of batch) {
				expect(r.row).toBe(n + 2);
				expect(r.record).toEqual({
					full_name: 'Lê Văn An',
					birth_date: '01/02/1990',
					mother_name: 'Trần Thị Bình'
				});
				n++;
			}
		}
		expect(n).toBe(40_000);
		expect(batches).toBeGreaterThan(1);
	});

	it('keeps a quote that does not open the field, and an empty quoted field', async () => {
		const file = path.join(dir, 'quotes.csv');
		writeFileSync(file, header + 'An "Bé",2001,""\n"",2002,x\n');
		expect(await rows(file)).toEqual([
			{ row: 2, record: { full_name: 'An "Bé"', birth_date: '2001' } },
			{ row: 3, record: { birth_date: '2002', mother_name: 'x' } }
		]);
	});
});
