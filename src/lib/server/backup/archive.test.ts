import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar-stream';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { ArchiveFormatError, ArchiveWriter, hashFile, readArchive } from './archive';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-archive-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let n = 0;
const fresh = (name: string) => path.join(dir, `${n++}-${name}`);

async function write(file: string, members: [string, Buffer][]): Promise<void> {
	const tar = await ArchiveWriter.create(file);
	for (const [name, bytes] of members) {
		if (name.startsWith('file:')) {
			const source = fresh('source');
			fs.writeFileSync(source, bytes);
			await tar.addFile(name.slice(5), source, bytes.byteLength);
		} else await tar.add(name, bytes);
	}
	await tar.finish();
}

async function read(file: string): Promise<[string, string][]> {
	const out: [string, string][] = [];
	await readArchive(file, ({ name }) => {
		const chunks: Buffer[] = [];
		return {
			data: (c) => void chunks.push(Buffer.from(c)),
			end: () => void out.push([name, Buffer.concat(chunks).toString()])
		};
	});
	return out;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('backup archive (tar-stream)', () => {
	const big = Buffer.alloc(3 * (1 << 20) + 17, 'abc');
	const members: [string, Buffer][] = [
		['manifest.json', Buffer.from('{"a":1}')],
		['empty', Buffer.alloc(0)],
		['file:blobs/ab/cd/abcd', big]
	];
	const names = ['manifest.json', 'empty', 'blobs/ab/cd/abcd'];

	it('reads back what it writes, streamed in chunks, and GNU tar lists and extracts it', async () => {
		const file = fresh('a.tar');
		await write(file, members);
		const back = await read(file);
		expect(back.map(([name]) => name)).toEqual(names);
		expect(back[0]![1]).toBe('{"a":1}');
		expect(back[1]![1]).toBe('');
		expect(sha256(Buffer.from(back[2]![1]))).toBe(sha256(big));
		expect(execFileSync('tar', ['-tf', file], { encoding: 'utf8' }).trim().split('\n')).toEqual(
			names
		);
		const out = fresh('extracted');
		fs.mkdirSync(out);
		execFileSync('tar', ['-xf', file, '-C', out]);
		expect(sha256(fs.readFileSync(path.join(out, 'blobs/ab/cd/abcd')))).toBe(sha256(big));
		expect(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).toBe('{"a":1}');
	});

	it('refuses a file that shrinks or grows while it is copied', async () => {
		const source = fresh('source');
		fs.writeFileSync(source, 'twelve bytes');
		for (const size of [20, 5]) {
			const file = fresh('changed.tar');
			const tar = await ArchiveWriter.create(file);
			const e = await tar.addFile('blobs/x', source, size).catch((x: unknown) => x);
			expect(e).toBeInstanceOf(AppError);
			expect((e as AppError).code).toBe('backup.sourceChanged');
			await tar.abort();
		}
	});

	it('hashes a file as a stream', async () => {
		const file = fresh('h');
		fs.writeFileSync(file, big);
		expect(await hashFile(file)).toEqual({ sha256: sha256(big), bytes: big.byteLength });
	});

	it('refuses a truncated archive, a damaged header and a file that is not tar', async () => {
		const file = fresh('c.tar');
		await write(file, members);
		const bytes = fs.readFileSync(file);
		const cases: [string, Buffer, 'truncated' | 'damaged'][] = [
			['cut inside a member', bytes.subarray(0, 1200), 'truncated'],
			['cut between members', bytes.subarray(0, 1024), 'truncated'],
			['no end-of-archive blocks', bytes.subarray(0, bytes.length - 1024), 'truncated'],
			['empty', Buffer.alloc(0), 'truncated'],
			['a name byte changed', Buffer.concat([Buffer.from('X'), bytes.subarray(1)]), 'damaged'],
			['not tar', Buffer.alloc(2048, 7), 'damaged'],
			['text', Buffer.from('manifest.json\n'.repeat(100)), 'damaged']
		];
		for (const [what, content, kind] of cases) {
			const copy = fresh('bad.tar');
			fs.writeFileSync(copy, content);
			const e = await read(copy).catch((x: unknown) => x);
			expect(e, what).toBeInstanceOf(ArchiveFormatError);
			expect((e as ArchiveFormatError).kind, what).toBe(kind);
		}
	});

	it('refuses members that are not regular files (a folder made by GNU tar)', async () => {
		const src = fresh('tree');
		fs.mkdirSync(path.join(src, 'files'), { recursive: true });
		fs.writeFileSync(path.join(src, 'files', 'x'), 'x');
		const file = fresh('gnu.tar');
		execFileSync('tar', ['-cf', file, '-C', src, 'files']);
		const e = await read(file).catch((x: unknown) => x);
		expect(e).toBeInstanceOf(ArchiveFormatError);
		expect((e as ArchiveFormatError).kind).toBe('damaged');
	});

	it('passes on what a sink throws, and stops reading there', async () => {
		const file = fresh('d.tar');
		await write(file, members);
		const mine = new AppError(422, 'restore.corrupt', { file, part: 'manifest.json' });
		const seen: string[] = [];
		const e = await readArchive(file, ({ name }) => {
			seen.push(name);
			return {
				data: () => {},
				end: () => {
					throw mine;
				}
			};
		}).catch((x: unknown) => x);
		expect(e).toBe(mine);
		expect(seen).toEqual(['manifest.json']);
	});

	it('writes and reads sizes past 8 GiB (GNU base-256) without the content', async () => {
		const size = 8 * 1024 ** 3 + 1;
		const pack = tar.pack();
		pack.entry({ name: 'blobs/huge', size });
		const header = await new Promise<Buffer>((resolve) =>
			pack.once('data', (chunk) => resolve(chunk as Buffer))
		);
		pack.destroy();
		expect(header[124]).toBe(0x80);
		const extract = tar.extract();
		const seen = new Promise<number>((resolve) => extract.once('entry', (h) => resolve(h.size)));
		extract.write(header.subarray(0, 512));
		expect(await seen).toBe(size);
		extract.destroy();
	});
});
