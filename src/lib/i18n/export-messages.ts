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
	}
} as const satisfies Record<string, { vi: string; en: string }>;
