import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { issueMessages, messageFor } from './issue-messages';

const LIB = fileURLToPath(new URL('..', import.meta.url));
const PREFIXES = [
	'field',
	'date',
	'time',
	'sex',
	'ethnicity',
	'nationality',
	'personalId',
	'cmnd',
	'code',
	'number',
	'name',
	'so',
	'sequence'
];

// Every 'prefix.camelCase' string literal in the sources of the four modules is an issue code.
function emittedCodes(): Set<string> {
	const found = new Set<string>();
	const re = new RegExp(`'((?:${PREFIXES.join('|')})\\.[a-z][A-Za-z]+)'`, 'g');
	for (const dir of ['registers', 'dates', 'ids', 'text'])
		for (const f of readdirSync(join(LIB, dir)))
			if (f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'issue-messages.ts')
				for (const m of readFileSync(join(LIB, dir, f), 'utf8').matchAll(re)) found.add(m[1]!);
	return found;
}

describe('issue messages', () => {
	const codes = emittedCodes();
	it('finds the codes the modules emit', () => expect(codes.size).toBeGreaterThan(25));
	it.each([...codes])('%s has vi and en text', (code) => {
		expect(issueMessages[code]?.vi).toBeTruthy();
		expect(issueMessages[code]?.en).toBeTruthy();
	});
	it('uses the same placeholders in both languages', () => {
		for (const [code, m] of Object.entries(issueMessages)) {
			const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
			expect(ph(m.vi), code).toEqual(ph(m.en));
		}
	});
	it('has no message for a code nobody emits', () => {
		for (const code of Object.keys(issueMessages)) expect(codes, code).toContain(code);
	});
	it('fills params and translates sexes', () => {
		const issue = { code: 'personalId.sexMismatch', params: { idSex: 'male', sex: 'female' } };
		expect(messageFor(issue, 'vi')).toBe('Số định danh ghi giới tính nam, sổ ghi nữ.');
		expect(messageFor(issue, 'en')).toBe('The personal ID encodes male; the entry says female.');
		expect(messageFor({ code: 'sequence.gap', params: { from: 3, to: 4 } }, 'en')).toBe(
			'Numbers 3–4 are missing.'
		);
		expect(messageFor({ code: 'no.such' }, 'vi')).toBe('no.such');
	});
});
