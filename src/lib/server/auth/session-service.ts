import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { AppError } from '../errors';
import { appendAudit } from '../audit/audit-log';
import { hashPassword, verifyPassword } from './password';
import type { Role } from '../../auth/roles';

export interface SessionUser {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	locale: 'vi' | 'en';
	/** The units the user belongs to; they see these units' subtrees. */
	units: string[];
}

export const throttle = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export class SessionService {
	constructor(
		private readonly db: Kysely<DB>,
		private readonly now: () => Date,
		private readonly sessionDays: number
	) {}

	/** Checks the password; on success creates a new session (a fresh token every login). */
	async login(
		username: string,
		password: string
	): Promise<{ token: string; user: SessionUser; expires: Date }> {
		const key = username.trim().toLowerCase();
		const now = this.now();
		const t = await this.db
			.selectFrom('login_throttle')
			.selectAll()
			.where('username', '=', key)
			.executeTakeFirst();
		if (t?.locked_until && new Date(t.locked_until) > now) {
			throw new AppError(429, 'auth.throttled', {
				minutes: Math.ceil((new Date(t.locked_until).getTime() - now.getTime()) / 60_000)
			});
		}
		const user = await this.db
			.selectFrom('app_user')
			.selectAll()
			.where('username', '=', key)
			.executeTakeFirst();
		// Verify even for unknown users so response time does not reveal which usernames exist.
		const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), password);
		if (!user || !ok) {
			await this.recordFailure(key, now);
			throw new AppError(401, 'auth.invalid');
		}
		if (user.disabled) throw new AppError(403, 'auth.disabled');
		await this.db.deleteFrom('login_throttle').where('username', '=', key).execute();

		const token = randomBytes(32).toString('base64url');
		const expires = new Date(now.getTime() + this.sessionDays * 86_400_000);
		await this.db.transaction().execute(async (trx) => {
			await trx
				.insertInto('session')
				.values({
					token_hash: sha256(token),
					user_id: user.id,
					created_at: now.toISOString(),
					expires_at: expires.toISOString()
				})
				.execute();
			await appendAudit(trx, {
				actorId: user.id,
				action: 'session.login',
				subjectType: 'user',
				subjectId: user.id,
				data: {},
				at: now.toISOString()
			});
		});
		return { token, user: await this.toSessionUser(user.id), expires };
	}

	/** The user behind a token, sliding the expiry forward; null when unknown, expired or disabled. */
	async userForToken(token: string): Promise<{ user: SessionUser; expires: Date } | null> {
		const hash = sha256(token);
		const now = this.now();
		const row = await this.db
			.selectFrom('session')
			.innerJoin('app_user', 'app_user.id', 'session.user_id')
			.select(['session.expires_at', 'app_user.id', 'app_user.disabled'])
			.where('session.token_hash', '=', hash)
			.executeTakeFirst();
		if (!row) return null;
		if (new Date(row.expires_at) <= now || row.disabled) {
			await this.db.deleteFrom('session').where('token_hash', '=', hash).execute();
			return null;
		}
		let expires = new Date(row.expires_at);
		// Slide at most once an hour, not on every request.
		const renewed = new Date(now.getTime() + this.sessionDays * 86_400_000);
		if (renewed.getTime() - expires.getTime() > 3_600_000) {
			expires = renewed;
			await this.db
				.updateTable('session')
				.set({ expires_at: expires.toISOString() })
				.where('token_hash', '=', hash)
				.execute();
		}
		return { user: await this.toSessionUser(row.id), expires };
	}

	async logout(token: string): Promise<void> {
		await this.db.deleteFrom('session').where('token_hash', '=', sha256(token)).execute();
	}

	private async recordFailure(key: string, now: Date): Promise<void> {
		const t = await this.db
			.selectFrom('login_throttle')
			.selectAll()
			.where('username', '=', key)
			.executeTakeFirst();
		const windowOpen =
			t && now.getTime() - new Date(t.first_failure_at).getTime() < throttle.windowMs;
		const failures = windowOpen ? t.failures + 1 : 1;
		const values = {
			failures,
			first_failure_at: windowOpen ? t.first_failure_at : now.toISOString(),
			locked_until:
				failures >= throttle.maxFailures
					? new Date(now.getTime() + throttle.lockMs).toISOString()
					: null
		};
		if (t)
			await this.db.updateTable('login_throttle').set(values).where('username', '=', key).execute();
		else
			await this.db
				.insertInto('login_throttle')
				.values({ username: key, ...values })
				.execute();
	}

	private async toSessionUser(id: string): Promise<SessionUser> {
		const u = await this.db
			.selectFrom('app_user')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		const units = await this.db
			.selectFrom('user_unit')
			.select('unit_code')
			.where('user_id', '=', id)
			.execute();
		return {
			id: u.id,
			username: u.username,
			displayName: u.display_name,
			role: u.role,
			locale: u.locale,
			units: units.map((r) => r.unit_code)
		};
	}
}

// Unknown users are checked against a throw-away hash so they cost the same time as known ones.
let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashPassword(randomBytes(16).toString('hex')));
