import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/session-service';
import type { Access } from './access';
import type { UnitService } from './unit-service';
import { appendAudit } from '../audit/audit-log';
import { AppError } from '../errors';
import { collapseSpaces, matchKey, toNfc } from '../../text/vietnamese';
import { formatDate, parseDate } from '../../dates/partial-date';

/** One person of a resident-database extract, in the `sohoa reconcile` contract's canonical keys. */
export interface ResidentInput {
	full_name: string;
	birth_date?: string | null;
	sex?: string | null;
	personal_id?: string | null;
	birth_place?: string | null;
	native_place?: string | null;
	father_name?: string | null;
	mother_name?: string | null;
	residence?: string | null;
}

export interface RowProblem {
	/** 1-based row of the extract. */
	row: number;
	code: 'resident.nameMissing' | 'resident.badBirthDate';
	value?: string;
}

/** At most this many row problems are reported; the rest are counted. */
const MAX_PROBLEMS = 50;
const INSERT_CHUNK = 500;

const clean = (v: string | null | undefined): string | null => {
	const s = v == null ? '' : collapseSpaces(toNfc(v));
	return s === '' ? null : s;
};

/**
 * Extracts of the resident (population) database, one per import, kept per commune. An extract is
 * all-or-nothing: a row that cannot be read refuses the whole file, naming the rows, so a clerk
 * never reconciles against half an extract.
 */
export class ResidentService {
	constructor(
		private readonly db: Kysely<DB>,
		private readonly access: Access,
		private readonly units: UnitService,
		private readonly now: () => Date
	) {}

	async importExtract(
		actor: SessionUser | null,
		input: { unitCode: string; fileName: string; rows: readonly ResidentInput[] }
	): Promise<{ extractId: string; rows: number }> {
		if (!(await this.units.get(input.unitCode)))
			throw new AppError(422, 'unit.unknown', { code: input.unitCode });
		if (actor) await this.access.assertVisible(actor, input.unitCode, 'unit');
		if (input.rows.length === 0) throw new AppError(422, 'resident.emptyExtract');

		const problems: RowProblem[] = [];
		let problemCount = 0;
		const extractId = randomUUID();
		const records = input.rows.map((r, i) => {
			const fullName = clean(r.full_name);
			const birth = clean(r.birth_date);
			const parsed = birth ? parseDate(birth) : null;
			const problem: RowProblem | null = !fullName
				? { row: i + 1, code: 'resident.nameMissing' }
				: parsed && !parsed.ok
					? { row: i + 1, code: 'resident.badBirthDate', value: birth ?? '' }
					: null;
			if (problem && ++problemCount <= MAX_PROBLEMS) problems.push(problem);
			const date = parsed?.ok ? parsed.value : null;
			return {
				id: randomUUID(),
				extract_id: extractId,
				unit_code: input.unitCode,
				personal_id: clean(r.personal_id)?.replace(/\s/g, '') ?? null,
				full_name: fullName ?? '',
				birth_date: date ? formatDate(date) : null,
				sex: clean(r.sex),
				birth_place: clean(r.birth_place),
				native_place: clean(r.native_place),
				father_name: clean(r.father_name),
				mother_name: clean(r.mother_name),
				residence: clean(r.residence),
				name_key: matchKey(fullName ?? ''),
				birth_year: date?.year ?? null
			};
		});
		if (problemCount > 0) {
			throw new AppError(
				422,
				'resident.badRows',
				{ count: problemCount, file: input.fileName },
				{ problems }
			);
		}

		const at = this.now().toISOString();
		await this.db.transaction().execute(async (trx) => {
			await trx
				.insertInto('resident_extract')
				.values({
					id: extractId,
					unit_code: input.unitCode,
					file_name: input.fileName,
					rows: records.length,
					imported_at: at,
					imported_by: actor?.id ?? null
				})
				.execute();
			for (let i = 0; i < records.length; i += INSERT_CHUNK) {
				await trx
					.insertInto('resident')
					.values(records.slice(i, i + INSERT_CHUNK))
					.execute();
			}
			await appendAudit(trx, {
				actorId: actor?.id ?? null,
				action: 'residents.import',
				subjectType: 'resident_extract',
				subjectId: extractId,
				data: { unit: input.unitCode, file: input.fileName, rows: records.length },
				at
			});
		});
		return { extractId, rows: records.length };
	}

	/** Residents of the unit's extracts, for the reconciliation blocking keys. */
	count(unitCode: string): Promise<number> {
		return this.db
			.selectFrom('resident')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('unit_code', '=', unitCode)
			.executeTakeFirstOrThrow()
			.then((r) => Number(r.n));
	}
}
