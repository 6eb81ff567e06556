import type { Database } from '../../src/lib/server/db/connect';

/**
 * Watches OCR's progress during the run (pages no longer pending), so the results can say whether
 * the workers were busy for the whole run or ran out of pages before its end.
 */
export class OcrWatch {
	pagesRead = 0;
	/** Seconds from the start of the run until every page was read; null while some are left. */
	doneAtS: number | null = null;
	#timer: NodeJS.Timeout | null = null;

	constructor(
		private readonly database: Database,
		private readonly pages: number
	) {}

	start(began: number, everyMs = 5000): void {
		this.#timer = setInterval(() => void this.poll(began), everyMs);
	}

	async poll(began: number): Promise<void> {
		const row = await this.database.db
			.selectFrom('page')
			.select((eb) => eb.fn.countAll().as('n'))
			.where('ocr_state', '!=', 'pending')
			.executeTakeFirstOrThrow();
		this.pagesRead = Number(row.n);
		if (this.pagesRead >= this.pages && this.doneAtS === null) {
			this.doneAtS = (performance.now() - began) / 1000;
		}
	}

	async stop(began: number): Promise<void> {
		if (this.#timer) clearInterval(this.#timer);
		await this.poll(began);
		await this.database.close();
	}
}
