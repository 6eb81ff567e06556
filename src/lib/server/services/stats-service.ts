import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/session-service';
import type { Access } from './access';
import type { UnitInfo, UnitService } from './unit-service';
import type { StatsProjection } from './stats-projection';
import { AppError, notFound } from '../errors';
import { appendAudit } from '../audit/audit-log';
import { addDays, localDay, type Day } from '../../stats/days';
import {
	accuracyOf,
	addInto,
	doneOf,
	projectFinish,
	trend,
	zeroFieldSums,
	zeroJudgedSums,
	zeroSums,
	type Accuracy,
	type FieldSums,
	type JudgedSums,
	type Projection,
	type Sums,
	type TrendPoint
} from '../../stats/figures';
import { progressStates } from '../../stats/book-rollup';
import { ageBuckets, workStates } from '../../stats/figures';
import { ratio } from '../../stats/numbers';

export interface StatsQuery {
	unit?: string;
	from?: Day;
	to?: Day;
}

export interface UnitFigures {
	unit: UnitInfo;
	sums: Sums;
	done: number;
	rate: number;
	/** Entries first approved on the window's last day. */
	doneOnLastDay: number;
	accuracy: Accuracy;
}

export interface BookFigures {
	id: string;
	title: string;
	bookNumber: string;
	year: number;
	registerType: string;
	expected: number;
	counts: Sums['counts'];
	done: number;
	rate: number;
}

export interface FieldFigures extends FieldSums {
	registerType: string;
	key: string;
	keptRate: number | null;
	cer: number | null;
	flagRecall: number | null;
}

export interface ClerkFigures extends JudgedSums {
	userId: string;
	name: string;
	changedRate: number | null;
	firstPassRate: number | null;
	returnRate: number | null;
}

export interface UserOutput {
	userId: string;
	name: string;
	role: string;
	days: { day: Day; edited: number; submitted: number; approved: number; returned: number }[];
}

export interface WorkInProgress {
	state: (typeof workStates)[number];
	count: number;
	oldest: string | null;
	ages: Record<(typeof ageBuckets)[number], number>;
}

export interface Dashboard {
	unit: UnitFigures;
	path: UnitInfo[];
	from: Day;
	to: Day;
	today: Day;
	children: UnitFigures[];
	books: BookFigures[];
	trend: TrendPoint[];
	projection: Projection;
	fields: FieldFigures[];
	clerks: ClerkFigures[];
	reasons: { code: string; n: number }[];
	output: UserOutput[];
	work: WorkInProgress[];
}

const DEFAULT_DAYS = 30;
const MAX_DAYS = 366;
const num = (v: unknown) => Number(v ?? 0);

/**
 * The supervisors' figures for a unit and its children, read from the stats_* projection (brought
 * up to date first: per book for progress, per unit for the day-by-day rows) plus the live queue
 * of work in progress. Scope: the user's units' subtrees.
 */
export class StatsService {
	constructor(
		private readonly db: Kysely<DB>,
		private readonly access: Access,
		private readonly units: UnitService,
		private readonly projection: StatsProjection,
		private readonly now: () => Date
	) {}

	/** The unit asked for (default: the user's first), if the user may see it; 404 otherwise. */
	async resolveUnit(user: SessionUser, code?: string): Promise<UnitInfo> {
		const wanted = code ?? user.units[0];
		if (!wanted) throw notFound('unit');
		await this.access.assertVisible(user, wanted, 'unit');
		const unit = await this.units.get(wanted);
		if (!unit) throw notFound('unit');
		return unit;
	}

	window(q: StatsQuery): { from: Day; to: Day; today: Day } {
		const today = localDay(this.now());
		const to = q.to ?? today;
		const from = q.from ?? addDays(to, -(DEFAULT_DAYS - 1));
		if (from > to) throw new AppError(422, 'stats.badWindow', { from, to });
		if (addDays(from, MAX_DAYS) <= to)
			throw new AppError(422, 'stats.windowTooLong', { days: MAX_DAYS });
		return { from, to, today };
	}

