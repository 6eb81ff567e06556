import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTar, TarFormatError, TarWriter } from './tar';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-tar-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function write(file: string, members: [string, Buffer][], takeBack?: string) {
	const fh = await fs.promises.open(file, 'w');
	const tar = new TarWriter(fh);
	for (const [name, bytes] of members) {
		const start = tar.position;
		await tar.add(name, bytes);
		if (name === takeBack) await tar.rewind(start);
	}
	await tar.finish();
	await fh.close();
}

async function read(file: string): Promise<[string, string][]> {
	const out: [string, string][] = [];
	const fh = await fs.promises.open(file, 'r');
	try {
		await readTar(fh, ({ name }) => {
			const chunks: Buffer[] = [];
			return {
				data: (c) => void chunks.push(Buffer.from(c)),
				end: () => void out.push([name, Buffer.concat(chunks).toString()])
			};
		});
	} finally {
		await fh.close();
	}
	return out;
}

describe('tar', () => {
	const members: [string, Buffer][] = [
		['manifest.json', Buffer.from('{"a":1}')],
		['empty', Buffer.alloc(0)],
		['blobs/ab/cd/abcd', Buffer.from('x'.repeat(1000))]
	];

	it('reads back what it writes, and GNU tar reads it too', async () => {
		const file = path.join(dir, 'a.tar');
		await write(file, members);
		expect(await read(file)).toEqual(members.map(([n, b]) => [n, b.toString()]));
		expect(execFileSync('tar', ['-tf', file], { encoding: 'utf8' }).trim().split('\n')).toEqual(
			members.map(([n]) => n)
		);
		expect(execFileSync('tar', ['-xOf', file, 'manifest.json'], { encoding: 'utf8' })).toBe(
			'{"a":1}'
		);
	});

	it('takes a member back', async () => {
		const file = path.join(dir, 'b.tar');
		await write(file, members, 'empty');
		expect((await read(file)).map(([n]) => n)).toEqual(['manifest.json', 'blobs/ab/cd/abcd']);
	});

	it('refuses a truncated archive, a damaged header and a file that is not tar', async () => {
		const file = path.join(dir, 'c.tar');
		await write(file, members);
		const bytes = fs.readFileSync(file);
		const cases: [string, Buffer, 'truncated' | 'damaged'][] = [
			['cut inside a member', bytes.subarray(0, 1200), 'truncated'],
			['no end-of-archive blocks', bytes.subarray(0, bytes.length - 1024), 'truncated'],
			['empty', Buffer.alloc(0), 'truncated'],
			['a name byte changed', Buffer.concat([Buffer.from('X'), bytes.subarray(1)]), 'damaged'],
			['not tar', Buffer.alloc(2048, 7), 'damaged']
		];
		for (const [what, content, kind] of cases) {
			fs.writeFileSync(file, content);
			const e = await read(file).catch((x: unknown) => x);
			expect(e, what).toBeInstanceOf(TarFormatError);
			expect((e as TarFormatError).kind, what).toBe(kind);
		}
	});
});
