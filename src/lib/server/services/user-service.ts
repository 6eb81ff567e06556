import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { appendAudit } from '../audit/audit-log';
import { AppError } from '../errors';
import { hashPassword } from '../auth/password';
import { isRole, type Role } from '../../auth/roles';
import type { UnitService } from './unit-service';
import type { SessionUser } from '../auth/session-service';
import { isUsernameShaped, usernameKey } from '../../auth/username';

export interface NewUser {
	username: string;
	displayName?: string;
	role: string;
	units: string[];
	password: string;
	locale?: 'vi' | 'en';
}

export interface UserSummary {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	disabled: boolean;
	units: string[];
}

export class UserService {
	constructor(
		private readonly db: Kysely<DB>,
		private readonly units: UnitService,
		private readonly now: () => Date
	) {}

	/**
	 * Creates a user; every rule is checked before anything is written. An administrator may only
	 * place users in units of their own subtree; `null` is the command line (the machine's operator).
	 */
	async add(input: NewUser, actor: SessionUser | null): Promise<UserSummary> {
		const actorId = actor?.id ?? null;
		const username = usernameKey(input.username);
		if (!isUsernameShaped(username))
			throw new AppError(422, 'user.badUsername', { username: input.username });
		if (!isRole(input.role)) throw new AppError(422, 'user.badRole', { role: input.role });
		if (input.units.length === 0) throw new AppError(422, 'user.noUnit');
		for (const code of input.units) {
			if (!(await this.units.get(code))) throw new AppError(422, 'unit.unknown', { code });
		}
		if (actor) {
			const mine = await this.units.subtree(actor.units);
			const outside = input.units.find((code) => !mine.has(code));
			if (outside) throw new AppError(403, 'user.unitOutsideScope', { code: outside });
		}
		if (input.password.length < 10) throw new AppError(422, 'user.weakPassword', { min: 10 });
		const taken = await this.db
			.selectFrom('app_user')
			.select('id')
			.where('username', '=', username)
			.executeTakeFirst();
		if (taken) throw new AppError(409, 'user.exists', { username });

		const id = randomUUID();
		const at = this.now().toISOString();
		const passwordHash = await hashPassword(input.password);
		await this.db.transaction().execute(async (trx) => {
			await trx
				.insertInto('app_user')
				.values({
					id,
					username,
					display_name: input.displayName?.trim() || username,
					role: input.role as Role,
					password_hash: passwordHash,
					disabled: 0,
					locale: input.locale ?? 'vi',
					created_at: at
				})
				.execute();
			await trx
				.insertInto('user_unit')
				.values(input.units.map((unit_code) => ({ user_id: id, unit_code })))
				.execute();
			await appendAudit(trx, {
				actorId,
				action: 'user.add',
				subjectType: 'user',
				subjectId: id,
				data: { username, role: input.role, units: input.units },
				at
			});
		});
		return {
			id,
			username,
			displayName: input.displayName?.trim() || username,
			role: input.role,
			disabled: false,
			units: input.units
		};
	}

	/** Disables (ending their sessions) or re-enables a user of the actor's subtree; never oneself. */
	async setDisabled(id: string, disabled: boolean, actor: SessionUser | null): Promise<void> {
		const actorId = actor?.id ?? null;
		if (actor && id === actor.id) throw new AppError(409, 'user.selfDisable');
		if (actor && !(await this.list(actor)).some((u) => u.id === id))
			throw new AppError(404, 'http.notFound', { what: 'user' });
		const at = this.now().toISOString();
		await this.db.transaction().execute(async (trx) => {
			const res = await trx
				.updateTable('app_user')
				.set({ disabled: disabled ? 1 : 0 })
				.where('id', '=', id)
				.executeTakeFirst();
			if (Number(res.numUpdatedRows) !== 1)
				throw new AppError(404, 'http.notFound', { what: 'user' });
			if (disabled) await trx.deleteFrom('session').where('user_id', '=', id).execute();
			await appendAudit(trx, {
				actorId,
				action: disabled ? 'user.disable' : 'user.enable',
				subjectType: 'user',
				subjectId: id,
				data: {},
				at
			});
		});
	}

	/** Users with a unit in the actor's subtree (all users for the command line). */
	async list(actor: SessionUser | null = null): Promise<UserSummary[]> {
		const users = await this.db
			.selectFrom('app_user')
			.selectAll()
			.orderBy('role')
			.orderBy('username')
			.execute();
		const links = await this.db.selectFrom('user_unit').selectAll().execute();
		const visible = actor ? await this.units.subtree(actor.units) : null;
		const all = users.map((u) => ({
			id: u.id,
			username: u.username,
			displayName: u.display_name,
			role: u.role,
			disabled: u.disabled === 1,
			units: links.filter((l) => l.user_id === u.id).map((l) => l.unit_code)
		}));
		return visible ? all.filter((u) => u.units.some((c) => visible.has(c))) : all;
	}

	async count(): Promise<number> {
		const r = await this.db
			.selectFrom('app_user')
			.select(this.db.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		return Number(r.n);
	}
}
