/**
 * What corrections of an entry's region say (src/lib/server/services/entry-region-service.ts,
 * src/lib/verify/entry-regions.ts), what re-reading a region in the browser says
 * (src/lib/ocr/browser/region-ocr.ts), and the strings of the region-OCR tool page.
 */
export const regionMessages = {
	'region.noPage': {
		vi: 'Bản ghi này chưa gắn với trang ảnh quét nào nên không thể vẽ vùng.',
		en: 'This entry is not linked to a scanned page, so no region can be drawn.'
	},
	'region.noRegion': {
		vi: 'Bản ghi này chưa có vùng trên trang ảnh; hãy vẽ vùng trước khi tách.',
		en: 'This entry has no region on its page yet; draw one before splitting.'
	},
	'region.outOfPage': {
		vi: 'Vùng vẽ ra ngoài trang ảnh (trang rộng {width} × cao {height} điểm ảnh).',
		en: 'The region leaves the page (the page is {width} × {height} pixels).'
	},
	'region.empty': {
		vi: 'Vùng không có diện tích: góc trên trái phải nằm trên và bên trái góc dưới phải.',
		en: 'The region has no area: its top-left corner must lie above and left of its bottom-right.'
	},
	'region.splitOutside': {
		vi: 'Đường tách y = {y} phải nằm trong vùng của bản ghi (từ {top} đến {bottom}).',
		en: 'The split line y = {y} must lie inside the entry’s region (from {top} to {bottom}).'
	},
	'region.splitTooClose': {
		vi: 'Đường tách quá sát mép vùng: mỗi phần phải cao ít nhất {min} điểm ảnh.',
		en: 'The split line is too close to the region’s edge: each part must be at least {min} pixels high.'
	},
	'region.splitNotReread': {
		vi: 'Bản ghi mới chưa được nhận dạng lại; các ô nằm ở phần dưới đã chuyển sang cùng giá trị. Dùng “Nhận dạng vùng” để đọc các ô còn thiếu.',
		en: 'The new entry has not been read again; the fields in the lower part moved with their values. Use “Read region” for any missing field.'
	},
	'region.mergeSelf': {
		vi: 'Không thể gộp một bản ghi với chính nó.',
		en: 'An entry cannot be merged with itself.'
	},
	'region.mergeNotNext': {
		vi: 'Chỉ gộp được với bản ghi ngay sau trong cùng quyển sổ.',
		en: 'An entry can only be merged with the one right after it in the same book.'
	},
	'region.mergeOtherPage': {
		vi: 'Hai bản ghi không nằm trên cùng một trang ảnh nên không gộp được.',
		en: 'The two entries are not on the same scanned page, so they cannot be merged.'
	},
	'region.mergeConflict': {
		vi: 'Không gộp được: hai bản ghi có giá trị khác nhau ở các trường {fields}. Hãy sửa hoặc xóa một bên trước.',
		en: 'Cannot merge: the two entries hold different values for {fields}. Correct or clear one side first.'
	},
	'region.concurrentChange': {
		vi: 'Thứ tự bản ghi trong quyển vừa bị thay đổi cùng lúc; hãy tải lại và thử lại.',
		en: 'The order of this book’s entries changed at the same moment; reload and try again.'
	},
	'region.unknownField': {
		vi: 'Trường "{key}" không có trong mẫu sổ này.',
		en: 'The field "{key}" is not in this register type.'
	},

	'regionOcr.badBox': {
		vi: 'Vùng cần đọc không hợp lệ hoặc nằm ngoài ảnh ({width} × {height}).',
		en: 'The region to read is invalid or outside the image ({width} × {height}).'
	},
	'regionOcr.imageNotLoaded': {
		vi: 'Ảnh trang chưa tải được, không thể đọc vùng ({detail}).',
		en: 'The page image could not be loaded, so the region cannot be read ({detail}).'
	},
	'regionOcr.assetMissing': {
		vi: 'Không tải được bộ nhận dạng chữ từ máy chủ ({detail}).',
		en: 'The OCR engine could not be loaded from the server ({detail}).'
	},
	'regionOcr.unsupported': {
		vi: 'Trình duyệt này không chạy được nhận dạng chữ (thiếu canvas, Web Worker hoặc WebAssembly).',
		en: 'This browser cannot run OCR (no canvas, Web Worker or WebAssembly).'
	},
	'regionOcr.failed': {
		vi: 'Nhận dạng vùng thất bại ({detail}).',
		en: 'Reading the region failed ({detail}).'
	},

	'regionTool.title': { vi: 'Thử OCR vùng ảnh', en: 'Try OCR on a region' },
	'regionTool.intro': {
		vi: 'Chọn một trang ảnh quét, kéo chuột để khoanh vùng (hoặc nhập tọa độ), rồi bấm “Nhận dạng vùng”. Việc nhận dạng chạy ngay trong trình duyệt, không gửi ảnh đi đâu.',
		en: 'Pick a scanned page, drag to draw a region (or type its corners), then press “Read region”. OCR runs in this browser; the image goes nowhere.'
	},
	'regionTool.pageId': { vi: 'Mã trang ảnh', en: 'Page id' },
	'regionTool.load': { vi: 'Mở trang', en: 'Open page' },
	'regionTool.kind': { vi: 'Loại trường', en: 'Field kind' },
	'regionTool.run': { vi: 'Nhận dạng vùng', en: 'Read region' },
	'regionTool.running': { vi: 'Đang nhận dạng…', en: 'Reading…' },
	'regionTool.text': { vi: 'Kết quả', en: 'Text read' },
	'regionTool.confidence': { vi: 'Độ tin cậy', en: 'Confidence' },
	'regionTool.issues': { vi: 'Cần xem lại', en: 'Needs a look' },
	'regionTool.time': { vi: 'Thời gian: {ms} ms', en: 'Time: {ms} ms' },
	'regionTool.noIssues': { vi: 'Không có', en: 'None' },
	'regionTool.imageAlt': { vi: 'Ảnh quét trang {id}', en: 'Scan of page {id}' }
} as const satisfies Record<string, { vi: string; en: string }>;
