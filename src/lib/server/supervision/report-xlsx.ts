import ExcelJS from 'exceljs';
import type { DailyReport } from '../services/stats-service';
import { t, type Lang } from '../../i18n/index';

/** Text a spreadsheet could read as a formula (= + - @): kept as a string value in a text-formatted cell. */
const TEXT = '@';
const looksLikeFormula = (v: string) => /^[=+\-@\t\r]/.test(v);

/**
 * The daily report in the shape provinces report it: unit, total to digitise, done, rate, change
 * since yesterday; one row per unit below, then the total. Rates are real percentages (0,9483
 * formatted 94,83%), so the province can sum and sort them.
 */
export async function dailyReportXlsx(r: DailyReport, lang: Lang): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'sohoa';
	const ws = wb.addWorksheet(r.day);
	ws.addRow([t(lang, 'sup.reportTitle', { day: r.day })]).font = { bold: true };
	ws.addRow([r.unit.name]).getCell(1).numFmt = TEXT;
	ws.addRow([]);
	const head = ws.addRow([
		t(lang, 'sup.path'),
		t(lang, 'sup.expected'),
		t(lang, 'sup.done'),
		t(lang, 'sup.rate'),
		t(lang, 'sup.today')
	]);
	head.font = { bold: true };
	const add = (name: string, x: DailyReport['total'], bold = false) => {
		const row = ws.addRow([name, x.expected, x.done, x.rate, x.change]);
		// Always a string value (never a formula object), and a text cell for names like "=…".
		if (looksLikeFormula(name)) row.getCell(1).numFmt = TEXT;
		row.getCell(4).numFmt = '0.00%';
		row.getCell(2).numFmt = '#,##0';
		row.getCell(3).numFmt = '#,##0';
		row.getCell(5).numFmt = '#,##0';
		if (bold) row.font = { bold: true };
	};
	for (const row of r.rows) add(row.unit.name, row);
	add(t(lang, 'sup.total'), r.total, true);
	ws.getColumn(1).width = 40;
	for (const c of [2, 3, 4, 5]) ws.getColumn(c).width = 18;
	return new Uint8Array(await wb.xlsx.writeBuffer());
}
