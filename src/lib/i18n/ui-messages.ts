/** Strings of the pages (books, workbench, review, dashboard, admin), both languages side by side. */
export const uiMessages = {
	'books.title': { vi: 'Sổ hộ tịch', en: 'Register books' },
	'books.clerkTitle': {
		vi: 'Danh sách công việc của cán bộ nhập liệu',
		en: "Data-entry clerk's work list"
	},
	'books.intro': {
		vi: 'Các quyển sổ của đơn vị bạn được giao. Chọn một quyển để nhập liệu.',
		en: 'The books of the units you work for. Open one to start entering.'
	},
	'books.empty': {
		vi: 'Chưa có quyển sổ nào được nhập vào hệ thống cho đơn vị của bạn.',
		en: 'No books have been imported for your units yet.'
	},
	'books.unit': { vi: 'Đơn vị', en: 'Unit' },
	'books.type': { vi: 'Loại sổ', en: 'Register type' },
	'books.number': { vi: 'Quyển số', en: 'Book no.' },
	'books.year': { vi: 'Năm', en: 'Year' },
	'books.entries': { vi: 'Số bản ghi', en: 'Entries' },
	'books.states': { vi: 'Theo trạng thái', en: 'By state' },
	'books.progress': { vi: 'Tiến độ duyệt', en: 'Approved' },
	'books.open': { vi: 'Mở quyển {number}', en: 'Open book {number}' },
	'books.entriesOfExpected': { vi: '{n} / {expected}', en: '{n} of {expected}' },

	'queue.title': { vi: 'Quyển số {number} ({year})', en: 'Book {number} ({year})' },
	'queue.back': { vi: '← Danh sách sổ', en: '← All books' },
	'queue.empty': {
		vi: 'Quyển sổ này chưa có bản ghi nào (đang chờ nhận dạng hoặc chưa quét).',
		en: 'This book has no entries yet (waiting for OCR, or not scanned).'
	},
	'queue.returnedNote': {
		vi: 'Có {n} bản ghi bị trả lại, cần sửa trước.',
		en: '{n} returned entries need fixing first.'
	},
	'queue.seq': { vi: 'STT', en: '#' },
	'queue.so': { vi: 'Số', en: 'Entry no.' },
	'queue.name': { vi: 'Họ và tên', en: 'Name' },
	'queue.page': { vi: 'Trang', en: 'Page' },
	'queue.state': { vi: 'Trạng thái', en: 'State' },
	'queue.reason': { vi: 'Lý do trả lại', en: 'Reason returned' },
	'queue.noName': { vi: '(chưa có tên)', en: '(no name yet)' },

	'pages.title': { vi: 'Các trang đã quét', en: 'Scanned pages' },
	'pages.summary': {
		vi: 'Đã nhận dạng {done}/{total} trang',
		en: 'OCR has read {done} of {total} pages'
	},
	'pages.page': { vi: 'Trang {n}', en: 'Page {n}' },
	'pages.pending': { vi: 'đang chờ nhận dạng', en: 'waiting for OCR' },
	'pages.done': { vi: 'đã nhận dạng, {n} bản ghi', en: 'read, {n} entries' },
	'pages.failed': { vi: 'không nhận dạng được: {reason}', en: 'could not be read: {reason}' },
	'pages.view': { vi: 'Xem ảnh trang {n}', en: 'View page {n}' },

	'entry.title': { vi: 'Bản ghi số {so} – {book}', en: 'Entry {so} – {book}' },
	'entry.titleNoSo': { vi: 'Bản ghi thứ {seq} – {book}', en: 'Entry #{seq} – {book}' },
	'entry.backToBook': { vi: '← Quay lại quyển sổ', en: '← Back to the book' },
	'entry.version': { vi: 'Phiên bản {version}', en: 'Version {version}' },
	'entry.returnedBecause': {
		vi: 'Bị trả lại với lý do: {reason}',
		en: 'Returned with the reason: {reason}'
	},
	'entry.readOnly': {
		vi: 'Chỉ xem: bạn không sửa được bản ghi ở trạng thái này.',
		en: 'Read only: you cannot change this entry in its current state.'
	},
	'entry.noSchema': {
		vi: 'Chưa có mẫu trường cho loại sổ "{type}": hiển thị mã trường.',
		en: 'No field template for register type "{type}" yet: showing field keys.'
	},
	'entry.colField': { vi: 'Trường', en: 'Field' },
	'entry.colValue': { vi: 'Giá trị như trong sổ', en: 'Value as written' },
	'entry.colOcr': { vi: 'Máy nhận dạng', en: 'OCR reading' },
	'entry.confidence': { vi: 'Độ tin cậy {value}%', en: 'Confidence {value}%' },
	'entry.lowConfidence': { vi: 'Độ tin cậy thấp, cần kiểm tra', en: 'Low confidence, check it' },
	'entry.required': { vi: 'bắt buộc', en: 'required' },
	'entry.save': { vi: 'Lưu', en: 'Save' },
	'entry.saveAndSubmit': { vi: 'Lưu và gửi duyệt', en: 'Save and submit' },
	'entry.submit': { vi: 'Gửi duyệt', en: 'Submit for review' },
	'entry.approve': { vi: 'Duyệt', en: 'Approve' },
	'entry.returnReason': { vi: 'Lý do trả lại', en: 'Reason for returning' },
	'entry.returnAction': { vi: 'Trả lại cho cán bộ nhập liệu', en: 'Return to the clerk' },
	'entry.review': { vi: 'Duyệt bản ghi', en: 'Review' },
	'entry.saved': { vi: 'Đã lưu (phiên bản {version}).', en: 'Saved (version {version}).' },
	'entry.submitted': { vi: 'Đã gửi duyệt.', en: 'Submitted for review.' },
	'entry.approved': { vi: 'Đã duyệt bản ghi.', en: 'Entry approved.' },
	'entry.returned': { vi: 'Đã trả lại bản ghi.', en: 'Entry returned.' },
	'entry.conflictTitle': {
		vi: 'Người khác đã sửa bản ghi này trong lúc bạn làm',
		en: 'Someone else changed this entry while you were working'
	},
	'entry.conflictHelp': {
		vi: 'Các giá trị bạn nhập vẫn còn trong ô bên dưới. So sánh với bản đã lưu, sửa lại nếu cần rồi bấm Lưu để ghi đè.',
		en: 'What you typed is still in the form below. Compare it with the saved version, adjust if needed, then Save to overwrite.'
	},
	'entry.conflictYours': { vi: 'Bạn nhập', en: 'Yours' },
	'entry.conflictTheirs': {
		vi: 'Bản đã lưu (phiên bản {version})',
		en: 'Saved (version {version})'
	},
	'entry.empty': { vi: '(trống)', en: '(empty)' },
	'entry.noImage': {
		vi: 'Bản ghi này chưa gắn với trang ảnh quét.',
		en: 'This entry is not linked to a scanned page.'
	},
	'entry.people': {
		vi: 'Người nhập: {transcriber} · Người gửi: {submitter}',
		en: 'Transcribed by: {transcriber} · Submitted by: {submitter}'
	},
	'entry.nobody': { vi: 'chưa có', en: 'nobody yet' },

	'image.label': { vi: 'Ảnh quét trang {page}', en: 'Scan of page {page}' },
	'image.zoomIn': { vi: 'Phóng to', en: 'Zoom in' },
	'image.zoomOut': { vi: 'Thu nhỏ', en: 'Zoom out' },
	'image.fitWidth': { vi: 'Vừa chiều ngang', en: 'Fit width' },
	'image.showPage': { vi: 'Cả trang', en: 'Whole page' },
	'image.showEntry': { vi: 'Vùng bản ghi', en: 'Entry only' },
	'image.openFull': { vi: 'Mở ảnh gốc', en: 'Open the original image' },
	'image.zoomLevel': { vi: 'Tỷ lệ {value}%', en: 'Zoom {value}%' },

	'review.title': {
		vi: 'Bản ghi chờ duyệt của công chức tư pháp – hộ tịch',
		en: "Civil-status officer's review queue"
	},
	'review.intro': {
		vi: 'Các bản ghi đã gửi duyệt trong đơn vị của bạn, gửi sớm nhất ở trên.',
		en: 'Entries submitted in your units, oldest first.'
	},
	'review.empty': { vi: 'Không có bản ghi nào chờ duyệt.', en: 'Nothing is waiting for review.' },
	'review.book': { vi: 'Quyển sổ', en: 'Book' },
	'review.since': { vi: 'Gửi lúc', en: 'Submitted' },
	'review.open': { vi: 'Duyệt', en: 'Review' },

	'dashboard.title': { vi: 'Tiến độ số hóa', en: 'Digitisation progress' },
	'dashboard.supervisorTitle': {
		vi: 'Bảng theo dõi tiến độ của lãnh đạo Phòng/Sở Tư pháp',
		en: "Supervisor's progress dashboard"
	},
	'dashboard.intro': {
		vi: 'Số bản ghi theo trạng thái ở từng đơn vị có sổ; tỷ lệ = đã duyệt (kể cả đã xuất) / số bản ghi dự kiến.',
		en: 'Entries by state in each unit with books; rate = approved (incl. exported) / expected entries.'
	},
	'dashboard.empty': {
		vi: 'Chưa có đơn vị nào trong phạm vi của bạn có sổ được nhập.',
		en: 'No unit in your scope has books yet.'
	},
	'dashboard.books': { vi: 'Số quyển', en: 'Books' },
	'dashboard.expected': { vi: 'Dự kiến', en: 'Expected' },
	'dashboard.rate': { vi: 'Tỷ lệ duyệt', en: 'Approval rate' },
	'dashboard.total': { vi: 'Tổng cộng', en: 'Total' },
	'dashboard.expectedHint': {
		vi: 'Sổ chưa khai báo số bản ghi dự kiến được tính theo số bản ghi đã có.',
		en: 'Books without an expected count use the entries found so far.'
	},

	'admin.title': { vi: 'Trang quản trị hệ thống', en: "Administrator's console" },
	'admin.users': { vi: 'Người dùng', en: 'Users' },
	'admin.username': { vi: 'Tên đăng nhập', en: 'Username' },
	'admin.displayName': { vi: 'Họ và tên', en: 'Full name' },
	'admin.role': { vi: 'Vai trò', en: 'Role' },
	'admin.units': { vi: 'Đơn vị', en: 'Units' },
	'admin.status': { vi: 'Tình trạng', en: 'Status' },
	'admin.active': { vi: 'Đang hoạt động', en: 'Active' },
	'admin.disabledState': { vi: 'Đã khóa', en: 'Disabled' },
	'admin.disable': { vi: 'Khóa tài khoản {username}', en: 'Disable {username}' },
	'admin.enable': { vi: 'Mở khóa {username}', en: 'Enable {username}' },
	'admin.disableShort': { vi: 'Khóa', en: 'Disable' },
	'admin.enableShort': { vi: 'Mở khóa', en: 'Enable' },
	'admin.you': { vi: '(bạn)', en: '(you)' },
	'admin.disabledDone': {
		vi: 'Đã khóa tài khoản {username}.',
		en: 'Account {username} disabled.'
	},
	'admin.enabledDone': {
		vi: 'Đã mở khóa tài khoản {username}.',
		en: 'Account {username} enabled.'
	},
	'admin.unitTree': { vi: 'Đơn vị hành chính', en: 'Administrative units' },
	'admin.unitSummary': {
		vi: '{provinces} tỉnh, thành phố và {communes} xã, phường, đặc khu (từ 01/07/2025).',
		en: '{provinces} provinces and {communes} communes (since 1 July 2025).'
	},
	'admin.unitDistricts': {
		vi: 'Còn {districts} đơn vị cấp huyện trong dữ liệu.',
		en: '{districts} district-level units remain in the data.'
	},
	'admin.addUser': { vi: 'Thêm người dùng', en: 'Add a user' },
	'admin.unitCodes': {
		vi: 'Mã đơn vị (cách nhau bởi dấu phẩy)',
		en: 'Unit codes (comma-separated)'
	},
	'admin.unitHint': {
		vi: 'Ví dụ: 66 (Tỉnh Đắk Lắk) hoặc 24121 (một xã).',
		en: 'For example 66 (a province) or 24121 (a commune).'
	},
	'admin.create': { vi: 'Tạo tài khoản', en: 'Create account' },
	'admin.created': {
		vi: 'Đã tạo tài khoản {username}. Mật khẩu (chỉ hiện một lần, hãy chuyển cho người dùng):',
		en: 'Account {username} created. Password (shown only once; pass it on):'
	},
	'admin.chooseRole': { vi: 'Chọn vai trò', en: 'Choose a role' },

	'group.header': { vi: 'Thông tin đăng ký', en: 'Registration' },
	'group.child': { vi: 'Người được khai sinh', en: 'Child' },
	'group.mother': { vi: 'Mẹ', en: 'Mother' },
	'group.father': { vi: 'Cha', en: 'Father' },
	'group.requester': { vi: 'Người đi đăng ký', en: 'Requester' },
	'group.deceased': { vi: 'Người chết', en: 'Deceased' },
	'group.deathNotice': { vi: 'Giấy báo tử', en: 'Death notice' },
	'group.husband': { vi: 'Chồng', en: 'Husband' },
	'group.wife': { vi: 'Vợ', en: 'Wife' },
	'group.notes': { vi: 'Ghi chú', en: 'Notes' },
	'group.other': { vi: 'Trường khác', en: 'Other fields' },

	'registerType.birth': { vi: 'Sổ đăng ký khai sinh', en: 'Birth register' },
	'registerType.death': { vi: 'Sổ đăng ký khai tử', en: 'Death register' },
	'registerType.marriage': { vi: 'Sổ đăng ký kết hôn', en: 'Marriage register' },

	'progress.label': {
		vi: '{done} trên {total} bản ghi đã duyệt',
		en: '{done} of {total} entries approved'
	},
	'common.percent': { vi: '{value}%', en: '{value}%' },
	'common.dash': { vi: '–', en: '–' }
} as const satisfies Record<string, { vi: string; en: string }>;
