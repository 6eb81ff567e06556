import { error } from '@sveltejs/kit';
import { t, type Lang } from '$lib/i18n';

/**
 * The one way form actions read their body. A NUL character is never typed by a person: in a text
 * field or a file name it is an attack or a broken client, and PostgreSQL would refuse to store it
 * (SQLite would store it and cut the text short in C code), so it is refused here, with nothing
 * written, as JSON bodies are refused by `readJson`.
 */
export async function readForm(request: Request, lang: Lang): Promise<FormData> {
	const form = await request.formData();
	for (const [name, value] of form.entries()) {
		const text = typeof value === 'string' ? value : value.name;
		if (name.includes('\u0000') || text.includes('\u0000'))
			error(400, { message: t(lang, 'http.nulCharacter'), code: 'http.nulCharacter' });
	}
	return form;
}
