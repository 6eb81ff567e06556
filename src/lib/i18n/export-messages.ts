/**
 * What the export package (per-entry PDFs, the import Excel, one zip per book) says: refusals from
 * src/lib/export and src/lib/server/export, and the export page's labels.
 */
export const exportMessages = {
	'export.patternInvalid': {
		vi: 'Quy tắc đặt tên tệp "{pattern}" không hợp lệ: chỉ dùng chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới và các mục {type} {year} {book} {so} {seq} {name} {sex}.',
		en: 'The file-name rule "{pattern}" is invalid: use only ASCII letters, digits, dots, hyphens, underscores and the tokens {type} {year} {book} {so} {seq} {name} {sex}.'
	},
	'export.patternUnknownToken': {
		vi: 'Quy tắc đặt tên tệp "{pattern}" có mục không biết; các mục là {type} {year} {book} {so} {seq} {name} {sex}.',
		en: 'The file-name rule "{pattern}" has an unknown token; the tokens are {type} {year} {book} {so} {seq} {name} {sex}.'
	},
	'export.patternNotIdentifying': {
		vi: 'Quy tắc đặt tên tệp "{pattern}" phải có {so}, {seq} hoặc {name} để phân biệt các trường hợp.',
		en: 'The file-name rule "{pattern}" must contain {so}, {seq} or {name} to tell entries apart.'
	},
	'export.nothingToExport': {
		vi: 'Sổ này chưa có trường hợp nào đã duyệt để xuất.',
		en: 'This book has no approved entry to export.'
	},
	'export.held': {
		vi: 'Sổ này đang bị giữ lại, chưa được xuất: {reason}.',
		en: 'This book is held back from export: {reason}.'
	},
	'export.inProgress': {
		vi: 'Sổ này đang được xuất; chờ lần xuất hiện tại xong.',
		en: 'This book is being exported; wait for the current export to finish.'
	},
	'export.entryChanged': {
		vi: 'Trường hợp số thứ tự {seq} vừa được sửa trong lúc xuất; hãy xuất lại.',
		en: 'Entry {seq} was changed while the export ran; export again.'
	},
	'export.failed': {
		vi: 'Xuất không thành công: {reason}',
		en: 'The export failed: {reason}'
	},
	'export.scanUnreadable': {
		vi: 'Không đọc được ảnh quét trang {page} của sổ ({detail}); hãy nhập lại trang này.',
		en: 'The scan of book page {page} cannot be read ({detail}); import that page again.'
	},
	'export.noScan': {
		vi: 'không có ảnh quét của trang sổ',
		en: 'no scan of its book page'
	},
	'export.duplicate.sameRegistration': {
		vi: 'trùng nơi đăng ký, quyển, năm và số',
		en: 'same registering body, book, year and number'
	},
	'export.duplicate.samePerson': {
		vi: 'trùng họ tên và ngày sinh',
		en: 'same name and date of birth'
	},
	'export.title': { vi: 'Xuất dữ liệu: {book}', en: 'Export: {book}' },
	'export.back': { vi: '← Về sổ', en: '← Back to the book' },
	'export.link': { vi: 'Xuất dữ liệu', en: 'Export' },
	'export.intro': {
		vi: 'Mỗi trường hợp đã duyệt thành một tệp PDF (tối đa 100 KB); cả sổ thành một tệp .zip và một tệp Excel theo mẫu nhập của Bộ Tư pháp.',
		en: 'Each approved entry becomes one PDF (at most 100 KB); the book becomes one .zip and one Excel file in the Ministry of Justice import template.'
	},
	'export.counts': {
		vi: 'Đã duyệt, chưa xuất: {approved} · Đã xuất: {exported}',
		en: 'Approved, not exported: {approved} · Exported: {exported}'
	},
	'export.changed': {
		vi: '{n} trường hợp đã sửa sau lần xuất trước: cần xuất lại.',
		en: '{n} entries changed since their last export: export again.'
	},
	'export.namePattern': { vi: 'Quy tắc đặt tên tệp', en: 'File-name rule' },
	'export.greyscale': {
		vi: 'Ảnh đen trắng (mặc định: ảnh màu)',
		en: 'Greyscale images (default: colour)'
	},
	'export.start': { vi: 'Xuất sổ', en: 'Export the book' },
	'export.state.queued': { vi: 'Đang chờ xuất…', en: 'Waiting to export…' },
	'export.state.running': { vi: 'Đang xuất…', en: 'Exporting…' },
	'export.state.done': {
		vi: 'Đã xuất {n} trường hợp lúc {at}.',
		en: 'Exported {n} entries at {at}.'
	},
	'export.state.failed': { vi: 'Xuất không thành công.', en: 'The export failed.' },
	'export.downloadZip': { vi: 'Tải tệp .zip ({name})', en: 'Download the .zip ({name})' },
	'export.downloadXlsx': { vi: 'Tải tệp Excel ({name})', en: 'Download the Excel ({name})' },
	'export.pdfSizes': {
		vi: 'PDF lớn nhất {largest} KB (giới hạn {limit} KB); {whole} trường hợp xuất cả trang.',
		en: 'Largest PDF {largest} KB (limit {limit} KB); {whole} entries exported as a whole page.'
	},
	'export.legibility': {
		vi: 'Kiểm tra đọc được: nhận dạng lại {checked} tệp, tìm thấy đủ họ tên trong {passed}.',
		en: 'Legibility: {checked} files read back by OCR, the full name found in {passed}.'
	},
	'export.duplicatesTitle': { vi: 'Trùng lặp', en: 'Duplicates' },
	'export.duplicateExcluded': {
		vi: 'Số thứ tự {seq} trùng với một trường hợp của "{book}" ({reason}): không xuất.',
		en: 'Entry {seq} repeats one of "{book}" ({reason}): not exported.'
	},
	'export.duplicateReported': {
		vi: 'Số thứ tự {seq} trùng với một trường hợp chưa xuất của "{book}" ({reason}): vẫn xuất; sổ kia sẽ bỏ qua.',
		en: 'Entry {seq} repeats a not yet exported one of "{book}" ({reason}): exported; the other book will leave it out.'
	},
	'export.leftOut': {
		vi: 'Số thứ tự {seq} không xuất: {reason}.',
		en: 'Entry {seq} not exported: {reason}.'
	}
} as const satisfies Record<string, { vi: string; en: string }>;
