import { expect, it } from 'vitest';
import { forEachDatabase } from './databases';
import { addUser, TAN_LAP } from './fixtures';
import { AppError } from '../../src/lib/server/errors';
import { throttle } from '../../src/lib/server/auth/session-service';
import { addressPolicy } from '../../src/lib/server/auth/login-throttle';

async function refusal(p: Promise<unknown>): Promise<AppError> {
	const e = await p.then(
		() => null,
		(err: unknown) => err
	);
	expect(e, 'expected a refusal').toBeInstanceOf(AppError);
	return e as AppError;
}

forEachDatabase('sessions', (t) => {
	it('logs in with the right password and finds the user by token', async () => {
		const u = await addUser(t.services, 'clerk', TAN_LAP);
		const { token, user } = await t.services.sessions.login(u.username, u.password);
		expect(user).toMatchObject({ id: u.id, role: 'clerk', units: [TAN_LAP] });
		const found = await t.services.sessions.userForToken(token);
		expect(found?.user.id).toBe(u.id);
		// Only the hash is stored: the token itself appears nowhere in the session table.
		const rows = await t.services.database.db.selectFrom('session').selectAll().execute();
		expect(rows.some((r) => r.token_hash === token)).toBe(false);
	});

	it('refuses a wrong password and an unknown user alike (401 auth.invalid)', async () => {
		const u = await addUser(t.services, 'clerk', TAN_LAP);
		const wrong = await refusal(t.services.sessions.login(u.username, u.password + 'x'));
		expect([wrong.status, wrong.code]).toEqual([401, 'auth.invalid']);
		const unknown = await refusal(t.services.sessions.login('nobody.here', u.password));
		expect([unknown.status, unknown.code]).toEqual([401, 'auth.invalid']);
	});

	it('refuses a disabled user and ends their open sessions', async () => {
		const u = await addUser(t.services, 'officer', TAN_LAP);
		const { token } = await t.services.sessions.login(u.username, u.password);
		await t.services.users.setDisabled(u.id, true, null);
		expect(await t.services.sessions.userForToken(token)).toBeNull();
		const e = await refusal(t.services.sessions.login(u.username, u.password));
		expect([e.status, e.code]).toEqual([403, 'auth.disabled']);
	});

	it('refuses a session past its expiry (injected clock) and deletes it', async () => {
		const u = await addUser(t.services, 'supervisor', TAN_LAP);
		const { token, expires } = await t.services.sessions.login(u.username, u.password);
		try {
			t.clock.advance(expires.getTime() - Date.now() + 1000);
			expect(await t.services.sessions.userForToken(token)).toBeNull();
		} finally {
			t.clock.reset();
		}
		expect(await t.services.sessions.userForToken(token)).toBeNull();
	});

	it('slides the expiry on use, and still expires after sessionDays without use', async () => {
		const u = await addUser(t.services, 'clerk', TAN_LAP);
		const { token, expires } = await t.services.sessions.login(u.username, u.password);
		try {
			t.clock.advance(expires.getTime() - Date.now() - 60_000);
			expect(await t.services.sessions.userForToken(token)).not.toBeNull();
			// That use slid the expiry; jump well past the slid one.
			t.clock.advance(8 * 86_400_000);
			expect(await t.services.sessions.userForToken(token)).toBeNull();
			// And it is gone for good, not just refused once.
			t.clock.reset();
			expect(await t.services.sessions.userForToken(token)).toBeNull();
		} finally {
			t.clock.reset();
		}
	});

	it(`locks a username after ${throttle.maxFailures} failures, even for the right password`, async () => {
		const u = await addUser(t.services, 'clerk', TAN_LAP);
		for (let i = 0; i < throttle.maxFailures; i++) {
			const e = await refusal(t.services.sessions.login(u.username, 'wrong-password-' + i));
			expect(e.code).toBe('auth.invalid');
		}
		const locked = await refusal(t.services.sessions.login(u.username, u.password));
		expect([locked.status, locked.code]).toEqual([429, 'auth.throttled']);
		try {
			t.clock.advance(throttle.lockMs + 1000);
			const ok = await t.services.sessions.login(u.username, u.password);
			expect(ok.user.id).toBe(u.id);
		} finally {
			t.clock.reset();
		}
	});

	it('resets the failure count after a successful login', async () => {
		const u = await addUser(t.services, 'clerk', TAN_LAP);
		for (let i = 0; i < throttle.maxFailures - 1; i++) {
			await refusal(t.services.sessions.login(u.username, 'nope-' + i));
		}
		await t.services.sessions.login(u.username, u.password);
		for (let i = 0; i < throttle.maxFailures - 1; i++) {
			const e = await refusal(t.services.sessions.login(u.username, 'nope-again-' + i));
			expect(e.code).toBe('auth.invalid');
		}
		// Four fresh failures after the reset are below the limit: the right password still works.
		const ok = await t.services.sessions.login(u.username, u.password);
		expect(ok.user.id).toBe(u.id);
	});

	it(`locks an address after ${addressPolicy.maxFailures} failures spread over many usernames (password spraying)`, async () => {
		const sprayer = '203.0.113.7';
		const victim = await addUser(t.services, 'clerk', TAN_LAP);
		// A few guesses at the victim, one at each of many other names: every username stays under
		// its own limit.
		for (let i = 0; i < addressPolicy.maxFailures; i++) {
			const name = i < throttle.maxFailures - 1 ? victim.username : `khong.co.${i}`;
			const e = await refusal(t.services.sessions.login(name, `Matkhau${i}!`, sprayer));
			expect(e.code).toBe('auth.invalid');
		}
		const locked = await refusal(
			t.services.sessions.login(victim.username, victim.password, sprayer)
		);
		expect([locked.status, locked.code]).toEqual([429, 'auth.throttledAddress']);
		// The office next door (another address) and the command line (no address) are not locked out,
		// and the victim's own count was cleared by their successful log-in there.
		const other = await t.services.sessions.login(victim.username, victim.password, '198.51.100.2');
		expect(other.user.id).toBe(victim.id);
		expect((await t.services.sessions.login(victim.username, victim.password)).user.id).toBe(
			victim.id
		);
		try {
			t.clock.advance(addressPolicy.lockMs + 1000);
			const later = await t.services.sessions.login(victim.username, victim.password, sprayer);
			expect(later.user.id).toBe(victim.id);
		} finally {
			t.clock.reset();
		}
	});

	it('a typed username can never name, and so lock, an address', async () => {
		const u = await addUser(t.services, 'clerk', TAN_LAP);
		const address = '192.0.2.44';
		for (let i = 0; i < throttle.maxFailures + 1; i++) {
			const e = await refusal(t.services.sessions.login(`addr:${address}`, 'x', '192.0.2.99'));
			expect(e.code).toBe('auth.invalid');
		}
		expect((await t.services.sessions.login(u.username, u.password, address)).user.id).toBe(u.id);
	});

	it('issues a fresh token at every login (no session fixation)', async () => {
		const u = await addUser(t.services, 'officer', TAN_LAP);
		const a = await t.services.sessions.login(u.username, u.password);
		const b = await t.services.sessions.login(u.username, u.password);
		expect(a.token).not.toBe(b.token);
		expect(a.token.length).toBeGreaterThanOrEqual(40);
		expect((await t.services.sessions.userForToken(b.token))?.user.id).toBe(u.id);
	});

	it('logs out: the token no longer finds anyone, other sessions stay', async () => {
		const u = await addUser(t.services, 'clerk', TAN_LAP);
		const a = await t.services.sessions.login(u.username, u.password);
		const b = await t.services.sessions.login(u.username, u.password);
		await t.services.sessions.logout(a.token);
		expect(await t.services.sessions.userForToken(a.token)).toBeNull();
		expect((await t.services.sessions.userForToken(b.token))?.user.id).toBe(u.id);
	});
});
