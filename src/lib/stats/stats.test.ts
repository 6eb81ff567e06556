import { describe, expect, it } from 'vitest';
import { editDistance, cerParts, pooledCer } from './cer';
import { clopperPearson, wilson } from './intervals';
import { drawSample, seededRandom } from './sample';
import { formatProgress, formatRate } from './numbers';
import { addDays, isDay, localDay } from './days';
import { projectFinish, trend, accuracyOf } from './figures';
import { entryFacts, type FactEvent } from './entry-facts';
import { rollupBook } from './book-rollup';
import { summariseAudit } from './audit-summary';

describe('numbers', () => {
	it('writes progress the way provinces do', () => {
		expect(formatProgress(1_978_417, 2_086_427, 'vi')).toBe('1.978.417/2.086.427 — 94,82%');
		expect(formatProgress(1_978_417, 2_086_427, 'en')).toBe('1,978,417/2,086,427 — 94.82%');
		expect(formatRate(null, 'vi')).toBe('—');
		expect(formatRate(0.9483, 'vi')).toBe('94,83%');
	});
});

describe('days', () => {
	it('uses Việt Nam local dates', () => {
		expect(localDay('2026-03-01T16:59:00Z')).toBe('2026-03-01');
		expect(localDay('2026-03-01T17:00:00Z')).toBe('2026-03-02');
		expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
		expect(isDay('2026-02-30')).toBe(false);
		expect(isDay('2026-02-28')).toBe(true);
	});
});

describe('CER', () => {
	it.each([
		['Nguyễn Văn An', 'Nguyễn Văn An', 0],
		['Nguyen Văn An', 'Nguyễn Văn An', 1],
		['', 'abc', 3],
		['abc', '', 3],
		['kitten', 'sitting', 3]
	])('%s → %s: %i edits', (a, b, n) => expect(editDistance(a, b)).toBe(n));
	it('counts a composed and a decomposed letter as the same', () => {
		expect(editDistance('Nguye\u0302\u0303n', 'Nguyễn')).toBe(0);
	});
	it('pools edits over reference characters', () => {
		expect(cerParts('Nguyen', 'Nguyễn')).toEqual({ edits: 1, chars: 6 });
		expect(pooledCer(1, 4)).toBe(0.25);
		expect(pooledCer(0, 0)).toBeNull();
	});
});

describe('intervals', () => {
	it('Wilson matches the textbook value for 2/50', () => {
		const w = wilson(2, 50)!;
		expect(w.low).toBeCloseTo(0.011, 3);
		expect(w.high).toBeCloseTo(0.1346, 3);
	});
	it('Clopper–Pearson matches the exact value for 2/50 and is wider', () => {
		const c = clopperPearson(2, 50)!;
		expect(c.low).toBeCloseTo(0.00487, 4);
		expect(c.high).toBeCloseTo(0.1371, 3);
		expect(clopperPearson(0, 20)!.high).toBeCloseTo(0.1684, 3);
		expect(wilson(0, 0)).toBeNull();
	});
});

describe('sample', () => {
	const candidates = Array.from({ length: 100 }, (_, i) => ({
		id: `e${i}`,
		risk: i === 7 ? 1000 : 1
	}));
	it('is reproducible from its seed and independent of row order', () => {
		const a = drawSample(candidates, 10, 2, 'seed');
		const b = drawSample([...candidates].reverse(), 10, 2, 'seed');
		expect(a).toEqual(b);
		expect(new Set([...a.random, ...a.risk]).size).toBe(12);
		expect(drawSample(candidates, 10, 0, 'other').random).not.toEqual(a.random);
	});
	it('draws risky entries first in the risk part', () => {
		const d = drawSample(candidates, 0, 1, 's');
		expect(d.risk).toEqual(['e7']);
	});
	it('caps the sample at the population', () => {
		expect(drawSample(candidates.slice(0, 3), 10, 5, 's').random).toHaveLength(3);
	});
	it('generator is uniform enough', () => {
		const r = seededRandom('x');
		let s = 0;
		for (let i = 0; i < 10_000; i++) s += r();
		expect(s / 10_000).toBeCloseTo(0.5, 1);
	});
});

