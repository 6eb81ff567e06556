/**
 * The people and the book the approval suites share (four-eyes, double keying, the book switches):
 * created once per database before the suite's tests, with the reads those suites make of the
 * audit log. `people` is filled by the suite's beforeAll, so read it inside tests.
 */
import { beforeAll } from 'vitest';
import type { DatabaseContext } from './databases';
import { addUser, BUON_MA_THUOT, createBook, DAK_LAK, TAN_LAP, type TestUser } from './fixtures';

export interface ApprovalPeople {
	/** Clerks of the commune: the first keyer, and two who may key second. */
	clerk: TestUser;
	clerk2: TestUser;
	clerk3: TestUser;
	officer: TestUser;
	officer2: TestUser;
	/** The province's supervisor and admin; a supervisor of another commune (sees none of it). */
	supervisor: TestUser;
	supervisorBmt: TestUser;
	admin: TestUser;
	/** A book of the commune (blind re-keying on, double keying off, as created). */
	book: { id: string; unit: string };
}

export function approvalFixture(t: DatabaseContext) {
	const people = {} as ApprovalPeople;
	beforeAll(async () => {
		const s = t.services;
		Object.assign(people, {
			clerk: await addUser(s, 'clerk', TAN_LAP),
			clerk2: await addUser(s, 'clerk', TAN_LAP),
			clerk3: await addUser(s, 'clerk', TAN_LAP),
			officer: await addUser(s, 'officer', TAN_LAP),
			officer2: await addUser(s, 'officer', TAN_LAP),
			supervisor: await addUser(s, 'supervisor', DAK_LAK),
			supervisorBmt: await addUser(s, 'supervisor', BUON_MA_THUOT),
			admin: await addUser(s, 'admin', DAK_LAK),
			book: await createBook(s.database.db, TAN_LAP)
		} satisfies ApprovalPeople);
	});
	const db = () => t.services.database.db;
	/** The audit rows of one action about a subject, oldest first: actor and parsed data. */
	const auditOf = async (subject: string, action: string) =>
		(
			await db()
				.selectFrom('audit_log')
				.selectAll()
				.where('subject_id', '=', subject)
				.where('action', '=', action)
				.orderBy('seq')
				.execute()
		).map((r) => ({ actor: r.actor_id, data: JSON.parse(r.data) as Record<string, unknown> }));
	return { people, db, auditOf };
}
