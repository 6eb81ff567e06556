import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { AppError } from '$lib/server/errors';
import { pageError } from '$lib/server/http';
import { t } from '$lib/i18n';
import { allowedActions } from '$lib/verify/entry-lifecycle';
import { layoutFields, type FieldDef } from './field-layout';
import { getRegisterSchema, isRegisterType } from '$lib/registers';

const FIELD = 'field:';

export const load: PageServerLoad = async ({ locals, params }) => {
	const user = locals.user!;
	const { entries, books, pages } = locals.services;
	try {
		const entry = await entries.get(user, params.id);
		const book = await books.get(user, entry.book);
		const page = entry.pageId ? await pages.get(user, entry.pageId) : null;
		const schema: readonly FieldDef[] | null = isRegisterType(entry.type)
			? getRegisterSchema(entry.type)
			: null;
		// For showing buttons only: the service decides again when the button is pressed.
		const can = allowedActions(
			{
				state: entry.state,
				transcribedBy: entry.transcribedBy,
				lastEditedBy: entry.lastEditedBy,
				submittedBy: entry.submittedBy
			},
			{ id: user.id, role: user.role }
		);
		return {
			entry: {
				id: entry.id,
				state: entry.state,
				version: entry.version,
				type: entry.type,
				seq: entry.seq,
				region: entry.region,
				returnReason: entry.returnReason,
				so: entry.fields.so?.value || null
			},
			book: { id: book.id, bookNumber: book.bookNumber, year: book.year, unitName: book.unitName },
			page: page && { id: page.id, pageNo: page.pageNo, width: page.width, height: page.height },
			hasSchema: schema !== null,
			groups: layoutFields(schema, entry.fields),
			can: {
				edit: can.includes('edit') && schema !== null,
				submit: can.includes('submit'),
				approve: can.includes('approve'),
				return: can.includes('return')
			}
		};
	} catch (e) {
		pageError(e, locals.lang);
	}
};

/** What the user typed, by field key: sent back on every refusal so nothing is lost. */
function readDraft(form: FormData): Record<string, string> {
	const draft: Record<string, string> = {};
	for (const [name, value] of form) {
		if (name.startsWith(FIELD) && typeof value === 'string')
			draft[name.slice(FIELD.length)] = value.normalize('NFC');
	}
	return draft;
}

function refusal(e: unknown, lang: App.Locals['lang']) {
	if (!(e instanceof AppError)) throw e;
	return { status: e.status, code: e.code, message: t(lang, e.code, e.params) };
}

/**
 * Saves the fields that differ from the stored entry, at the version the user started from. A
 * stale version comes back as a conflict carrying both versions; the user's draft is kept.
 */
async function saveDraft(event: RequestEvent, form: FormData) {
	const { locals, params } = event;
	const user = locals.user!;
	const draft = readDraft(form);
	const version = Number(form.get('version'));
	const current = await locals.services.entries.get(user, params.id);
	const changed = Object.fromEntries(
		Object.entries(draft).filter(([k, v]) => v !== (current.fields[k]?.value ?? ''))
	);
	if (Object.keys(changed).length === 0 && version === current.version) {
		return { ok: true as const, version, draft, changed: 0 };
	}
	try {
		const saved = await locals.services.entries.update(user, params.id, {
			version,
			fields: changed
		});
		return {
			ok: true as const,
			version: saved.version,
			draft,
			changed: Object.keys(changed).length
		};
	} catch (e) {
		const r = refusal(e, locals.lang);
		if (r.code !== 'entry.staleVersion') return { ok: false as const, ...r, draft };
		const theirs = Object.fromEntries(
			Object.keys(draft).map((k) => [k, current.fields[k]?.value ?? ''])
		);
		// Keys where the user's draft and the stored version disagree: the ones to look at.
		const differing = Object.keys(draft).filter((k) => draft[k] !== theirs[k]);
		return {
			ok: false as const,
			...r,
			draft,
			conflict: { version: current.version, theirs, differing }
		};
	}
}

export const actions: Actions = {
	save: async (event) => {
		const form = await event.request.formData();
		const r = await saveDraft(event, form);
		if (!r.ok) return fail(r.status, { action: 'save' as const, ...r });
		return {
			action: 'save' as const,
			done: t(event.locals.lang, 'entry.saved', { version: r.version })
		};
	},
	submit: async (event) => {
		const { locals, params } = event;
		const form = await event.request.formData();
		const r = await saveDraft(event, form);
		if (!r.ok) return fail(r.status, { action: 'submit' as const, ...r });
		try {
			await locals.services.entries.submit(locals.user!, params.id, r.version);
		} catch (e) {
			// The edits are saved; only the submission was refused.
			const s = refusal(e, locals.lang);
			return fail(s.status, { action: 'submit' as const, ...s, draft: r.draft });
		}
		return { action: 'submit' as const, done: t(locals.lang, 'entry.submitted') };
	},
	approve: async ({ locals, params, request }) => {
		const form = await request.formData();
		try {
			await locals.services.entries.approve(locals.user!, params.id, Number(form.get('version')));
		} catch (e) {
			const r = refusal(e, locals.lang);
			return fail(r.status, { action: 'approve' as const, ...r });
		}
		return { action: 'approve' as const, done: t(locals.lang, 'entry.approved') };
	},
	return: async ({ locals, params, request }) => {
		const form = await request.formData();
		const reason = String(form.get('reason') ?? '');
		try {
			await locals.services.entries.return(
				locals.user!,
				params.id,
				reason,
				Number(form.get('version'))
			);
		} catch (e) {
			const r = refusal(e, locals.lang);
			return fail(r.status, { action: 'return' as const, ...r, reason });
		}
		return { action: 'return' as const, done: t(locals.lang, 'entry.returned') };
	}
};
