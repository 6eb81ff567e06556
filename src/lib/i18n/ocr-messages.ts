/**
 * What OCR refusals and field warnings say. Codes come from src/lib/ocr (pipeline, pdf-images,
 * postprocess/fields, book-page); `{file}` is the scan's name or the book page it came from.
 */
export const ocrMessages = {
	'ocr.unreadableFile': {
		vi: 'Không mở được tệp {file} ({reason}).',
		en: 'Cannot open the file {file} ({reason}).'
	},
	'ocr.emptyFile': { vi: 'Tệp {file} rỗng.', en: 'The file {file} is empty.' },
	'ocr.unsupportedFormat': {
		vi: '{file} không phải ảnh quét PNG, JPEG, TIFF, WebP hay PDF.',
		en: '{file} is not a PNG, JPEG, TIFF, WebP or PDF scan.'
	},
	'ocr.tooManyPixels': {
		vi: 'Ảnh {file}, trang {page} quá lớn để xử lý; hãy quét lại ở 200–300 dpi.',
		en: 'The image {file}, page {page}, is too large to process; rescan at 200–300 dpi.'
	},
	'ocr.corruptImage': {
		vi: 'Ảnh {file}, trang {page} bị hỏng hoặc không đầy đủ ({detail}).',
		en: 'The image {file}, page {page}, is damaged or incomplete ({detail}).'
	},
	'ocr.imageFailed': {
		vi: 'Không xử lý được ảnh {file}, trang {page} ({detail}).',
		en: 'Could not process the image {file}, page {page} ({detail}).'
	},
	'ocr.pdfEncrypted': {
		vi: 'Tệp PDF {file} có mật khẩu; hãy xuất lại bản không mã hóa.',
		en: 'The PDF {file} is password-protected; export it again without encryption.'
	},
	'ocr.pdfCorrupt': {
		vi: 'Tệp PDF {file} bị hỏng, không đọc được.',
		en: 'The PDF {file} is damaged and cannot be read.'
	},
	'ocr.pdfEmpty': { vi: 'Tệp PDF {file} không có trang nào.', en: 'The PDF {file} has no pages.' },
	'ocr.pdfPageNoImage': {
		vi: 'Trang {page} của {file} không có ảnh quét (PDF văn bản?).',
		en: 'Page {page} of {file} has no scanned image (a text PDF?).'
	},
	'ocr.pdfImageUnsupported': {
		vi: 'Ảnh trên trang {page} của {file} có định dạng chưa hỗ trợ ({detail}).',
		en: 'The image on page {page} of {file} is in an unsupported format ({detail}).'
	},
	'ocr.noTemplate': {
		vi: 'Chưa có mẫu trang cho loại sổ {type}; không tách được các mục.',
		en: 'There is no page layout for {type} books; entries cannot be found.'
	},
	'ocr.unknownTemplate': {
		vi: 'Không có mẫu trang "{id}".',
		en: 'There is no page layout "{id}".'
	},
	'ocr.noEntries': {
		vi: 'Không tìm thấy mục nào trên trang {page}; kiểm tra ảnh quét và mẫu trang.',
		en: 'No entries were found on page {page}; check the scan and the page layout.'
	},
	'ocr.lowConfidence': {
		vi: 'OCR không chắc chắn: hãy đối chiếu với ảnh.',
		en: 'OCR is unsure: check against the image.'
	},
	'ocr.empty': { vi: 'OCR không đọc được gì ở ô này.', en: 'OCR read nothing in this box.' },
	'ocr.kindMismatch': {
		vi: 'Giá trị OCR không đúng dạng của trường này.',
		en: "The OCR value does not have this field's form."
	},
	'ocr.notVietnamese': {
		vi: 'Có từ không phải âm tiết tiếng Việt: có thể đọc sai.',
		en: 'A word is not a Vietnamese syllable: likely misread.'
	},
	'ocr.pageUnreliable': {
		vi: 'Phần lớn trang này đọc không chắc chắn: hãy kiểm tra mọi trường với ảnh.',
		en: 'Most of this page read poorly: check every field against the image.'
	},
	'ocr.tableMisaligned': {
		vi: 'Bảng tìm thấy trên trang không khớp với mẫu sổ (số dòng hoặc vị trí cột): hãy kiểm tra mọi trường với ảnh.',
		en: "The table found on this page does not match the register's layout (rows or columns): check every field against the image."
	}
} as const;
