import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/session-service';
import type { UnitService } from './unit-service';
import type { EntryService, EntryView } from './entry-service';
import { lifecycleError } from './access';
import { appendAudit } from '../audit/audit-log';
import { AppError } from '../errors';
import { decide } from '../../verify/entry-lifecycle';
import { ResidentIndexBuilder, type ResidentView } from '../../verify/reconcile/resident-index';
import {
	Matcher,
	mergeCandidates,
	prepareEntry,
	type Agreements,
	type Candidate
} from '../../verify/reconcile/matcher';
import { entryToRecord, reconcileFieldMap } from '../../verify/reconcile/entry-fields';

export type Decision = 'linked' | 'absent' | 'undecided';

export interface CandidateView {
	residentId: string;
	score: number;
	match: boolean;
	agreements: Agreements;
	resident: Omit<ResidentView, 'id'>;
}

export interface DecisionView {
	decision: Decision;
	residentId: string | null;
	decidedBy: string;
	decidedAt: string;
	score: number | null;
	resident: Omit<ResidentView, 'id'> | null;
}

/** What the panel needs: candidates, the decision so far and which entry field each key fills. */
export interface CandidatesView {
	candidates: CandidateView[];
	decision: DecisionView | null;
	fieldMap: Record<string, string>;
}

interface Loaded {
	matcher: Matcher;
	fingerprint: string;
}

const PAGE = 20_000;

/**
 * Reconciliation of entries with the resident extracts of their unit, the units above it
 * (a province-wide extract) and below it. One index per unit that has extracts, built from the
 * database on first use and kept in memory, so a province's extract is loaded once for all its
 * communes; an index is rebuilt when an extract of its unit has been imported since (checked on
 * every request, so other processes' imports count too). Candidates of the indexes in scope are
 * ranked together.
 */
export class ReconcileService {
	readonly #cache = new Map<string, Promise<Loaded>>();

	constructor(
		private readonly db: Kysely<DB>,
		private readonly entries: EntryService,
		private readonly units: UnitService,
		private readonly now: () => Date
	) {}

	/** Drops the unit's index (called after an import in this process; others see the fingerprint). */
	invalidate(unitCode?: string): void {
		if (unitCode) this.#cache.delete(unitCode);
		else this.#cache.clear();
	}

	async candidates(
		user: SessionUser,
		entryId: string,
		live?: Record<string, string>,
		top = 5
	): Promise<CandidatesView> {
		const entry = await this.entries.get(user, entryId);
		const values: Record<string, string> = {};
		for (const [k, f] of Object.entries(entry.fields)) values[k] = f.value;
		const map = reconcileFieldMap(entry.type);
		// Live values from the form override what is saved (only the fields reconciliation reads).
		if (live)
			for (const field of Object.values(map)) if (field in live) values[field] = live[field] ?? '';
		const record = entryToRecord(entry.type, values);
		const n = Math.min(Math.max(top, 1), 20);
		const loaded = await this.#indexes(entry.unit);
		// Each extract's best, then one ranking: a commune's and its province's extracts together.
		const lists = loaded.map(({ matcher }) =>
			matcher.match(record, n + 1).map((c) => ({ ...c, matcher }))
		);
		const merged = mergeCandidates(lists, n) as (Candidate & { matcher: Matcher })[];
		const candidates = merged.map((c) => {
			const { id, ...resident } = c.matcher.view(c.index);
			return { residentId: id, score: c.score, match: c.match, agreements: c.agreements, resident };
		});
		// The link decision is part of the first keying: withheld by the same rule as its values.
		const decision = entry.fieldsWithheld ? null : await this.#decision(entryId);
		return { candidates, decision, fieldMap: map };
	}

	async decide(
		user: SessionUser,
		entryId: string,
		input: { decision: Decision; residentId?: string | null }
	): Promise<DecisionView> {
		const entry = await this.entries.get(user, entryId);
		if (user.role !== 'clerk' && user.role !== 'officer')
			throw new AppError(403, 'reconcile.roleForbidden');
		// Deciding is part of transcribing: the entry must be editable by this user now.
		const allowed = decide(facts(entry), 'edit', user);
		if (!allowed.ok) throw lifecycleError(allowed.code, allowed.params);
		let residentId: string | null = null;
		let score: number | null = null;
		if (input.decision === 'linked') {
			if (!input.residentId)
				throw new AppError(422, 'reconcile.badDecision', { detail: 'residentId is required' });
			const scope = await this.#scope(entry.unit);
			const row = await this.db
				.selectFrom('resident')
				.select(['id', 'unit_code'])
				.where('id', '=', input.residentId)
				.executeTakeFirst();
			if (!row || !scope.includes(row.unit_code))
				throw new AppError(422, 'reconcile.residentNotFound', { id: input.residentId });
			residentId = row.id;
			score = await this.#scoreOf(entry, row.id, row.unit_code);
		} else if (input.residentId) {
			throw new AppError(422, 'reconcile.badDecision', {
				detail: `residentId only goes with "linked"`
			});
		}
		const at = this.now().toISOString();
		await this.db.transaction().execute(async (trx) => {
			const before = await trx
				.selectFrom('entry_reconciliation')
				.selectAll()
				.where('entry_id', '=', entryId)
				.executeTakeFirst();
			const row = {
				entry_id: entryId,
				decision: input.decision,
				resident_id: residentId,
				decided_by: user.id,
				decided_at: at,
				score
			};
			if (before)
				await trx
					.updateTable('entry_reconciliation')
					.set(row)
					.where('entry_id', '=', entryId)
					.execute();
			else await trx.insertInto('entry_reconciliation').values(row).execute();
			await appendAudit(trx, {
				actorId: user.id,
				action: 'entry.reconcile',
				subjectType: 'entry',
				subjectId: entryId,
				data: {
					decision: input.decision,
					residentId,
					score,
					before: before ? { decision: before.decision, residentId: before.resident_id } : null
				},
				at
			});
		});
		return (await this.#decision(entryId))!;
	}

	async #scoreOf(entry: EntryView, residentId: string, unitCode: string): Promise<number | null> {
		const { matcher } = await this.#index(unitCode);
		const i = matcher.index.find(residentId);
		if (i < 0) return null;
		const values: Record<string, string> = {};
		for (const [k, f] of Object.entries(entry.fields)) values[k] = f.value;
		return matcher.scoreOf(prepareEntry(entryToRecord(entry.type, values)), i);
	}

