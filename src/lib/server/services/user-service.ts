import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { appendAudit } from '../audit/audit-log';
import { AppError } from '../errors';
import { hashPassword } from '../auth/password';
import { isRole, type Role } from '../../auth/roles';
import type { UnitService } from './unit-service';

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

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/;

export class UserService {
	constructor(
		private readonly db: Kysely<DB>,
		private readonly units: UnitService,
		private readonly now: () => Date
	) {}

	/** Creates a user; every rule is checked before anything is written. */
	async add(input: NewUser, actorId: string | null): Promise<UserSummary> {
		const username = input.username.trim().toLowerCase();
		if (!USERNAME.test(username))
			throw new AppError(422, 'user.badUsername', { username: input.username });
		if (!isRole(input.role)) throw new AppError(422, 'user.badRole', { role: input.role });
		if (input.units.length === 0) throw new AppError(422, 'user.noUnit');
		for (const code of input.units) {
			if (!(await this.units.get(code))) throw new AppError(422, 'unit.unknown', { code });
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

	async setDisabled(id: string, disabled: boolean, actorId: string | null): Promise<void> {
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

	async list(): Promise<UserSummary[]> {
		const users = await this.db
			.selectFrom('app_user')
			.selectAll()
			.orderBy('role')
			.orderBy('username')
			.execute();
		const links = await this.db.selectFrom('user_unit').selectAll().execute();
		return users.map((u) => ({
			id: u.id,
			username: u.username,
			displayName: u.display_name,
			role: u.role,
			disabled: u.disabled === 1,
			units: links.filter((l) => l.user_id === u.id).map((l) => l.unit_code)
		}));
	}

	async count(): Promise<number> {
		const r = await this.db
			.selectFrom('app_user')
			.select(this.db.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		return Number(r.n);
	}
}
