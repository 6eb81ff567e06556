import { describe, expect, it } from 'vitest';
import { messages } from './messages';
import { hasMessage, t } from './index';
import { getRegisterSchema, registerTypeIds } from '../registers/schemas';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const entries = Object.entries(messages) as [string, Record<string, unknown>][];

describe('messages', () => {
	it('has messages', () => {
		expect(entries.length).toBeGreaterThan(20);
	});

	it.each(entries)('%s has vi and en, non-empty, with the same placeholders', (_, m) => {
		expect(Object.keys(m).sort()).toEqual(['en', 'vi']);
		expect(typeof m.vi).toBe('string');
		expect(typeof m.en).toBe('string');
		const vi = m.vi as string;
		const en = m.en as string;
		expect(vi.trim()).not.toBe('');
		expect(en.trim()).not.toBe('');
		expect(placeholders(vi)).toEqual(placeholders(en));
	});

	it('fills placeholders and formats numbers per language', () => {
		expect(t('vi', 'auth.throttled', { minutes: 15 })).toBe(
			'Đăng nhập sai quá nhiều lần. Thử lại sau 15 phút.'
		);
		expect(t('en', 'unit.unknown', { code: '99999' })).toBe(
			'No administrative unit has code "99999".'
		);
		expect(t('en', 'no.such.key')).toBe('no.such.key');
	});
});

describe('form groups', () => {
	it('every group a register schema uses has a title in both languages', () => {
		for (const type of registerTypeIds)
			for (const def of getRegisterSchema(type))
				expect(hasMessage(`group.${def.group}`), `group.${def.group} (${type})`).toBe(true);
	});
});
