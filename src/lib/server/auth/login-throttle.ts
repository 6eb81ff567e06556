import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { AppError } from '../errors';

export interface ThrottlePolicy {
	maxFailures: number;
	windowMs: number;
	lockMs: number;
	/** The refusal's message key once locked. */
	code: string;
}

/** Guessing one account's password: a handful of tries, then that username waits. */
export const usernamePolicy: ThrottlePolicy = {
	maxFailures: 5,
	windowMs: 15 * 60_000,
	lockMs: 15 * 60_000,
	code: 'auth.throttled'
};

/**
 * Password spraying: a few guesses at each of many usernames stays under the per-username limit,
 * so failures are also counted per client address. The limit is high because a commune office's
 * clerks share one address behind its router; 50 failures in 15 minutes is not a morning's typos.
 */
export const addressPolicy: ThrottlePolicy = {
	maxFailures: 50,
	windowMs: 15 * 60_000,
	lockMs: 15 * 60_000,
	code: 'auth.throttledAddress'
};

/**
 * Failed log-in counters in `login_throttle`, one row per key. A username key is the username
 * itself (usernames never contain ':'); an address key is `addr:` + the address, so nothing a
 * user types as a username can name, and lock, an address.
 */
export class LoginThrottle {
	constructor(
		private readonly db: Kysely<DB>,
		private readonly now: () => Date
	) {}

	static addressKey = (address: string): string => `addr:${address}`;

	/** Refuses (429) while the key is locked. */
	async assertOpen(key: string, policy: ThrottlePolicy): Promise<void> {
		const now = this.now();
		const t = await this.row(key);
		if (t?.locked_until && new Date(t.locked_until) > now) {
			throw new AppError(429, policy.code, {
				minutes: Math.ceil((new Date(t.locked_until).getTime() - now.getTime()) / 60_000)
			});
		}
	}

	async recordFailure(key: string, policy: ThrottlePolicy): Promise<void> {
		const now = this.now();
		const t = await this.row(key);
		const windowOpen =
			t && now.getTime() - new Date(t.first_failure_at).getTime() < policy.windowMs;
		const failures = windowOpen ? t.failures + 1 : 1;
		const values = {
			failures,
			first_failure_at: windowOpen ? t.first_failure_at : now.toISOString(),
			locked_until:
				failures >= policy.maxFailures
					? new Date(now.getTime() + policy.lockMs).toISOString()
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

	async clear(key: string): Promise<void> {
		await this.db.deleteFrom('login_throttle').where('username', '=', key).execute();
	}

	private row(key: string) {
		return this.db
			.selectFrom('login_throttle')
			.selectAll()
			.where('username', '=', key)
			.executeTakeFirst();
	}
}
