/**
 * Reconciliation with resident extracts: import refusals, decision refusals, and the candidate
 * panel's labels (field names and agreement levels: "tên: khớp", "năm sinh: lệch 1").
 */
export const reconcileMessages = {
	'resident.unknownLayout': {
		vi: 'Không nhận ra tiêu đề cột của tệp {file}. Tìm thấy: {found}. Cần có (ít nhất cột họ tên): {expected}.',
		en: 'The column headers of {file} are not recognised. Found: {found}. Expected (at least the full name): {expected}.'
	},
	'resident.unreadableFile': {
		vi: 'Không đọc được tệp {file} ({reason}).',
		en: 'Cannot read the file {file} ({reason}).'
	},
	'resident.unclosedQuote': {
		vi: 'Tệp {file}: dấu ngoặc kép mở ở dòng {row} không được đóng.',
		en: 'File {file}: the quote opened on line {row} is never closed.'
	},
	'reconcile.badDecision': {
		vi: 'Quyết định đối chiếu không hợp lệ: {detail}.',
		en: 'Invalid reconciliation decision: {detail}.'
	},
	'reconcile.residentNotFound': {
		vi: 'Không có người {id} trong dữ liệu dân cư của đơn vị này.',
		en: 'Resident {id} is not in this unit’s resident extract.'
	},
	'reconcile.roleForbidden': {
		vi: 'Chỉ cán bộ nhập liệu và công chức hộ tịch được đối chiếu.',
		en: 'Only clerks and civil-status officers may reconcile.'
	},

	'reconcile.title': { vi: 'Đối chiếu dữ liệu dân cư', en: 'Resident database' },
	'reconcile.loading': { vi: 'Đang tìm…', en: 'Searching…' },
	'reconcile.none': {
		vi: 'Không tìm thấy người phù hợp trong dữ liệu dân cư.',
		en: 'No matching person in the resident extract.'
	},
	'reconcile.failed': {
		vi: 'Không tải được ứng viên ({detail}).',
		en: 'Could not load candidates ({detail}).'
	},
	'reconcile.link': { vi: 'Liên kết', en: 'Link' },
	'reconcile.absent': { vi: 'Không có trong dữ liệu dân cư', en: 'Not in the extract' },
	'reconcile.undecided': { vi: 'Chưa quyết định', en: 'Undecided' },
	'reconcile.decision.linked': { vi: 'Đã liên kết với {name}', en: 'Linked to {name}' },
	'reconcile.decision.absent': { vi: 'Không có trong dữ liệu dân cư', en: 'Not in the extract' },
	'reconcile.decision.undecided': { vi: 'Chưa quyết định', en: 'Undecided' },
	'reconcile.safeMatch': { vi: 'khớp chắc chắn', en: 'safe match' },
	'reconcile.score': { vi: 'độ tin cậy {score}%', en: 'confidence {score}%' },
	'reconcile.differences': {
		vi: 'Khác nhau giữa sổ và dữ liệu dân cư (giữ giá trị trong sổ):',
		en: 'Book and extract differ (the book’s value is kept):'
	},
	'reconcile.difference': {
		vi: '{field}: sổ "{book}", dân cư "{extract}"',
		en: '{field}: book "{book}", extract "{extract}"'
	},
	'reconcile.fill': {
		vi: 'Điền ô trống từ dữ liệu dân cư',
		en: 'Fill empty fields from the extract'
	},
	'reconcile.filledFrom': { vi: 'Nguồn: dữ liệu dân cư', en: 'Source: resident extract' },

	'reconcile.field.full_name': { vi: 'tên', en: 'name' },
	'reconcile.field.birth_date': { vi: 'năm sinh', en: 'birth date' },
	'reconcile.field.sex': { vi: 'giới tính', en: 'sex' },
	'reconcile.field.personal_id': { vi: 'số định danh', en: 'personal ID' },
	'reconcile.field.father_name': { vi: 'cha', en: 'father' },
	'reconcile.field.mother_name': { vi: 'mẹ', en: 'mother' },
	'reconcile.field.birth_place': { vi: 'nơi sinh', en: 'birth place' },

	'reconcile.level.exact': { vi: 'khớp', en: 'same' },
	'reconcile.level.agree': { vi: 'khớp', en: 'same' },
	'reconcile.level.folded': { vi: 'khớp (khác dấu)', en: 'same (accents differ)' },
	'reconcile.level.noMiddle': { vi: 'khớp (thiếu tên đệm)', en: 'same (middle name missing)' },
	'reconcile.level.close': { vi: 'khớp gần đúng', en: 'close' },
	'reconcile.level.givenOnly': { vi: 'chỉ trùng tên', en: 'given name only' },
	'reconcile.level.partial': { vi: 'khớp một phần', en: 'same as far as known' },
	'reconcile.level.swapped': { vi: 'ngày tháng đảo', en: 'day and month swapped' },
	'reconcile.level.sameYear': { vi: 'cùng năm', en: 'same year' },
	'reconcile.level.yearOff1': { vi: 'lệch 1', en: 'off by 1 year' },
	'reconcile.level.sameUnit': { vi: 'cùng đơn vị', en: 'same unit' },
	'reconcile.level.sameProvince': { vi: 'cùng tỉnh', en: 'same province' },
	'reconcile.level.differ': { vi: 'khác', en: 'differs' },
	'reconcile.level.missing': { vi: 'không có', en: 'not given' },

	'residentsAdmin.title': { vi: 'Dữ liệu dân cư', en: 'Resident extracts' },
	'residentsAdmin.back': { vi: '← Quản trị', en: '← Administration' },
	'residentsAdmin.link': { vi: 'Nhập dữ liệu dân cư', en: 'Import resident extracts' },
	'residentsAdmin.upload': { vi: 'Nhập tệp trích xuất', en: 'Import an extract file' },
	'residentsAdmin.help': {
		vi: 'Tệp CSV (dấu phân cách bất kỳ) hoặc Excel (.xlsx) trích xuất từ Cơ sở dữ liệu quốc gia về dân cư. Nhập lại tệp mới hơn sẽ cập nhật người đã có.',
		en: 'A CSV (any delimiter) or Excel (.xlsx) extract of the national population database. Importing a newer file updates the people already there.'
	},
	'residentsAdmin.unit': { vi: 'Đơn vị', en: 'Unit' },
	'residentsAdmin.file': { vi: 'Tệp', en: 'File' },
	'residentsAdmin.start': { vi: 'Bắt đầu nhập', en: 'Start import' },
	'residentsAdmin.noFile': { vi: 'Chọn một tệp trích xuất.', en: 'Choose an extract file.' },
	'residentsAdmin.queued': {
		vi: 'Đã đưa vào hàng đợi; tiến độ hiện bên dưới.',
		en: 'Queued; progress is shown below.'
	},
	'residentsAdmin.jobs': { vi: 'Lượt nhập', en: 'Imports' },
	'residentsAdmin.noJobs': { vi: 'Chưa có lượt nhập nào.', en: 'No imports yet.' },
	'residentsAdmin.state': { vi: 'Trạng thái', en: 'State' },
	'residentsAdmin.progress': { vi: 'Tiến độ', en: 'Progress' },
	'residentsAdmin.finished': { vi: 'Hoàn tất', en: 'Finished' },
	'residentsAdmin.state.queued': { vi: 'Đang chờ', en: 'Queued' },
	'residentsAdmin.state.running': { vi: 'Đang nhập', en: 'Running' },
	'residentsAdmin.state.done': { vi: 'Xong', en: 'Done' },
	'residentsAdmin.state.failed': { vi: 'Lỗi', en: 'Failed' },
	'residentsAdmin.extracts': { vi: 'Các lần nhập gần đây', en: 'Recent extracts' },
	'residentsAdmin.rows': { vi: 'Số dòng', en: 'Rows' },
	'residentsAdmin.importedAt': { vi: 'Thời điểm nhập', en: 'Imported at' }
} as const;
