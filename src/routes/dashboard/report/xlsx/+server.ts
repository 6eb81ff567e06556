import type { RequestHandler } from './$types';
import { pageError } from '$lib/server/http';
import { parseQuery, reportQuery } from '$lib/server/supervision/schemas';
import { dailyReportXlsx } from '$lib/server/supervision/report-xlsx';

/** The daily report as XLSX, named by unit code and day (ASCII by construction). */
export const GET: RequestHandler = async ({ locals, url }) => {
	try {
		const r = await locals.services.dailyReports.report(
			locals.user!,
			parseQuery(url.searchParams, reportQuery)
		);
		const bytes = await dailyReportXlsx(r, locals.lang);
		return new Response(new Uint8Array(bytes), {
			headers: {
				'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				'Content-Length': String(bytes.byteLength),
				'Content-Disposition': `attachment; filename="bao-cao-${r.unit.code}-${r.day}.xlsx"`,
				'Cache-Control': 'private, no-store'
			}
		});
	} catch (e) {
		pageError(e, locals.lang);
	}
};
