import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/session-service';
import type { Access } from './access';
import { notFound } from '../errors';

export interface PageInfo {
	id: string;
	bookId: string;
	pageNo: number;
	width: number;
	height: number;
	blobHash: string;
	mime: string;
}

/** Scanned pages: their facts (size, image blob and type), only for users who may see the page's book. */
export class PageService {
	constructor(
		private readonly db: Kysely<DB>,
		private readonly access: Access
	) {}

	async get(user: SessionUser, id: string): Promise<PageInfo> {
		const row = await this.db
			.selectFrom('page')
			.innerJoin('book', 'book.id', 'page.book_id')
			.leftJoin('blob', 'blob.hash', 'page.blob_hash')
			.select([
				'page.id',
				'page.book_id',
				'page.page_no',
				'page.width',
				'page.height',
				'page.blob_hash',
				'book.unit_code',
				'blob.mime'
			])
			.where('page.id', '=', id)
			.executeTakeFirst();
		if (!row) throw notFound('page');
		await this.access.assertVisible(user, row.unit_code, 'page');
		return {
			id: row.id,
			bookId: row.book_id,
			pageNo: row.page_no,
			width: row.width,
			height: row.height,
			blobHash: row.blob_hash,
			mime: row.mime ?? 'application/octet-stream'
		};
	}
}
