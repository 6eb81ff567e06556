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
	}
} as const satisfies Record<string, { vi: string; en: string }>;
