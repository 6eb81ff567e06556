import { expect, it } from 'vitest';
import { forEachDatabase } from './databases';
import { createBook, createEntry, entryRow, refusal, TAN_LAP } from './fixtures';
import { approvalFixture } from './approval-fixture';
import { callApi, callPage } from './approval-harness';
import { verifyAudit } from '../../src/lib/server/audit/audit-log';
import { returnReasonCodes } from '../../src/lib/verify/return-reasons';

const values = {
	so: '12',
	nksHoTen: 'Nguyễn Văn An',
	nksNgaySinh: '01/02/2008',
	meHoTen: 'Lê Thị Bình',
	chaHoTen: 'Nguyễn Văn Cường'
};

forEachDatabase('approval: blind re-keying, returns, audit', (t) => {
	const { people: p, db, auditOf } = approvalFixture(t);
	/** A clerk-transcribed entry, submitted: the version under review. */
	async function submitted(): Promise<{ id: string; version: number }> {
		const id = await createEntry(db(), p.book, { fields: values });
		await t.services.entries.update(p.clerk, id, { version: 1, fields: { ghiChu: 'đã xem' } });
		const v = await t.services.entries.submit(p.clerk, id, 2);
		return { id, version: v.version };
	}
	it('asks for a blind re-keying of the birth register’s critical fields', async () => {
		const { id } = await submitted();
		const info = await t.services.review.info(p.officer, id);
		expect(info).toMatchObject({ blindOn: true, blindDue: true, check: null });
		expect(info.blindKeys.sort()).toEqual(Object.keys(values).sort());
	});

	it('blind name differs → approval refused → settled against the clerk → approved first pass', async () => {
		const { id, version } = await submitted();
		const readings = { ...values, nksHoTen: 'Nguyễn Văn Ân' };
		const checked = await callApi(t.services, p.officer, 'blind', id, {
			version,
			values: readings
		});
		expect(checked.status).toBe(200);
		const info = await t.services.review.info(p.officer, id);
		expect(info.check).toMatchObject({
			state: 'pending',
			differences: [{ key: 'nksHoTen', clerk: 'Nguyễn Văn An', officer: 'Nguyễn Văn Ân' }]
		});
		for (const via of ['api', 'page'] as const) {
			const got =
				via === 'api'
					? await callApi(t.services, p.officer2, 'approve', id, { version })
					: await callPage(t.services, p.officer2, 'approve', id, { version: String(version) });
			expect([via, got.status, got.code]).toEqual([via, 409, 'entry.unsettled']);
		}
		// A second re-keying in the same round is refused; settling needs every difference.
		expect(
			(await callApi(t.services, p.officer, 'blind', id, { version, values: readings })).status
		).toBe(409);
		const missing = await callApi(t.services, p.officer, 'settle', id, { version, chosen: {} });
		expect([missing.status, missing.code]).toEqual([422, 'settle.missingChoice']);
		// The clerk may not settle.
		expect(
			(await callApi(t.services, p.clerk, 'settle', id, { version, chosen: { nksHoTen: 'x' } }))
				.status
		).toBe(403);

		const settled = await callPage(t.services, p.officer, 'settle', id, {
			version: String(version),
			'chosen.nksHoTen': 'Nguyễn Văn Ân'
		});
		expect(settled.status).toBe(200);
		const row = await entryRow(db(), id);
		expect([row.state, row.version, row.last_edited_by]).toEqual([
			'submitted',
			version + 1,
			p.clerk.id
		]);
		expect(await auditOf(id, 'entry.settle')).toEqual([
			{
				actor: p.officer.id,
				data: {
					version: version + 1,
					source: 'blind',
					fields: {
						nksHoTen: {
							clerk: 'Nguyễn Văn An',
							officer: 'Nguyễn Văn Ân',
							chosen: 'Nguyễn Văn Ân',
							against: 'clerk'
						}
					}
				}
			}
		]);
		expect(await auditOf(id, 'entry.correct')).toEqual([
			{
				actor: p.officer.id,
				data: {
					version: version + 1,
					from: 'submitted',
					to: 'submitted',
					changes: {
						nksHoTen: {
							before: { value: 'Nguyễn Văn An', normalized: null, flag: null },
							after: { value: 'Nguyễn Văn Ân', normalized: null, flag: null }
						}
					}
				}
			}
		]);
		// The officer who settled (a correction under review) may still approve: correct then approve.
		const approved = await callApi(t.services, p.officer, 'approve', id, { version: version + 1 });
		expect(approved.status).toBe(200);
		expect(await auditOf(id, 'entry.approve')).toEqual([
			{
				actor: p.officer.id,
				data: {
					version: version + 2,
					from: 'submitted',
					to: 'approved',
					reason: null,
					firstPass: true
				}
			}
		]);
		expect((await verifyAudit(db())).ok).toBe(true);
	});

	it('agreeing readings (case and tone placement aside) close the re-keying at once', async () => {
		const { id, version } = await submitted();
		const readings = { ...values, nksHoTen: 'NGUYỄN VĂN AN', so: ' 12 ' };
		await t.services.review.blindCheck(p.officer, id, { version, values: readings });
		expect((await t.services.review.info(p.officer, id)).check).toMatchObject({
			state: 'settled',
			differences: []
		});
		expect(await auditOf(id, 'entry.settle')).toEqual([]);
		expect((await t.services.entries.approve(p.officer2, id, version)).state).toBe('approved');
	});

	it('refuses blind readings with missing or extra fields (422, per field)', async () => {
		const { id, version } = await submitted();
		const e = await refusal(
			t.services.review.blindCheck(p.officer, id, {
				version,
				values: { so: '12', ghiChu: 'x' }
			})
		);
		expect([e.status, e.code]).toEqual([422, 'check.badFields']);
		expect(e.details).toMatchObject({
			fields: { ghiChu: 'field.notBlind', nksHoTen: 'field.missing' }
		});
	});

	it('return with a code → clerk fixes → resubmits (marked) → a second officer approves, not first pass', async () => {
		const { id, version } = await submitted();
		const returned = await callPage(t.services, p.officer, 'return', id, {
			version: String(version),
			reasonCode: 'wrong_date',
			comment: 'Ngày sinh đọc sai'
		});
		expect(returned.status).toBe(200);
		const view = await t.services.entries.get(p.clerk, id);
		expect(view).toMatchObject({
			state: 'returned',
			returnCode: 'wrong_date',
			returnReason: 'Ngày sinh đọc sai',
			returnCount: 1
		});
		expect((await auditOf(id, 'entry.return'))[0]).toEqual({
			actor: p.officer.id,
			data: {
				version: version + 1,
				from: 'submitted',
				to: 'returned',
				reason: 'Ngày sinh đọc sai',
				reasonCode: 'wrong_date',
				comment: 'Ngày sinh đọc sai'
			}
		});
		await t.services.entries.update(p.clerk, id, {
			version: version + 1,
			fields: { nksNgaySinh: '02/01/2008' }
		});
		const again = await t.services.entries.submit(p.clerk, id, version + 2);
		expect(again.returnCount).toBe(1);
		// A new round: re-keying is due again.
		expect((await t.services.review.info(p.officer2, id)).blindDue).toBe(true);
		const approved = await callApi(t.services, p.officer2, 'approve', id, {
			version: again.version
		});
		expect(approved.status).toBe(200);
		expect((await auditOf(id, 'entry.approve'))[0]?.data).toMatchObject({ firstPass: false });
	});

	it('accepts the API’s free-text {reason} as a comment with the code "other"; refuses unknown codes', async () => {
		const { id, version } = await submitted();
		const bad = await callApi(t.services, p.officer, 'return', id, { reasonCode: 'typo', version });
		expect([bad.status, bad.code]).toEqual([422, 'entry.returnReasonUnknown']);
		const empty = await callApi(t.services, p.officer, 'return', id, { reason: '', version });
		expect(empty.status).toBe(422);
		const ok = await callApi(t.services, p.officer, 'return', id, { reason: 'Sai tên mẹ' });
		expect(ok.status).toBe(200);
		expect((await auditOf(id, 'entry.return'))[0]?.data).toMatchObject({
			reason: 'Sai tên mẹ',
			reasonCode: 'other',
			comment: 'Sai tên mẹ'
		});
		expect(returnReasonCodes).toContain('other');
	});

	it('a code without a comment is stored with its label as the readable reason', async () => {
		const { id } = await submitted();
		await t.services.entries.return(p.officer, id, { reasonCode: 'illegible' });
		const data = (await auditOf(id, 'entry.return'))[0]?.data;
		expect(data).toMatchObject({ reasonCode: 'illegible', comment: '' });
		expect(typeof data?.reason).toBe('string');
		expect((data?.reason as string).length).toBeGreaterThan(0);
	});

	it('lets only a supervisor of the book’s unit switch blind re-keying off (audited)', async () => {
		const own = await createBook(db(), TAN_LAP);
		for (const who of [p.officer, p.clerk]) {
			const e = await refusal(t.services.review.setBlindRekey(who, own.id, false));
			expect(e.status).toBe(403);
		}
		const hidden = await refusal(t.services.review.setBlindRekey(p.supervisorBmt, own.id, false));
		expect(hidden.status).toBe(404);
		expect(await t.services.review.setBlindRekey(p.supervisor, own.id, false)).toEqual({
			blindOn: false
		});
		const id = await createEntry(db(), own, { fields: values });
		await t.services.entries.submit(p.clerk, id);
		expect(await t.services.review.info(p.officer, id)).toMatchObject({
			blindOn: false,
			blindDue: false
		});
		const rows = await auditOf(own.id, 'book.review');
		expect(rows).toEqual([
			{ actor: p.supervisor.id, data: { blindRekey: { before: true, after: false } } }
		]);
	});

	it('shows an entry’s history from the audit log to those who may see it, 404 to others', async () => {
		const { id, version } = await submitted();
		await t.services.entries.approve(p.officer, id, version);
		const history = await t.services.review.history(p.supervisor, id);
		expect(history.map((h) => h.action)).toEqual(['entry.edit', 'entry.submit', 'entry.approve']);
		expect(history[2]).toMatchObject({ actorId: p.officer.id, actorName: p.officer.displayName });
		const e = await refusal(t.services.review.history(p.supervisorBmt, id));
		expect(e.status).toBe(404);
		expect((await verifyAudit(db())).ok).toBe(true);
	});
});