	async dashboard(user: SessionUser, q: StatsQuery): Promise<Dashboard> {
		const unit = await this.resolveUnit(user, q.unit);
		const { from, to, today } = this.window(q);
		await this.projection.refresh();
		const subtree = await this.units.subtree([unit.code]);
		const children = await this.units.children(unit.code);
		// Which child each unit of the subtree rolls up into ('' = the unit itself).
		const childOf = new Map<string, string>([[unit.code, '']]);
		for (const c of children)
			for (const u of await this.units.subtree([c.code])) childOf.set(u, c.code);
		const codes = [...subtree];
		const inScope = (code: string) => subtree.has(code);

		const [bookRows, dayRows, fieldRows, userRows, reasonRows, outputRows] = await Promise.all([
			this.db.selectFrom('stats_book').selectAll().where('unit_code', 'in', codes).execute(),
			this.db
				.selectFrom('stats_unit_day')
				.select([
					'unit_code',
					'day',
					(eb) => eb.fn.sum<number>('imported').as('imported'),
					(eb) => eb.fn.sum<number>('submitted').as('submitted'),
					(eb) => eb.fn.sum<number>('approved').as('approved'),
					(eb) => eb.fn.sum<number>('exported').as('exported')
				])
				.where('unit_code', 'in', codes)
				.groupBy(['unit_code', 'day'])
				.execute(),
			this.db
				.selectFrom('stats_unit_field_day')
				.select([
					'unit_code',
					'register_type',
					'field_key',
					(eb) => eb.fn.sum<number>('fields').as('fields'),
					(eb) => eb.fn.sum<number>('ocr').as('ocr'),
					(eb) => eb.fn.sum<number>('kept').as('kept'),
					(eb) => eb.fn.sum<number>('cer_edits').as('cer_edits'),
					(eb) => eb.fn.sum<number>('cer_chars').as('cer_chars'),
					(eb) => eb.fn.sum<number>('changed').as('changed'),
					(eb) => eb.fn.sum<number>('flagged').as('flagged'),
					(eb) => eb.fn.sum<number>('flagged_changed').as('flagged_changed')
				])
				.where('unit_code', 'in', codes)
				.where('day', '>=', from)
				.where('day', '<=', to)
				.groupBy(['unit_code', 'register_type', 'field_key'])
				.execute(),
			this.db
				.selectFrom('stats_unit_user_day')
				.select([
					'unit_code',
					'user_id',
					(eb) => eb.fn.sum<number>('judged_fields').as('fields'),
					(eb) => eb.fn.sum<number>('judged_changed').as('changed'),
					(eb) => eb.fn.sum<number>('judged_against').as('against'),
					(eb) => eb.fn.sum<number>('judged_approvals').as('approvals'),
					(eb) => eb.fn.sum<number>('judged_first_pass').as('first_pass'),
					(eb) => eb.fn.sum<number>('judged_returns').as('returns')
				])
				.where('unit_code', 'in', codes)
				.where('day', '>=', from)
				.where('day', '<=', to)
				.groupBy(['unit_code', 'user_id'])
				.execute(),
			this.db
				.selectFrom('stats_unit_reason_day')
				.select(['code', (eb) => eb.fn.sum<number>('n').as('n')])
				.where('unit_code', 'in', codes)
				.where('day', '>=', from)
				.where('day', '<=', to)
				.groupBy('code')
				.execute(),
			this.db
				.selectFrom('stats_unit_user_day')
				.select([
					'user_id',
					'day',
					(eb) => eb.fn.sum<number>('edited').as('edited'),
					(eb) => eb.fn.sum<number>('submitted').as('submitted'),
					(eb) => eb.fn.sum<number>('approved').as('approved'),
					(eb) => eb.fn.sum<number>('returned').as('returned')
				])
				.where('unit_code', 'in', codes)
				.where('day', '>=', addDays(to, -6) > from ? addDays(to, -6) : from)
				.where('day', '<=', to)
				.groupBy(['user_id', 'day'])
				.execute()
		]);

		// Sums per child and for the unit.
		const total = zeroSums();
		const perChild = new Map<string, Sums>(children.map((c) => [c.code, zeroSums()]));
		const targets = (code: string): Sums[] => {
			const c = childOf.get(code);
			const s = c ? perChild.get(c) : undefined;
			return s ? [total, s] : [total];
		};
		for (const b of bookRows) {
			if (!inScope(b.unit_code)) continue;
			for (const s of targets(b.unit_code)) {
				s.books++;
				s.expected += num(b.expected);
				for (const st of progressStates) s.counts[st] += num(b[st]);
			}
		}
		const lastDay = new Map<string, number>();
		const dayCounts = new Map<
			Day,
			{ day: Day; imported: number; submitted: number; approved: number; exported: number }
		>();
		for (const r of dayRows) {
			const d = dayCounts.get(r.day) ?? {
				day: r.day,
				imported: 0,
				submitted: 0,
				approved: 0,
				exported: 0
			};
			d.imported += num(r.imported);
			d.submitted += num(r.submitted);
			d.approved += num(r.approved);
			d.exported += num(r.exported);
			dayCounts.set(r.day, d);
			if (r.day === to) {
				const key = childOf.get(r.unit_code) ?? '';
				lastDay.set(key, (lastDay.get(key) ?? 0) + num(r.approved));
				lastDay.set('*', (lastDay.get('*') ?? 0) + num(r.approved));
			}
		}
		const fieldMap = new Map<string, FieldFigures>();
		for (const r of fieldRows) {
			const sums: FieldSums = {
				fields: num(r.fields),
				ocr: num(r.ocr),
				kept: num(r.kept),
				cerEdits: num(r.cer_edits),
				cerChars: num(r.cer_chars),
				changed: num(r.changed),
				flagged: num(r.flagged),
				flaggedChanged: num(r.flagged_changed)
			};
			for (const s of targets(r.unit_code)) addInto(s.field, sums);
			const k = `${r.register_type}\u0000${r.field_key}`;
			const f =
				fieldMap.get(k) ??
				({ registerType: r.register_type, key: r.field_key, ...zeroFieldSums() } as FieldFigures);
			addInto<FieldSums>(f, sums);
			fieldMap.set(k, f);
		}
		const clerkMap = new Map<string, JudgedSums>();
		for (const r of userRows) {
			const sums: JudgedSums = {
				fields: num(r.fields),
				changed: num(r.changed),
				against: num(r.against),
				approvals: num(r.approvals),
				firstPass: num(r.first_pass),
				returns: num(r.returns)
			};
			for (const s of targets(r.unit_code)) addInto(s.judged, sums);
			const c = clerkMap.get(r.user_id) ?? zeroJudgedSums();
			clerkMap.set(r.user_id, addInto(c, sums));
		}

		const figures = (u: UnitInfo, s: Sums, last: number): UnitFigures => ({
			unit: u,
			sums: s,
			done: doneOf(s),
			rate: ratio(doneOf(s), s.expected) ?? 0,
			doneOnLastDay: last,
			accuracy: accuracyOf(s.field, s.judged)
		});
		const unitFigures = figures(unit, total, lastDay.get('*') ?? 0);
		const childFigures = children
			.map((c) => figures(c, perChild.get(c.code)!, lastDay.get(c.code) ?? 0))
			.filter((c) => c.sums.books > 0 || c.sums.expected > 0);

		const names = await this.userNames([...clerkMap.keys(), ...outputRows.map((r) => r.user_id)]);
		const dayList = [...dayCounts.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
		const outputByUser = new Map<string, UserOutput>();
		for (const r of outputRows) {
			const info = names.get(r.user_id);
			const o = outputByUser.get(r.user_id) ?? {
				userId: r.user_id,
				name: info?.name ?? r.user_id,
				role: info?.role ?? '',
				days: []
			};
			o.days.push({
				day: r.day,
				edited: num(r.edited),
				submitted: num(r.submitted),
				approved: num(r.approved),
				returned: num(r.returned)
			});
			outputByUser.set(r.user_id, o);
		}
		for (const o of outputByUser.values()) o.days.sort((a, b) => (a.day < b.day ? -1 : 1));

		return {
			unit: unitFigures,
			path: await this.units.path(unit.code),
			from,
			to,
			today,
			children: childFigures,
			books: await this.booksOf(unit.code, bookRows),
			trend: trend(dayList, from, to),
			projection: projectFinish(dayList, total.expected - doneOf(total), today),
			fields: [...fieldMap.values()]
				.map((f) => ({
					...f,
					keptRate: ratio(f.kept, f.ocr),
					cer: f.cerChars > 0 ? Math.min(1, f.cerEdits / f.cerChars) : null,
					flagRecall: ratio(f.flaggedChanged, f.changed)
				}))
				.sort((a, b) => a.registerType.localeCompare(b.registerType) || a.key.localeCompare(b.key)),
			clerks: [...clerkMap.entries()]
				.map(([userId, s]) => ({
					userId,
					name: names.get(userId)?.name ?? userId,
					...s,
					changedRate: ratio(s.changed, s.fields),
					firstPassRate: ratio(s.firstPass, s.approvals),
					returnRate: ratio(s.returns, s.approvals + s.returns)
				}))
				.sort((a, b) => a.name.localeCompare(b.name, 'vi')),
			reasons: reasonRows
				.map((r) => ({ code: r.code, n: num(r.n) }))
				.sort((a, b) => b.n - a.n || a.code.localeCompare(b.code)),
			output: [...outputByUser.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi')),
			work: await this.workInProgress(codes)
		};
	}

	/**
	 * A supervisor (or admin) declares how many entries a book holds, for its progress rate; audited,
	 * and the book's figures follow on the next read (the audit row marks it changed).
	 */
	async setExpected(user: SessionUser, bookId: string, expected: number): Promise<void> {
		if (user.role !== 'supervisor' && user.role !== 'admin')
			throw new AppError(403, 'http.forbidden');
		const book = await this.db
			.selectFrom('book')
			.select(['id', 'unit_code', 'expected_entries'])
			.where('id', '=', bookId)
			.executeTakeFirst();
		if (!book) throw notFound('book');
		await this.access.assertVisible(user, book.unit_code, 'book');
		const at = this.now().toISOString();
		await this.db.transaction().execute(async (trx) => {
			await trx
				.updateTable('book')
				.set({ expected_entries: expected })
				.where('id', '=', bookId)
				.execute();
			await appendAudit(trx, {
				actorId: user.id,
				action: 'book.expected',
				subjectType: 'book',
				subjectId: bookId,
				data: { from: book.expected_entries, to: expected },
				at
			});
		});
	}

	/** Books kept directly by the unit (a commune's), with their progress. */
	private async booksOf(
		unitCode: string,
		rows: readonly DB['stats_book'][]
	): Promise<BookFigures[]> {
		const own = rows.filter((r) => r.unit_code === unitCode);
		if (own.length === 0) return [];
		const meta = await this.db
			.selectFrom('book')
			.select(['id', 'title', 'book_number', 'year', 'register_type'])
			.where('unit_code', '=', unitCode)
			.execute();
		const byId = new Map(own.map((r) => [r.book_id, r]));
		return meta
			.filter((m) => byId.has(m.id))
			.map((m) => {
				const r = byId.get(m.id)!;
				const counts = Object.fromEntries(
					progressStates.map((s) => [s, num(r[s])])
				) as Sums['counts'];
				const done = counts.approved + counts.exported;
				return {
					id: m.id,
					title: m.title,
					bookNumber: m.book_number,
					year: m.year,
					registerType: m.register_type,
					expected: num(r.expected),
					counts,
					done,
					rate: ratio(done, num(r.expected)) ?? 0
				};
			})
			.sort((a, b) => a.year - b.year || a.bookNumber.localeCompare(b.bookNumber));
	}

	/** Entries waiting at each stage and how long since they last moved (live, not projected). */
	private async workInProgress(codes: string[]): Promise<WorkInProgress[]> {
		const now = this.now().getTime();
		const ago = (days: number) => new Date(now - days * 86_400_000).toISOString();
		const [d1, d3, d7] = [ago(1), ago(3), ago(7)];
		const rows = await this.db
			.selectFrom('entry')
			.select([
				'state',
				(eb) => eb.fn.countAll<number>().as('n'),
				(eb) => eb.fn.min('updated_at').as('oldest'),
				sql<number>`sum(case when updated_at >= ${d1} then 1 else 0 end)`.as('lt1'),
				sql<number>`sum(case when updated_at < ${d1} and updated_at >= ${d3} then 1 else 0 end)`.as(
					'd1to3'
				),
				sql<number>`sum(case when updated_at < ${d3} and updated_at >= ${d7} then 1 else 0 end)`.as(
					'd3to7'
				),
				sql<number>`sum(case when updated_at < ${d7} then 1 else 0 end)`.as('gt7')
			])
			.where('state', 'in', [...workStates])
			.where('unit_code', 'in', codes)
			.groupBy('state')
			.execute();
		return workStates.map((state) => {
			const r = rows.find((x) => x.state === state);
			return {
				state,
				count: num(r?.n),
				oldest: (r?.oldest as string | null | undefined) ?? null,
				ages: { lt1: num(r?.lt1), d1to3: num(r?.d1to3), d3to7: num(r?.d3to7), gt7: num(r?.gt7) }
			};
		});
	}

	private async userNames(ids: string[]): Promise<Map<string, { name: string; role: string }>> {
		const unique = [...new Set(ids)];
		if (unique.length === 0) return new Map();
		const rows = await this.db
			.selectFrom('app_user')
			.select(['id', 'display_name', 'role'])
			.where('id', 'in', unique)
			.execute();
		return new Map(rows.map((r) => [r.id, { name: r.display_name, role: r.role }]));
	}
}

export interface DailyRow {
	unit: UnitInfo;
	expected: number;
	/** Entries approved (first time) by the end of the day, including those exported since. */
	done: number;
	/** The same by the end of the day before. */
	doneBefore: number;
	change: number;
	rate: number;
}

export interface DailyReport {
	unit: UnitInfo;
	day: Day;
	rows: DailyRow[];
	total: DailyRow;
}

/** Adds the daily report (unit, total to digitise, done, rate, change since yesterday). */
export class DailyReportService {
	constructor(
		private readonly db: Kysely<DB>,
		private readonly stats: StatsService,
		private readonly units: UnitService,
		private readonly projection: StatsProjection,
		private readonly now: () => Date
	) {}

	async report(user: SessionUser, q: { unit?: string; day?: Day }): Promise<DailyReport> {
		const unit = await this.stats.resolveUnit(user, q.unit);
		const day = q.day ?? localDay(this.now());
		await this.projection.refresh();
		const children = await this.units.children(unit.code);
		const groups: UnitInfo[] = children.length ? children : [unit];
		const groupOf = new Map<string, string>();
		for (const g of groups)
			for (const u of await this.units.subtree([g.code])) groupOf.set(u, g.code);
		const codes = [...groupOf.keys()];
		const [expected, done] = await Promise.all([
			this.db
				.selectFrom('stats_book')
				.select(['unit_code', (eb) => eb.fn.sum<number>('expected').as('n')])
				.where('unit_code', 'in', codes)
				.groupBy('unit_code')
				.execute(),
			this.db
				.selectFrom('stats_unit_day')
				.select([
					'unit_code',
					(eb) => eb.fn.sum<number>('approved').as('n'),
					sql<number>`sum(case when day = ${day} then approved else 0 end)`.as('today')
				])
				.where('unit_code', 'in', codes)
				.where('day', '<=', day)
				.groupBy('unit_code')
				.execute()
		]);
		const row = (u: UnitInfo): DailyRow => ({
			unit: u,
			expected: 0,
			done: 0,
			doneBefore: 0,
			change: 0,
			rate: 0
		});
		const rows = new Map(groups.map((g) => [g.code, row(g)]));
		for (const e of expected) {
			const r = rows.get(groupOf.get(e.unit_code) ?? '');
			if (r) r.expected += num(e.n);
		}
		for (const d of done) {
			const r = rows.get(groupOf.get(d.unit_code) ?? '');
			if (!r) continue;
			r.done += num(d.n);
			r.change += num(d.today);
		}
		const total = row(unit);
		for (const r of rows.values()) {
			r.doneBefore = r.done - r.change;
			r.rate = ratio(r.done, r.expected) ?? 0;
			total.expected += r.expected;
			total.done += r.done;
			total.change += r.change;
		}
		total.doneBefore = total.done - total.change;
		total.rate = ratio(total.done, total.expected) ?? 0;
		return {
			unit,
			day,
			rows: [...rows.values()].filter((r) => r.expected > 0 || r.done > 0),
			total
		};
	}
}

/** The `/api/v1/stats` body (DESIGN.md contract), plus `name`, `done`, `changeSinceYesterday`. */
export function statsBody(d: Dashboard) {
	const one = (f: UnitFigures) => ({
		unit: f.unit.code,
		name: f.unit.name,
		counts: {
			expected: f.sums.expected,
			imported: f.sums.counts.imported,
			prefilled: f.sums.counts.prefilled,
			inProgress: f.sums.counts.in_progress,
			submitted: f.sums.counts.submitted,
			returned: f.sums.counts.returned,
			approved: f.sums.counts.approved,
			exported: f.sums.counts.exported
		},
		done: f.done,
		changeSinceYesterday: f.doneOnLastDay,
		rate: f.rate,
		accuracy: {
			ocrFieldsKept: f.accuracy.ocrFieldsKept,
			ocrCer: f.accuracy.ocrCer,
			clerkFieldsChanged: f.accuracy.clerkFieldsChanged,
			firstPassApproval: f.accuracy.firstPassApproval,
			returnRate: f.accuracy.returnRate
		}
	});
	return { ...one(d.unit), from: d.from, to: d.to, children: d.children.map(one) };
}
