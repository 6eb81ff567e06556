import type { Role } from '../auth/roles';

/**
 * Who may open which route: the one table that every page load, form action and `/api/v1`
 * endpoint passes through (hooks.server.ts). A route missing here answers 404 to everyone, and a
 * test fails when a route file exists without an entry. Unit scope and entry rules are checked
 * by the services on top of this.
 */
export type RoutePolicy = { public: true } | { roles: readonly Role[] };

const everyone: readonly Role[] = ['clerk', 'officer', 'supervisor', 'admin'];

export const routePolicies: Record<string, RoutePolicy> = {
	'/login': { public: true },
	'/logout': { roles: everyone },
	'/': { roles: everyone },
	'/books': { roles: ['clerk', 'officer', 'supervisor', 'admin'] },
	'/books/[id]': { roles: ['clerk', 'officer', 'supervisor', 'admin'] },
	// Who may export is the lifecycle's rule (officers, admins); the service checks it again.
	'/books/[id]/export': { roles: ['officer', 'admin'] },
	'/books/[id]/export/[kind]': { roles: ['officer', 'admin'] },
	'/entries/[id]': { roles: ['clerk', 'officer', 'supervisor'] },
	'/pages/[id]/image': { roles: ['clerk', 'officer', 'supervisor'] },
	// An entry's audit trail: whoever may open the entry.
	'/entries/[id]/history': { roles: ['clerk', 'officer', 'supervisor'] },
	'/review': { roles: ['officer'] },
	// Reads scans in the browser, so only for roles that may open page images.
	'/tools/region-ocr': { roles: ['clerk', 'officer', 'supervisor'] },
	// tesseract.js's files (no personal data), for the region OCR above.
	'/ocr-assets/[...file]': { roles: everyone },
	'/dashboard': { roles: ['supervisor', 'admin'] },
	'/dashboard/report': { roles: ['supervisor', 'admin'] },
	'/dashboard/report/xlsx': { roles: ['supervisor', 'admin'] },
	// A sampling audit is re-checked by a third person: an officer or a supervisor of the unit.
	'/dashboard/audits/[id]': { roles: ['officer', 'supervisor', 'admin'] },
	'/admin': { roles: ['admin'] },
	'/admin/residents': { roles: ['admin'] },
	// Failed background jobs and their retry (also posted from a book's page): admins only.
	'/admin/jobs': { roles: ['admin'] },
	'/lang': { public: true },
	'/api/v1/session': { public: true },
	'/api/v1/entries': { roles: everyone },
	'/api/v1/entries/[id]': { roles: everyone },
	'/api/v1/entries/[id]/submit': { roles: ['clerk', 'officer'] },
	'/api/v1/entries/[id]/approve': { roles: ['officer'] },
	'/api/v1/entries/[id]/return': { roles: ['officer'] },
	// Blind re-keying and settling: the officer's review (the lifecycle's `check` rule).
	'/api/v1/entries/[id]/review': { roles: ['officer', 'supervisor'] },
	'/api/v1/entries/[id]/blind': { roles: ['officer'] },
	'/api/v1/entries/[id]/settle': { roles: ['officer'] },
	// Double keying: the second keying, by whoever may key (the lifecycle's `key` rule).
	'/api/v1/entries/[id]/keying': { roles: ['clerk', 'officer'] },
	'/api/v1/entries/[id]/keying/submit': { roles: ['clerk', 'officer'] },
	'/api/v1/entries/[id]/history': { roles: ['clerk', 'officer', 'supervisor'] },
	'/api/v1/entries/[id]/candidates': { roles: ['clerk', 'officer', 'supervisor'] },
	// Deciding is part of transcription: supervisors follow, they do not decide.
	'/api/v1/entries/[id]/reconciliation': { roles: ['clerk', 'officer'] },
	// Segmentation fixes are edits: the lifecycle's edit rule decides per entry.
	'/api/v1/entries/[id]/region': { roles: ['clerk', 'officer'] },
	'/api/v1/entries/[id]/split': { roles: ['clerk', 'officer'] },
	'/api/v1/entries/[id]/merge': { roles: ['clerk', 'officer'] },
	'/api/v1/entries/[id]/fields/[key]/bbox': { roles: ['clerk', 'officer'] },
	'/api/v1/books/[id]': { roles: ['supervisor', 'admin'] },
	'/api/v1/stats': { roles: ['supervisor', 'admin'] },
	'/api/v1/audits': { roles: ['supervisor'] },
	'/api/v1/audits/[id]': { roles: ['officer', 'supervisor', 'admin'] },
	'/api/v1/audits/[id]/items/[entryId]': { roles: ['officer', 'supervisor'] }
};

export type AuthzOutcome = 'allow' | 'login' | 'forbidden' | 'unknown';

export function authorizeRoute(routeId: string | null, role: Role | null): AuthzOutcome {
	if (routeId === null) return 'unknown';
	const policy = routePolicies[routeId];
	if (!policy) return 'unknown';
	if ('public' in policy) return 'allow';
	if (!role) return 'login';
	return policy.roles.includes(role) ? 'allow' : 'forbidden';
}
