import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { AppError } from '../errors';
import { appendAudit } from '../audit/audit-log';
import { hashPassword, verifyPassword } from './password';
import { addressPolicy, LoginThrottle, usernamePolicy } from './login-throttle';
import { isUsernameShaped, usernameKey } from '../../auth/username';
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

/** The per-username policy, for tests and messages that quote it. */
export const throttle = usernamePolicy;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export class SessionService {
	constructor(
		private readonly db: Kysely<DB>,
		private readonly now: () => Date,
		private readonly sessionDays: number
	) {
		this.throttle = new LoginThrottle(db, now);
	}

	private readonly throttle: LoginThrottle;

	/**
	 * Checks the password; on success creates a new session (a fresh token every login).
	 * `clientAddress` (the HTTP client's) adds the per-address limit against password spraying;
	 * the command line has none.
	 */
	async login(
		username: string,
		password: string,
		clientAddress?: string
	): Promise<{ token: string; user: SessionUser; expires: Date }> {
		const key = usernameKey(username);
		const now = this.now();
		const addressKey = clientAddress ? LoginThrottle.addressKey(clientAddress) : null;
		if (addressKey) await this.throttle.assertOpen(addressKey, addressPolicy);
		// A name no user can have is not a throttle key: it could otherwise name another row.
		const userKey = isUsernameShaped(key) ? key : null;
		if (userKey) await this.throttle.assertOpen(userKey, usernamePolicy);
		const user = userKey
			? await this.db
					.selectFrom('app_user')
					.selectAll()
					.where('username', '=', userKey)
					.executeTakeFirst()
			: undefined;
		// Verify even for unknown users so response time does not reveal which usernames exist.
		const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), password);
		if (!user || !ok) {
			if (userKey) await this.throttle.recordFailure(userKey, usernamePolicy);
			if (addressKey) await this.throttle.recordFailure(addressKey, addressPolicy);
			throw new AppError(401, 'auth.invalid');
		}
		if (user.disabled) throw new AppError(403, 'auth.disabled');
		// A success clears the username's count, not the address's: one right password among a
		// spray of wrong ones must not reset the spray's count.
		await this.throttle.clear(user.username);

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
