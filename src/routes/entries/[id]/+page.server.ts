import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { AppError } from '$lib/server/errors';
import { pageError } from '$lib/server/http';
import { t } from '$lib/i18n';
import { allowedActions } from '$lib/verify/entry-lifecycle';
import { isRegisterType } from '$lib/registers';
import { queueNeighbours } from '$lib/workbench/queue-nav';

// Whose turn an entry is: a clerk works the ones not yet submitted, an officer the submitted ones.
const CLERK_STATES = new Set(['imported', 'prefilled', 'in_progress', 'returned']);
const OFFICER_STATES = new Set(['submitted']);

export const load: PageServerLoad = async ({ locals, params }) => {
	const user = locals.user!;
	const { entries, books, pages } = locals.services;
	try {
		const entry = await entries.get(user, params.id);
		const [book, page, queue] = await Promise.all([
			books.get(user, entry.book),
			entry.pageId ? pages.get(user, entry.pageId) : null,
			books.queue(user, entry.book)
		]);
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
		const known = isRegisterType(entry.type);
		const workable =
			user.role === 'officer' && entry.state === 'submitted' ? OFFICER_STATES : CLERK_STATES;
		return {
			entry: {
				id: entry.id,
				state: entry.state,
				version: entry.version,
				type: entry.type,
				seq: entry.seq,
				region: entry.region,
				returnReason: entry.returnReason,
				fields: entry.fields
			},
			book: { id: book.id, bookNumber: book.bookNumber, year: book.year, unitName: book.unitName },
			page: page && { id: page.id, pageNo: page.pageNo, width: page.width, height: page.height },
			// The other entries' numbers, for "this number is already used / the one before is missing".
			otherNumbers: queue.filter((q) => q.id !== entry.id && q.so).map((q) => q.so!),
			nav: queueNeighbours(queue, entry.id, workable),
			// Segmentation fixes: the entry after this one on the same page is the one it can merge with.
			mergeWith:
				queue.find((q) => q.seq === entry.seq + 1 && page && q.pageNo === page.pageNo)?.id ?? null,
			can: {
				edit: can.includes('edit') && known,
				submit: can.includes('submit'),
				approve: can.includes('approve'),
				return: can.includes('return')
			}
		};
	} catch (e) {
		pageError(e, locals.lang);
	}
};

function refusal(e: unknown, lang: App.Locals['lang']) {
	if (!(e instanceof AppError)) throw e;
	return { status: e.status, code: e.code, message: t(lang, e.code, e.params) };
}

// Saving and submitting go through the API (autosave); the officer's decisions stay form actions.
export const actions: Actions = {
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
