import { messages, type MessageKey } from './messages';

export const languages = ['vi', 'en'] as const;
export type Lang = (typeof languages)[number];
export const defaultLang: Lang = 'vi';

export function isLang(v: unknown): v is Lang {
	return v === 'vi' || v === 'en';
}

export type Params = Record<string, string | number>;

/** Fills `{name}` placeholders; numbers are formatted the way each language writes them. */
export function format(template: string, lang: Lang, params: Params = {}): string {
	return template.replace(/\{(\w+)\}/g, (_, name: string) => {
		const v = params[name];
		if (v === undefined) return `{${name}}`;
		return typeof v === 'number' ? formatNumber(v, lang) : v;
	});
}

/** A size in megabytes as people read it: "100", or "0,5" for a limit under 1 MB. */
export function formatMegabytes(bytes: number, lang: Lang): string {
	const mb = bytes / 1024 ** 2;
	return formatNumber(mb, lang, Number.isInteger(mb) ? 0 : 1);
}

export function formatNumber(n: number, lang: Lang, digits = 0): string {
	return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
		maximumFractionDigits: digits,
		minimumFractionDigits: digits
	}).format(n);
}

export function hasMessage(key: string): key is MessageKey {
	return Object.hasOwn(messages, key);
}

/** Translate a UI key or a service/domain code; an unknown code shows itself rather than nothing. */
export function t(lang: Lang, key: string, params?: Params): string {
	if (!hasMessage(key)) return key;
	return format(messages[key][lang], lang, params);
}

export type Translate = (key: string, params?: Params) => string;
export const translator =
	(lang: Lang): Translate =>
	(key, params) =>
		t(lang, key, params);
