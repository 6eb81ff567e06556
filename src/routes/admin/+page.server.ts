import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { AppError } from '$lib/server/errors';
import { generatePassword } from '$lib/server/auth/password';
import { t } from '$lib/i18n';
import { roles } from '$lib/auth/roles';
import { readForm } from '$lib/server/form';

export const load: PageServerLoad = async ({ locals }) => {
	const { users, units } = locals.services;
	const all = await units.list();
	const names = new Map(all.map((u) => [u.code, u.name]));
	const list = await users.list(locals.user!);
	return {
		me: locals.user!.id,
		roles,
		users: list.map((u) => ({
			...u,
			unitNames: u.units.map((c) => `${names.get(c) ?? c} (${c})`)
		})),
		failedJobs: (await locals.services.failedJobs.list(locals.user!)).length,
		unitCounts: {
			provinces: all.filter((u) => u.level === 'province').length,
			districts: all.filter((u) => u.level === 'district').length,
			communes: all.filter((u) => u.level === 'commune').length
		}
	};
};

/** A service refusal as the form's translated message; anything else is a bug and propagates. */
function refusal(e: unknown, lang: App.Locals['lang']): { status: number; message: string } {
	if (e instanceof AppError) return { status: e.status, message: t(lang, e.code, e.params) };
	throw e;
}

export const actions: Actions = {
	add: async ({ request, locals }) => {
		const form = await readForm(request, locals.lang);
		const input = {
			username: String(form.get('username') ?? ''),
			displayName: String(form.get('displayName') ?? ''),
			role: String(form.get('role') ?? ''),
			units: String(form.get('units') ?? '')
				.split(/[\s,;]+/)
				.filter(Boolean)
		};
		// Generated here and shown once: an admin never invents (or reuses) a password.
		const password = generatePassword();
		try {
			const user = await locals.services.users.add({ ...input, password }, locals.user!);
			return { added: { username: user.username, password } };
		} catch (e) {
			const { status, message } = refusal(e, locals.lang);
			const values = { ...input, units: input.units.join(', ') };
			return fail(status, { action: 'add' as const, message, values });
		}
	},
	setDisabled: async ({ request, locals }) => {
		const form = await readForm(request, locals.lang);
		const id = String(form.get('id') ?? '');
		const disabled = form.get('disabled') === '1';
		try {
			await locals.services.users.setDisabled(id, disabled, locals.user!);
			const user = (await locals.services.users.list(locals.user!)).find((u) => u.id === id);
			return {
				toggled: t(locals.lang, disabled ? 'admin.disabledDone' : 'admin.enabledDone', {
					username: user?.username ?? id
				})
			};
		} catch (e) {
			const { status, message } = refusal(e, locals.lang);
			return fail(status, { action: 'setDisabled' as const, message });
		}
	}
};
