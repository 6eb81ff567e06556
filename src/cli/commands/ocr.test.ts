import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../../../tests/integration/cli-harness';
import { ocrCommand } from './ocr';

const here = path.dirname(fileURLToPath(import.meta.url));
const scans = path.join(here, '../../../tests/fixtures/real-scans');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'sohoa-ocr-cli-'));

describe('sohoa ocr', () => {
	it.each([
		[[]],
		[['x.png']],
		[['x.png', '--json', '--bogus']],
		[['x.png', '--json', '--type', 'Birth!']]
	])('bad arguments %j → exit 2, nothing on stdout', async (argv) => {
		const c = captureIo();
		expect(await ocrCommand(argv, c.io)).toBe(2);
		expect(c.out()).toBe('');
		expect(c.err()).toMatch(/^sohoa ocr: /);
	});

	it('one JSON line per file in input order; a bad file gets an error line and exit 1', async () => {
		const bad = path.join(tmp, 'bad.png');
		writeFileSync(bad, 'nope');
		const good = path.join(scans, 'vietsample1.tif');
		const c = captureIo();
		const code = await ocrCommand([good, bad, good, '--json'], c.io);
		expect(code).toBe(1);
		const lines = c
			.out()
			.trimEnd()
			.split('\n')
			.map((l) => JSON.parse(l));
		expect(lines.map((l) => l.file)).toEqual([good, bad, good]);
		expect(lines[0].pages).toHaveLength(2);
		expect(lines[0].pages[0].text).toContain('Quang Dũng');
		expect(lines[1]).toMatchObject({ pages: [], error: { code: 'ocr.unsupportedFormat' } });
		expect(c.err()).toContain(`${bad}: not a PNG`);
	});
});