	async #decision(entryId: string): Promise<DecisionView | null> {
		const r = await this.db
			.selectFrom('entry_reconciliation')
			.leftJoin('resident', 'resident.id', 'entry_reconciliation.resident_id')
			.select([
				'entry_reconciliation.decision',
				'entry_reconciliation.resident_id',
				'entry_reconciliation.decided_by',
				'entry_reconciliation.decided_at',
				'entry_reconciliation.score',
				'resident.full_name',
				'resident.birth_date',
				'resident.sex',
				'resident.birth_place',
				'resident.native_place',
				'resident.father_name',
				'resident.mother_name',
				'resident.residence',
				'resident.personal_id'
			])
			.where('entry_reconciliation.entry_id', '=', entryId)
			.executeTakeFirst();
		if (!r) return null;
		return {
			decision: r.decision,
			residentId: r.resident_id,
			decidedBy: r.decided_by,
			decidedAt: r.decided_at,
			score: r.score === null ? null : Number(r.score),
			resident: r.full_name
				? {
						full_name: r.full_name,
						birth_date: r.birth_date,
						sex: r.sex,
						birth_place: r.birth_place,
						native_place: r.native_place,
						father_name: r.father_name,
						mother_name: r.mother_name,
						residence: r.residence,
						personal_id: r.personal_id
					}
				: null
		};
	}

	/** The entry's unit, the units above it and the units below it. */
	async #scope(unitCode: string): Promise<string[]> {
		const up = (await this.units.path(unitCode)).map((u) => u.code);
		const down = await this.units.subtree([unitCode]);
		return [...new Set([...up, ...down])];
	}

	/** One index per unit that has extracts in the entry's scope (a province's is shared). */
	async #indexes(entryUnit: string): Promise<Loaded[]> {
		const scope = await this.#scope(entryUnit);
		const units = await this.db
			.selectFrom('resident_extract')
			.select('unit_code')
			.distinct()
			.where('unit_code', 'in', scope)
			.execute();
		return Promise.all(units.map((u) => this.#index(u.unit_code)));
	}

	async #fingerprint(unitCode: string): Promise<string> {
		const r = await this.db
			.selectFrom('resident_extract')
			.select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('imported_at').as('last')])
			.where('unit_code', '=', unitCode)
			.executeTakeFirstOrThrow();
		return `${Number(r.n)}:${r.last ?? ''}`;
	}

	/** The index of one unit's residents: cached, rebuilt when an extract of it was imported since. */
	async #index(unitCode: string): Promise<Loaded> {
		const fingerprint = await this.#fingerprint(unitCode);
		const cached = this.#cache.get(unitCode);
		if (cached) {
			const loaded = await cached.catch(() => null);
			if (loaded && loaded.fingerprint === fingerprint) return loaded;
		}
		const building = this.#build(unitCode, fingerprint);
		this.#cache.set(unitCode, building);
		building.catch(() => this.#cache.delete(unitCode));
		return building;
	}

	async #build(unitCode: string, fingerprint: string): Promise<Loaded> {
		const builder = new ResidentIndexBuilder();
		let after = '';
		for (;;) {
			const rows = await this.db
				.selectFrom('resident')
				.select([
					'id',
					'full_name',
					'birth_date',
					'sex',
					'birth_place',
					'native_place',
					'father_name',
					'mother_name',
					'residence',
					'personal_id'
				])
				.where('unit_code', '=', unitCode)
				.where('id', '>', after)
				.orderBy('id')
				.limit(PAGE)
				.execute();
			for (const r of rows) builder.add(r);
			if (rows.length < PAGE) break;
			after = rows[rows.length - 1]!.id;
		}
		return { matcher: new Matcher(builder.build()), fingerprint };
	}
}

function facts(e: EntryView) {
	return {
		state: e.state,
		transcribedBy: e.transcribedBy,
		lastEditedBy: e.lastEditedBy,
		submittedBy: e.submittedBy
	};
}
