import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { AppError } from '$lib/server/errors';
import { pageError } from '$lib/server/http';
import { t } from '$lib/i18n';
import { allowedActions } from '$lib/verify/entry-lifecycle';
import { changesSinceOcr } from '$lib/verify/blind-check';
import { fieldKeys, isRegisterType } from '$lib/registers';
import { queueNeighbours } from '$lib/workbench/queue-nav';
import { readForm } from '$lib/server/form';

// Whose turn an entry is: a clerk works the ones not yet submitted (and the second keyings they
// may do), an officer the submitted ones.
const SECOND_KEYING = 'second_keying';
const CLERK_STATES = new Set(['imported', 'prefilled', 'in_progress', 'returned', SECOND_KEYING]);
const OFFICER_STATES = new Set(['submitted']);

export const load: PageServerLoad = async ({ locals, params }) => {
	const user = locals.user!;
	const { entries, books, pages, review, doubleKeying } = locals.services;
	try {
		const entry = await entries.get(user, params.id);
		const reviewInfo = entry.state === 'submitted' ? await review.info(user, entry.id) : null;
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
				submittedBy: entry.submittedBy,
				unsettled: reviewInfo?.check?.state === 'pending',
				secondKeyingDue: entry.secondKeying === 'due',
				secondKeyer: entry.secondKeyer
			},
			{ id: user.id, role: user.role }
		);
		// The second keyer gets the scan and their own keying only: the entry's values (the first
		// keying, OCR's) are not in this page's data at all (`entries.get` withheld them, by the
		// lifecycle's one rule, `firstKeyingWithheld`, as the API's reads do).
		const keying = can.includes('key') ? await doubleKeying.keying(user, entry.id) : null;
		const known = isRegisterType(entry.type);
		// Blind re-keying: the officer who is to re-key sees neither the clerk's values of those
		// fields nor OCR's (they are left out of the page's data, not merely hidden).
		const blindDue = !!reviewInfo?.blindDue && can.includes('check');
		const blind = new Set(blindDue ? reviewInfo!.blindKeys : []);
		const fields = Object.fromEntries(
			Object.entries(entry.fields).map(([k, f]) => [
				k,
				blind.has(k) ? { ...f, value: '', ocrValue: null, normalizedOverride: null } : f
			])
		);
		const workable =
			user.role === 'officer' && entry.state === 'submitted' && !keying
				? OFFICER_STATES
				: CLERK_STATES;
		// A second keying the user may do is a stop of their queue; one still due to someone else is
		// nobody's turn yet (not the officer's: the review waits for both keyings).
		const stops = queue.map((q) =>
			q.keyable
				? { id: q.id, state: SECOND_KEYING }
				: q.secondKeyingDue
					? { id: q.id, state: 'awaiting_second_keying' }
					: q
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
				returnCode: entry.returnCode,
				returnCount: entry.returnCount,
				secondKeying: entry.secondKeying,
				fields: entry.fieldsWithheld ? {} : fields
			},
			keying,
			review: reviewInfo && {
				blindOn: reviewInfo.blindOn,
				blindKeys: reviewInfo.blindKeys,
				blindDue,
				check: reviewInfo.check,
				changes: blindDue ? [] : changesSinceOcr(fieldKeys(entry.type), entry.fields)
			},
			book: { id: book.id, bookNumber: book.bookNumber, year: book.year, unitName: book.unitName },
			page: page && { id: page.id, pageNo: page.pageNo, width: page.width, height: page.height },
			// The other entries' numbers, for "this number is already used / the one before is missing".
			otherNumbers: queue.filter((q) => q.id !== entry.id && q.so).map((q) => q.so!),
			nav: queueNeighbours(stops, entry.id, workable),
			// Segmentation fixes: the entry after this one on the same page is the one it can merge with.
			mergeWith:
				queue.find((q) => q.seq === entry.seq + 1 && page && q.pageNo === page.pageNo)?.id ?? null,
			can: {
				edit: can.includes('edit') && known,
				submit: can.includes('submit'),
				approve: can.includes('approve') && !blindDue,
				return: can.includes('return'),
				check: can.includes('check'),
				key: !!keying
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

const formVersion = (form: FormData) => Number(form.get('version'));

/** The form's fields named `prefix.<key>`, as a key → value map. */
function prefixed(form: FormData, prefix: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of form.entries()) {
		if (name.startsWith(prefix) && typeof value === 'string')
			out[name.slice(prefix.length)] = value;
	}
	return out;
}

// Saving and submitting go through the API (autosave); the officer's decisions are form actions
// calling the same service methods as `/api/v1/entries/:id/approve|return|blind|settle`.
export const actions: Actions = {
	approve: async ({ locals, params, request }) => {
		const form = await readForm(request, locals.lang);
		try {
			await locals.services.entries.approve(locals.user!, params.id, formVersion(form));
		} catch (e) {
			const r = refusal(e, locals.lang);
			return fail(r.status, { action: 'approve' as const, ...r });
		}
		return { action: 'approve' as const, done: t(locals.lang, 'entry.approved') };
	},
	return: async ({ locals, params, request }) => {
		const form = await readForm(request, locals.lang);
		const reasonCode = String(form.get('reasonCode') ?? 'other');
		const comment = String(form.get('comment') ?? '');
		try {
			await locals.services.entries.return(
				locals.user!,
				params.id,
				{ reasonCode, comment },
				formVersion(form)
			);
		} catch (e) {
			const r = refusal(e, locals.lang);
			return fail(r.status, { action: 'return' as const, ...r, reasonCode, comment });
		}
		return { action: 'return' as const, done: t(locals.lang, 'entry.returned') };
	},
	blind: async ({ locals, params, request }) => {
		const form = await readForm(request, locals.lang);
		try {
			const info = await locals.services.review.blindCheck(locals.user!, params.id, {
				version: formVersion(form),
				values: prefixed(form, 'blind.')
			});
			const n = info.check?.differences.length ?? 0;
			return {
				action: 'blind' as const,
				done: t(locals.lang, n ? 'review.blindDiffers' : 'review.blindAgrees', { n })
			};
		} catch (e) {
			const r = refusal(e, locals.lang);
			return fail(r.status, { action: 'blind' as const, ...r });
		}
	},
	settle: async ({ locals, params, request }) => {
		const form = await readForm(request, locals.lang);
		try {
			await locals.services.review.settle(locals.user!, params.id, {
				version: formVersion(form),
				chosen: prefixed(form, 'chosen.')
			});
		} catch (e) {
			const r = refusal(e, locals.lang);
			return fail(r.status, { action: 'settle' as const, ...r });
		}
		return { action: 'settle' as const, done: t(locals.lang, 'review.settled') };
	}
};
