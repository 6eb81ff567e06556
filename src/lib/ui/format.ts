import { formatNumber, t, type Lang } from '../i18n/index';

/** A rate in [0,1] as the language writes a percentage ("94,8%" in Vietnamese). */
export function percent(rate: number, lang: Lang, digits = 1): string {
	return t(lang, 'common.percent', { value: formatNumber(rate * 100, lang, digits) });
}

/** A moment as local date and time, the way each language writes it. */
export function dateTime(iso: string, lang: Lang): string {
	return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
		dateStyle: 'short',
		timeStyle: 'short',
		timeZone: 'Asia/Ho_Chi_Minh'
	}).format(new Date(iso));
}

/** A register type's name, or its code when the UI has no name for it yet. */
export function registerTypeName(type: string, lang: Lang): string {
	const key = `registerType.${type}`;
	const name = t(lang, key);
	return name === key ? type : name;
}
