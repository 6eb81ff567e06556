import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readForm } from './form';

const routesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../routes');

function serverFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
		const p = path.join(dir, d.name);
		if (d.isDirectory()) return serverFiles(p);
		return /\.(server\.)?ts$/.test(d.name) ? [p] : [];
	});
}

const formPost = (body: string) =>
	new Request('http://localhost/x', {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body
	});

describe('readForm', () => {
	it('returns the fields of a clean form', async () => {
		const form = await readForm(formPost('username=canbo.a&note=H%E1%BB%93+s%C6%A1'), 'vi');
		expect(form.get('note')).toBe('Hồ sơ');
	});

	it('refuses a NUL in a value or a field name with 400 http.nulCharacter', async () => {
		for (const body of ['username=a%00b', 'a%00b=1']) {
			const e = await readForm(formPost(body), 'en').then(
				() => null,
				(err: unknown) => err as { status: number; body: { code: string; message: string } }
			);
			expect(e?.status, body).toBe(400);
			expect(e?.body.code).toBe('http.nulCharacter');
			expect(e?.body.message).toContain('NUL');
		}
	});

	it('is the only way routes read a form body', () => {
		const direct = serverFiles(routesDir).filter((f) =>
			fs.readFileSync(f, 'utf8').includes('request.formData()')
		);
		expect(direct.map((f) => path.relative(routesDir, f))).toEqual([]);
	});
});
