import type { Kysely } from 'kysely';
import type { DB, UnitRow } from '../db/schema';
import unitsData from '../../units/units-2025.json';

export interface UnitInfo {
	code: string;
	name: string;
	level: UnitRow['level'];
	parent: string | null;
}

/**
 * The administrative tree. Units change a few times a decade, so the tree is read once into
 * memory and subtree questions are answered there.
 */
export class UnitService {
	#byCode = new Map<string, UnitInfo>();
	#children = new Map<string | null, UnitInfo[]>();
	#loaded: Promise<void> | undefined;

	constructor(private readonly db: Kysely<DB>) {}

	private load(): Promise<void> {
		return (this.#loaded ??= (async () => {
			const rows = await this.db.selectFrom('unit').selectAll().orderBy('code').execute();
			for (const r of rows) {
				const u: UnitInfo = { code: r.code, name: r.name, level: r.level, parent: r.parent_code };
				this.#byCode.set(u.code, u);
				const siblings = this.#children.get(u.parent) ?? [];
				siblings.push(u);
				this.#children.set(u.parent, siblings);
			}
		})());
	}

	async list(): Promise<UnitInfo[]> {
		await this.load();
		return [...this.#byCode.values()];
	}

	async get(code: string): Promise<UnitInfo | undefined> {
		await this.load();
		return this.#byCode.get(code);
	}

	async children(code: string | null): Promise<UnitInfo[]> {
		await this.load();
		return this.#children.get(code) ?? [];
	}

	/** Every unit at or below the given ones. */
	async subtree(codes: readonly string[]): Promise<Set<string>> {
		await this.load();
		const out = new Set<string>();
		const stack = [...codes];
		while (stack.length) {
			const code = stack.pop()!;
			if (out.has(code) || !this.#byCode.has(code)) continue;
			out.add(code);
			for (const c of this.#children.get(code) ?? []) stack.push(c.code);
		}
		return out;
	}

	/** Province → … → unit, for breadcrumbs and export folder names. */
	async path(code: string): Promise<UnitInfo[]> {
		await this.load();
		const out: UnitInfo[] = [];
		for (let u = this.#byCode.get(code); u; u = u.parent ? this.#byCode.get(u.parent) : undefined) {
			out.unshift(u);
		}
		return out;
	}
}

/** Loads the shipped tree (post-2025 units, from dvhcvn, MIT) into an empty unit table. */
export async function seedUnits(db: Kysely<DB>): Promise<number> {
	const existing = await db
		.selectFrom('unit')
		.select(db.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	if (Number(existing.n) > 0) return 0;
	const rows = (unitsData as UnitInfo[]).map((u) => ({
		code: u.code,
		name: u.name,
		level: u.level,
		parent_code: u.parent
	}));
	await db.transaction().execute(async (trx) => {
		// Parents first (the file lists each province before its communes); chunks keep statements small.
		for (let i = 0; i < rows.length; i += 500) {
			await trx
				.insertInto('unit')
				.values(rows.slice(i, i + 500))
				.execute();
		}
	});
	return rows.length;
}
