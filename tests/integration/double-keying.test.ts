import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from './databases';
import { createBook, createEntry, entryRow, refusal, TAN_LAP, type TestUser } from './fixtures';
import { approvalFixture } from './approval-fixture';
import { callApi, callPage } from './approval-harness';
import { verifyAudit } from '../../src/lib/server/audit/audit-log';

const first = {
	so: '12',
	nksHoTen: 'Nguyễn Văn An',
	nksNgaySinh: '01/02/2008',
	meHoTen: 'Lê Thị Bình',
	chaHoTen: 'Nguyễn Văn Cường',
	ghiChu: 'đã xem'
};
/** The second keyer's reading: the same entry, the mother's name read differently. */
const second = { ...first, nksHoTen: 'NGUYỄN VĂN AN', meHoTen: 'Lê Thị Bính' };

forEachDatabase('double keying', (t) => {
	const { people: p, db, auditOf } = approvalFixture(t);
	beforeAll(async () => {
		await t.services.doubleKeying.setDoubleKeying(p.supervisor, p.book.id, true);
	});

	/** An entry clerk A keyed (on top of OCR's prefill) and submitted: the first keying. */
	async function firstKeyed(inBook = p.book): Promise<{ id: string; version: number }> {
		const id = await createEntry(db(), inBook, { fields: { so: '12', nksHoTen: 'Nguyen Van An' } });
		const { so: _so, ...typed } = first;
		await t.services.entries.update(p.clerk, id, { version: 1, fields: typed });
		const v = await t.services.entries.submit(p.clerk, id, 2);
		return { id, version: v.version };
	}
	const fieldValues = async (id: string) =>
		Object.fromEntries(
			(
				await db()
					.selectFrom('entry_field')
					.select(['key', 'value'])
					.where('entry_id', '=', id)
					.execute()
			).map((r) => [r.key, r.value])
		);

	it('is switched per book by a supervisor or an admin, audited; nobody else may', async () => {
		const other = await createBook(db(), TAN_LAP);
		for (const who of [p.clerk, p.officer]) {
			const e = await refusal(t.services.doubleKeying.setDoubleKeying(who, other.id, true));
			expect([e.status, e.code]).toEqual([403, 'book.doubleKeyingForbidden']);
		}
		expect(await t.services.doubleKeying.doubleKeyingOn(p.officer, other.id)).toBe(false);
		await t.services.doubleKeying.setDoubleKeying(p.admin, other.id, true);
		await t.services.doubleKeying.setDoubleKeying(p.supervisor, other.id, false);
		expect(await auditOf(other.id, 'book.review')).toEqual([
			{ actor: p.admin.id, data: { doubleKeying: { before: false, after: true } } },
			{ actor: p.supervisor.id, data: { doubleKeying: { before: true, after: false } } }
		]);
	});

	it('withholds the first keyer’s link decision from the second keyer, as it does the values', async () => {
		const id = await createEntry(db(), p.book, { fields: { so: '12', nksHoTen: 'Nguyen Van An' } });
		await t.services.reconcile.decide(p.clerk, id, { decision: 'absent' });
		const v = await t.services.entries.update(p.clerk, id, { version: 1, fields: { ...first } });
		await t.services.entries.submit(p.clerk, id, v.version);
		type Answer = { decision: { decision: string; decidedBy: string } | null };
		const asked = async (who: TestUser) => {
			const got = await callApi(t.services, who, 'candidates', id, undefined);
			expect(got.status).toBe(200);
			return (got.body as Answer).decision;
		};
		expect(await asked(p.clerk)).toMatchObject({ decision: 'absent', decidedBy: p.clerk.id });
		for (const who of [p.clerk2, p.officer]) expect(await asked(who)).toBeNull();
		// Once both keyings are in, the officer sees it for the review.
		await t.services.doubleKeying.submit(p.clerk2, id, { version: 0, values: first });
		expect(await asked(p.officer)).toMatchObject({ decision: 'absent' });
	});

	it('keys twice, compares, settles against the scan and approves, all audited', async () => {
		const { id, version } = await firstKeyed();
		let row = await entryRow(db(), id);
		expect([row.state, row.second_keying, row.second_keyer]).toEqual(['submitted', 'due', null]);
		expect((await auditOf(id, 'entry.submit'))[0]?.data).toMatchObject({ secondKeying: 'due' });

		// Not in the officers' queue, and nothing to decide until both keyings are in.
		const ready = await t.services.entries.list(p.officer, {
			state: 'submitted',
			readyForReview: true
		});
		expect(ready.map((e) => e.id)).not.toContain(id);
		for (const action of ['approve', 'return'] as const) {
			const got = await callApi(t.services, p.officer, action, id, {
				version,
				...(action === 'return' ? { reasonCode: 'illegible' } : {})
			});
			expect([action, got.status, got.code]).toEqual([action, 409, 'entry.awaitingSecondKeying']);
		}
		const blind = await callApi(t.services, p.officer, 'blind', id, { version, values: {} });
		expect([blind.status, blind.code]).toEqual([409, 'entry.awaitingSecondKeying']);

		// The first keyer may never be the second: refused by the one rule, through the API.
		const own = await callApi(t.services, p.clerk, 'keying', id, { version: 0, values: first });
		expect([own.status, own.code]).toEqual([403, 'entry.ownWork']);
		const ownSubmit = await callApi(t.services, p.clerk, 'keyingSubmit', id, {
			version: 0,
			values: first
		});
		expect([ownSubmit.status, ownSubmit.code]).toEqual([403, 'entry.ownWork']);

		// The second keyer sees neither the first keying nor OCR, in the entry, the queue or the trail.
		const seen = await t.services.entries.get(p.clerk2, id);
		expect([seen.fieldsWithheld, seen.fields]).toEqual([true, {}]);
		expect((await t.services.entries.get(p.clerk, id)).fields.meHoTen?.value).toBe('Lê Thị Bình');
		const queued = (await t.services.books.queue(p.clerk2, p.book.id)).find((q) => q.id === id);
		expect(queued).toMatchObject({ secondKeyingDue: true, keyable: true, name: null, so: null });
		const mine = (await t.services.books.queue(p.clerk, p.book.id)).find((q) => q.id === id);
		expect(mine).toMatchObject({ keyable: false, name: 'Nguyễn Văn An', so: '12' });
		const trail = await t.services.review.history(p.clerk2, id);
		expect(trail.every((r) => Object.keys(r.data).length === 0)).toBe(true);

		// Draft saves at the draft's version; the first save claims it for clerk B.
		const draft = await callApi(t.services, p.clerk2, 'keying', id, {
			version: 0,
			values: { so: '12' }
		});
		expect([draft.status, (draft.body as { version: number }).version]).toEqual([200, 1]);
		const stale = await callApi(t.services, p.clerk2, 'keying', id, { version: 0, values: {} });
		expect([stale.status, stale.code]).toEqual([409, 'keying.staleVersion']);
		const taken = await callApi(t.services, p.clerk3, 'keying', id, { version: 1, values: {} });
		expect([taken.status, taken.code]).toEqual([409, 'entry.keyingTaken']);
		const unknown = await callApi(t.services, p.clerk2, 'keying', id, {
			version: 1,
			values: { shoeSize: '42' }
		});
		expect([unknown.status, unknown.code]).toEqual([422, 'entry.unknownFields']);
		expect((await t.services.doubleKeying.keying(p.clerk2, id)).values).toEqual({ so: '12' });
		expect((await refusal(t.services.doubleKeying.keying(p.clerk3, id))).code).toBe(
			'entry.keyingTaken'
		);

		const submitted = await callApi(t.services, p.clerk2, 'keyingSubmit', id, {
			version: 1,
			values: second
		});
		expect(submitted.status).toBe(200);
		expect(submitted.body).toMatchObject({
			differences: [{ key: 'meHoTen', clerk: 'Lê Thị Bình', officer: 'Lê Thị Bính' }]
		});
		// The first keying is untouched; the second is stored apart.
		expect(await fieldValues(id)).toMatchObject(first);
		const keyings = await db()
			.selectFrom('entry_keying')
			.selectAll()
			.where('entry_id', '=', id)
			.execute();
		expect(keyings.map((k) => [k.keyer_id, k.state, JSON.parse(k.values)])).toEqual([
			[p.clerk2.id, 'submitted', second]
		]);
		row = await entryRow(db(), id);
		expect([row.second_keying, row.second_keyer, row.version]).toEqual([
			'done',
			p.clerk2.id,
			version + 1
		]);
		expect(await auditOf(id, 'entry.secondKeying')).toEqual([
			{
				actor: p.clerk2.id,
				data: {
					version: version + 1,
					keying: keyings[0]!.id,
					values: { before: null, after: second }
				}
			}
		]);
		const compared = (await auditOf(id, 'entry.keyingCompared'))[0]!;
		expect(compared.data).toMatchObject({
			version: version + 1,
			source: 'double',
			differences: { meHoTen: { first: 'Lê Thị Bình', second: 'Lê Thị Bính' } }
		});
		expect(compared.data.agreed).toContain('nksHoTen');
		// Once both are in, nobody keys it again.
		const again = await callApi(t.services, p.clerk3, 'keying', id, { version: 0, values: {} });
		expect([again.status, again.code]).toEqual([409, 'entry.keyingNotDue']);

		// Now the officer's: in the queue, no blind re-keying, approval waits for the settlement.
		const nowReady = await t.services.entries.list(p.officer, {
			state: 'submitted',
			readyForReview: true
		});
		expect(nowReady.map((e) => e.id)).toContain(id);
		const info = await t.services.review.info(p.officer, id);
		expect(info).toMatchObject({ blindDue: false, check: { source: 'double', state: 'pending' } });
		const early = await callApi(t.services, p.officer, 'approve', id, { version: version + 1 });
		expect([early.status, early.code]).toEqual([409, 'entry.unsettled']);
		// The second keyer may not settle or approve what they keyed (nor may a clerk at all).
		const bySecond = await callApi(t.services, p.clerk2, 'settle', id, {
			version: version + 1,
			chosen: { meHoTen: 'Lê Thị Bính' }
		});
		expect(bySecond.status).toBe(403);

		const settled = await callPage(t.services, p.officer, 'settle', id, {
			version: String(version + 1),
			'chosen.meHoTen': 'Lê Thị Bính'
		});
		expect(settled.status).toBe(200);
		expect(await auditOf(id, 'entry.settle')).toEqual([
			{
				actor: p.officer.id,
				data: {
					version: version + 2,
					source: 'double',
					fields: {
						meHoTen: {
							clerk: 'Lê Thị Bình',
							officer: 'Lê Thị Bính',
							chosen: 'Lê Thị Bính',
							against: 'clerk'
						}
					}
				}
			}
		]);
		expect((await auditOf(id, 'entry.correct'))[0]?.data).toMatchObject({
			changes: {
				meHoTen: {
					before: { value: 'Lê Thị Bình' },
					after: { value: 'Lê Thị Bính' }
				}
			}
		});
		const approved = await callApi(t.services, p.officer, 'approve', id, { version: version + 2 });
		expect(approved.status).toBe(200);
		expect((await entryRow(db(), id)).approved_by).toBe(p.officer.id);
		expect((await verifyAudit(db())).ok).toBe(true);
	});

	it('an officer who did the second keying cannot approve, return or settle it', async () => {
		const { id, version } = await firstKeyed();
		const keyed = await callApi(t.services, p.officer2, 'keyingSubmit', id, {
			version: 0,
			values: first
		});
		expect([keyed.status, (keyed.body as { differences: unknown[] }).differences]).toEqual([
			200,
			[]
		]);
		expect((await t.services.review.info(p.officer, id)).check).toMatchObject({
			source: 'double',
			state: 'settled'
		});
		for (const action of ['approve', 'return'] as const) {
			const got = await callApi(t.services, p.officer2, action, id, {
				version: version + 1,
				...(action === 'return' ? { reasonCode: 'illegible' } : {})
			});
			expect([action, got.status, got.code]).toEqual([action, 403, 'entry.ownWork']);
		}
		const page = await callPage(t.services, p.officer2, 'approve', id, {
			version: String(version + 1)
		});
		expect([page.status, page.code]).toEqual([403, 'entry.ownWork']);
		const ok = await callApi(t.services, p.officer, 'approve', id, { version: version + 1 });
		expect(ok.status).toBe(200);
	});

	it('a return ends the round: the resubmission is keyed twice afresh', async () => {
		const { id, version } = await firstKeyed();
		await t.services.doubleKeying.submit(p.clerk2, id, { version: 0, values: second });
		await t.services.entries.return(p.officer, id, { reasonCode: 'wrong_name' }, version + 1);
		let row = await entryRow(db(), id);
		expect([row.state, row.second_keying, row.second_keyer]).toEqual(['returned', null, null]);
		const states = await db()
			.selectFrom('entry_keying')
			.select('state')
			.where('entry_id', '=', id)
			.execute();
		expect(states.map((s) => s.state)).toEqual(['dropped']);
		await t.services.entries.update(p.clerk, id, {
			version: version + 2,
			fields: { meHoTen: 'Lê Thị Bính' }
		});
		await t.services.entries.submit(p.clerk, id, version + 3);
		row = await entryRow(db(), id);
		expect([row.state, row.second_keying]).toEqual(['submitted', 'due']);
		const outcome = await t.services.doubleKeying.submit(p.clerk3, id, {
			version: 0,
			values: second
		});
		expect(outcome.differences).toEqual([]);
	});

	it('is decided at submission: a book without it asks for no second keying', async () => {
		const plain = await createBook(db(), TAN_LAP);
		const { id, version } = await firstKeyed(plain);
		expect((await entryRow(db(), id)).second_keying).toBeNull();
		const e = await refusal(t.services.doubleKeying.keying(p.clerk2, id));
		expect([e.status, e.code]).toEqual([409, 'entry.keyingNotDue']);
		// Switching it on later leaves the entry already under review as it is.
		await t.services.doubleKeying.setDoubleKeying(p.supervisor, plain.id, true);
		expect((await t.services.review.info(p.officer, id)).blindDue).toBe(true);
		expect((await entryRow(db(), id)).version).toBe(version);
	});
});
