import type { SessionUser } from '../auth/session-service';
import type { UnitService } from './unit-service';
import { AppError } from '../errors';
import type { LifecycleRefusal } from '../../verify/entry-lifecycle';

/**
 * Unit scope: a user sees the subtrees of the units they belong to. Services ask here, and
 * answer "not found" for anything outside it (DESIGN.md: 404 for what the user may not see).
 */
export class Access {
	constructor(private readonly units: UnitService) {}

	visibleUnits(user: SessionUser): Promise<Set<string>> {
		return this.units.subtree(user.units);
	}

	/** A unit and everything below it. */
	unitsUnder(code: string): Promise<Set<string>> {
		return this.units.subtree([code]);
	}

	async assertVisible(user: SessionUser, unitCode: string, what: string): Promise<void> {
		if (!(await this.visibleUnits(user)).has(unitCode)) {
			throw new AppError(404, 'http.notFound', { what });
		}
	}
}

/** The one mapping from a lifecycle refusal to an HTTP status. */
export function lifecycleError(code: LifecycleRefusal, params: Record<string, string>): AppError {
	// A conflict with the entry as it is now (its state, a disputed reading, where its second keying
	// stands) is 409; the rest is about the actor (role, own work) and is 403.
	const conflict = code !== 'entry.roleForbidden' && code !== 'entry.ownWork';
	return new AppError(conflict ? 409 : 403, code, params);
}
