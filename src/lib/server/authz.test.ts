import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { authorizeRoute, routePolicies } from './authz';
import { roles, type Role } from '../auth/roles';

const routesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../routes');
const routeFiles = new Set(['+page.svelte', '+page.server.ts', '+page.ts', '+server.ts']);

/** Every route id under src/routes, as SvelteKit names it (groups kept, as in `event.route.id`). */
function routeIds(dir = routesDir, ids = new Set<string>()): Set<string> {
	const entries = fs.readdirSync(dir, { withFileTypes: true });
	if (entries.some((e) => e.isFile() && routeFiles.has(e.name))) {
		const rel = path.relative(routesDir, dir).split(path.sep).filter(Boolean).join('/');
		ids.add('/' + rel);
	}
	for (const e of entries) if (e.isDirectory()) routeIds(path.join(dir, e.name), ids);
	return ids;
}

describe('route policies', () => {
	const ids = routeIds();

	it('finds the routes', () => {
		expect(ids.has('/login')).toBe(true);
		expect(ids.has('/api/v1/entries/[id]')).toBe(true);
	});

	it('has a policy for every route in src/routes', () => {
		const missing = [...ids].filter((id) => !(id in routePolicies));
		expect(missing, 'routes without an entry in routePolicies').toEqual([]);
	});

	it('names no route that does not exist', () => {
		const stale = Object.keys(routePolicies).filter((id) => !ids.has(id));
		expect(stale, 'policies for routes that do not exist').toEqual([]);
	});
});

describe('authorizeRoute', () => {
	const table: [string | null, Role | null, ReturnType<typeof authorizeRoute>][] = [
		['/login', null, 'allow'],
		['/api/v1/session', null, 'allow'],
		['/', null, 'login'],
		['/books', null, 'login'],
		['/api/v1/entries/[id]', null, 'login'],
		['/books', 'clerk', 'allow'],
		['/review', 'officer', 'allow'],
		['/review', 'clerk', 'forbidden'],
		['/review', 'supervisor', 'forbidden'],
		['/dashboard', 'supervisor', 'allow'],
		['/dashboard', 'clerk', 'forbidden'],
		['/admin', 'admin', 'allow'],
		['/admin', 'officer', 'forbidden'],
		['/admin', 'supervisor', 'forbidden'],
		['/entries/[id]', 'admin', 'forbidden'],
		['/api/v1/entries/[id]/approve', 'officer', 'allow'],
		['/api/v1/entries/[id]/approve', 'clerk', 'forbidden'],
		['/api/v1/entries/[id]/approve', 'supervisor', 'forbidden'],
		['/api/v1/entries/[id]/approve', 'admin', 'forbidden'],
		['/api/v1/entries/[id]/submit', 'supervisor', 'forbidden'],
		['/api/v1/entries/[id]/return', 'clerk', 'forbidden'],
		['/no/such/route', 'admin', 'unknown'],
		[null, 'admin', 'unknown'],
		[null, null, 'unknown']
	];
	it.each(table)('%s as %s → %s', (route, role, outcome) => {
		expect(authorizeRoute(route, role)).toBe(outcome);
	});

	it('sends every signed-out visitor of a non-public route to log in', () => {
		for (const [id, policy] of Object.entries(routePolicies)) {
			expect(authorizeRoute(id, null)).toBe('public' in policy ? 'allow' : 'login');
		}
	});

	it('lets every role reach its home and log out', () => {
		for (const role of roles) {
			expect(authorizeRoute('/', role)).toBe('allow');
			expect(authorizeRoute('/logout', role)).toBe('allow');
		}
	});
});