describe('figures', () => {
	it('projects the finish at the last week’s pace', () => {
		const days = [{ day: '2026-03-10', approved: 70 }];
		expect(projectFinish(days, 100, '2026-03-10')).toMatchObject({
			pace: 10,
			finish: '2026-03-20'
		});
		expect(projectFinish([], 100, '2026-03-10').finish).toBeNull();
		expect(projectFinish([], 0, '2026-03-10').finish).toBe('2026-03-10');
	});
	it('cumulates the trend, counting activity before the window', () => {
		const t = trend(
			[
				{ day: '2026-03-01', imported: 5, submitted: 0, approved: 1, exported: 0 },
				{ day: '2026-03-03', imported: 0, submitted: 2, approved: 2, exported: 0 }
			],
			'2026-03-02',
			'2026-03-04'
		);
		expect(t.map((p) => p.cumApproved)).toEqual([1, 3, 3]);
		expect(t.map((p) => p.day)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
	});
	it('rates are null with nothing to measure', () => {
		const a = accuracyOf(
			{
				fields: 0,
				ocr: 0,
				kept: 0,
				cerEdits: 0,
				cerChars: 0,
				changed: 0,
				flagged: 0,
				flaggedChanged: 0
			},
			{ fields: 0, changed: 0, against: 0, approvals: 0, firstPass: 0, returns: 0 }
		);
		expect(Object.values(a).every((v) => v === null)).toBe(true);
	});
});

describe('entry facts and book rollup', () => {
	const ev = (at: string, actorId: string, action: string, data: unknown = {}): FactEvent => ({
		at,
		actorId,
		action,
		data
	});
	const fields = [
		{
			key: 'ho_ten',
			value: 'Nguyễn Văn An',
			ocrValue: 'Nguyen Van An',
			ocrConfidence: 0.5,
			ocrIssues: null
		},
		{ key: 'gioi_tinh', value: 'Nam', ocrValue: 'Nam', ocrConfidence: 0.95, ocrIssues: null },
		{ key: 'dan_toc', value: 'Kinh', ocrValue: 'Kinb', ocrConfidence: 0.9, ocrIssues: null },
		{ key: 'ghi_chu', value: '', ocrValue: null, ocrConfidence: null, ocrIssues: null }
	];
	const entry = {
		id: 'e1',
		state: 'approved',
		createdAt: '2026-03-01T01:00:00Z',
		submittedBy: 'c',
		approvedBy: 'o'
	};
	const events = [
		ev('2026-03-01T02:00:00Z', 'c', 'entry.edit'),
		ev('2026-03-01T03:00:00Z', 'c', 'entry.submit'),
		ev('2026-03-01T04:00:00Z', 'o', 'entry.return', { reasonCode: 'wrong_name' }),
		ev('2026-03-02T02:00:00Z', 'c', 'entry.submit'),
		ev('2026-03-02T03:00:00Z', 'o', 'entry.correct', {
			changes: { dan_toc: { before: { value: 'Kin' }, after: { value: 'Kinh' } } }
		}),
		ev('2026-03-02T03:10:00Z', 'o', 'entry.settle', {
			fields: {
				ho_ten: { against: 'clerk' },
				gioi_tinh: { against: 'officer' }
			}
		}),
		ev('2026-03-02T04:00:00Z', 'o', 'entry.approve')
	];
	it('measures OCR, the clerk and the flags from the audit rows', () => {
		const f = entryFacts(entry, fields, events);
		expect(f.submittedDay).toBe('2026-03-01');
		expect(f.approvedDay).toBe('2026-03-02');
		const approve = f.judgements.find((j) => j.outcome === 'approved')!;
		expect(approve).toMatchObject({
			clerk: 'c',
			firstPass: false,
			fields: 4,
			changed: 2,
			against: 1
		});
		const r = rollupBook({ id: 'b', unitCode: 'u', registerType: 'birth', expected: null }, [f]);
		expect(r.totals).toMatchObject({ expected: 1, counts: { approved: 1 } });
		const sum = (k: 'ocr' | 'kept' | 'changed' | 'flagged' | 'flaggedChanged' | 'cerEdits') =>
			r.fields.reduce((a, x) => a + x[k], 0);
		expect([
			sum('ocr'),
			sum('kept'),
			sum('changed'),
			sum('flagged'),
			sum('flaggedChanged')
		]).toEqual([3, 1, 2, 1, 1]);
		expect(sum('cerEdits')).toBe(3); // ễ, ă; h
		expect(r.reasons).toEqual([{ day: '2026-03-01', code: 'wrong_name', n: 1 }]);
		const clerkDay2 = r.users.find((u) => u.userId === 'c' && u.day === '2026-03-02')!;
		expect(clerkDay2).toMatchObject({ submitted: 1, judgedApprovals: 1, judgedFirstPass: 0 });
		const officerDay1 = r.users.find((u) => u.userId === 'o' && u.day === '2026-03-01')!;
		expect(officerDay1).toMatchObject({ returned: 1 });
	});
	it('an approval states firstPass when the approval flow records it', () => {
		const f = entryFacts(entry, fields, [
			ev('2026-03-01T03:00:00Z', 'c', 'entry.submit'),
			ev('2026-03-01T04:00:00Z', 'o', 'entry.approve', { firstPass: true })
		]);
		expect(f.judgements[0]).toMatchObject({ firstPass: true, changed: 0 });
	});
	describe('double keying', () => {
		// Clerk c keys and submits, clerk k keys it again (three fields); the officer settles two
		// differences: ho_ten for k's reading (against c), dan_toc for c's reading (against k).
		const keyed = [
			ev('2026-03-01T03:00:00Z', 'c', 'entry.submit'),
			ev('2026-03-01T05:00:00Z', 'k', 'entry.secondKeying', {
				values: { after: { ho_ten: 'Nguyễn Văn An', gioi_tinh: 'Nam', dan_toc: 'Kinb' } }
			}),
			ev('2026-03-02T03:10:00Z', 'o', 'entry.settle', {
				source: 'double',
				fields: { ho_ten: { against: 'clerk' }, dan_toc: { against: 'officer' } }
			})
		];
		const approve = ev('2026-03-02T04:00:00Z', 'o', 'entry.approve', { firstPass: true });
		it('judges the second keyer on their fields: a settlement for the first keying counts against them', () => {
			const f = entryFacts(entry, fields, [...keyed, approve]);
			expect(f.judgements).toEqual([
				expect.objectContaining({ clerk: 'c', outcome: 'approved', fields: 4, against: 1 }),
				{
					day: '2026-03-02',
					clerk: 'k',
					outcome: 'keyed',
					firstPass: false,
					fields: 3,
					changed: 1,
					against: 1,
					reasonCode: null
				}
			]);
			const r = rollupBook({ id: 'b', unitCode: 'u', registerType: 'birth', expected: null }, [f]);
			const k = r.users.find((u) => u.userId === 'k' && u.day === '2026-03-02')!;
			expect(k).toMatchObject({
				judgedFields: 3,
				judgedChanged: 1,
				judgedAgainst: 1,
				judgedApprovals: 0,
				judgedFirstPass: 0
			});
			// The approval and first pass are the first keyer's alone.
			expect(r.days.find((d) => d.day === '2026-03-02')).toMatchObject({ approvals: 1 });
		});
		it('a blind re-keying found wrong is the officer’s, never a second keyer’s', () => {
			const blind = ev('2026-03-02T03:20:00Z', 'o', 'entry.settle', {
				source: 'blind',
				fields: { gioi_tinh: { against: 'officer' } }
			});
			const f = entryFacts(entry, fields, [...keyed, blind, approve]);
			expect(f.judgements.find((j) => j.outcome === 'keyed')).toMatchObject({ against: 1 });
		});
		it('counts nothing before the approval, and a resubmission starts a new round', () => {
			expect(entryFacts(entry, fields, keyed).judgements).toEqual([]);
			const again = [...keyed, ev('2026-03-02T03:30:00Z', 'c', 'entry.submit'), approve];
			expect(entryFacts(entry, fields, again).judgements.map((j) => j.clerk)).toEqual(['c']);
		});
	});
	it('an entry not yet approved measures no fields', () => {
		const f = entryFacts({ ...entry, state: 'submitted' }, fields, events.slice(0, 2));
		expect(f.fields).toEqual([]);
		expect(f.approvedDay).toBeNull();
	});
});

describe('audit summary', () => {
	it('passes only when every random item is checked and the rate is within the threshold', () => {
		const items = [
			{ part: 'random' as const, result: 'ok' as const },
			{ part: 'random' as const, result: 'error' as const },
			{ part: 'risk' as const, result: 'error' as const }
		];
		expect(summariseAudit(items, 0.5)).toMatchObject({
			status: 'passed',
			errorRate: 0.5,
			riskErrors: 1
		});
		expect(summariseAudit(items, 0.4).status).toBe('failed');
		expect(summariseAudit([...items, { part: 'random', result: null }], 1).status).toBe('pending');
	});
});
