/**
 * What the demo wrote on page 1 of Tân Lập's 2012 book (the clean scan): each entry's child's
 * name and its ink box, by rendering the page again from the demo's seeds. Run with tsx; prints
 * JSON. The e2e test asks the browser to read these boxes and compares with these values.
 */
import { demoBooks } from '../../../src/lib/server/demo/demo-books';
import { generateEntries } from '../../../src/lib/synth/index';
import { renderRegisterPage } from '../../../src/lib/ocr/synth/render-page';
import { loadTemplate } from '../../../src/lib/ocr/templates/index';

const book = demoBooks.find((b) => b.unit === '24121')!;
const template = loadTemplate('birth-table-v1');
const seed = `demo:${book.unit}:${book.year}:${book.bookNumber}`;
const entries = generateEntries({
	type: 'birth',
	count: book.entries,
	year: book.year,
	bookNumber: book.bookNumber,
	seed,
	place: book.place,
	entriesPerPage: template.entriesPerPage
});
const page = await renderRegisterPage({
	template,
	entries: entries.slice(0, template.entriesPerPage),
	pageNumber: 1,
	seed: `${seed}:p1`
});
const names = page.truth.entries
	.map((e) => e.fields.nksHoTen)
	.filter((f) => f?.bbox)
	.map((f) => ({ value: f!.value, bbox: f!.bbox! }));
process.stdout.write(JSON.stringify({ width: page.width, height: page.height, names }));
