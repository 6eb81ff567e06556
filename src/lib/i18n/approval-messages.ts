/** Four-eyes approval: return reasons, blind re-keying, settling, the queue and the history. */
export const approvalMessages = {
	'action.check': { vi: 'đối chiếu', en: 're-key and settle' },
	'entry.unsettled': {
		vi: 'Còn khác biệt giữa bản nhập lại và bản của cán bộ nhập liệu chưa được xử lý: xử lý trước khi duyệt (hoặc trả lại).',
		en: 'Differences found by the blind re-keying are not settled yet: settle them before approving (or return the entry).'
	},
	'entry.returnReasonUnknown': {
		vi: 'Mã lý do trả lại không hợp lệ.',
		en: 'Unknown reason code for returning.'
	},
	'check.badFields': {
		vi: 'Các trường nhập lại không đúng danh sách: {fields}',
		en: 'The re-keyed fields do not match the list: {fields}'
	},
	'check.alreadyDone': {
		vi: 'Bản ghi này đã được nhập lại đối chiếu trong lượt duyệt này.',
		en: 'This entry was already re-keyed in this review round.'
	},
	'check.nothingToSettle': {
		vi: 'Không có khác biệt nào đang chờ xử lý.',
		en: 'There are no differences waiting to be settled.'
	},
	'settle.missingChoice': {
		vi: 'Chọn giá trị đúng cho: {fields}',
		en: 'Choose the right value for: {fields}'
	},
	'settle.unknownField': {
		vi: 'Các trường này không có khác biệt cần xử lý: {fields}',
		en: 'These fields have no difference to settle: {fields}'
	},
	'book.reviewSettingsForbidden': {
		vi: 'Chỉ lãnh đạo được thay đổi cách duyệt của quyển sổ.',
		en: 'Only a supervisor may change how a book is reviewed.'
	},

	'returnReason.illegible': { vi: 'Có trường không đọc được', en: 'A field is illegible' },
	'returnReason.wrong_person': { vi: 'Liên kết sai người', en: 'Wrong person linked' },
	'returnReason.wrong_date': { vi: 'Sai ngày tháng', en: 'Wrong date' },
	'returnReason.wrong_name': { vi: 'Sai họ tên', en: 'Wrong name' },
	'returnReason.missing_field': { vi: 'Thiếu trường', en: 'Missing field' },
	'returnReason.wrong_segmentation': {
		vi: 'Cắt sai vùng bản ghi',
		en: 'Wrong entry boundaries'
	},
	'returnReason.other': { vi: 'Lý do khác', en: 'Other reason' },

	'review.blindQueue': {
		vi: '(ẩn: đọc trên ảnh khi duyệt)',
		en: '(hidden: read from the scan when reviewing)'
	},
	'review.reasonCode': { vi: 'Lý do', en: 'Reason' },
	'review.comment': { vi: 'Ghi chú cho cán bộ nhập liệu', en: 'Comment for the clerk' },
	'review.resubmitted': { vi: 'Gửi lại lần {n}', en: 'Resubmitted ({n})' },
	'review.returnedBefore': {
		vi: 'Bản ghi này đã bị trả lại {n} lần.',
		en: 'This entry was returned {n} time(s) before.'
	},
	'review.blindTitle': { vi: 'Nhập lại đối chiếu (ẩn)', en: 'Blind re-keying' },
	'review.blindHelp': {
		vi: 'Đọc trên ảnh và nhập lại các trường quan trọng. Giá trị của cán bộ nhập liệu được ẩn cho đến khi bạn gửi.',
		en: 'Read the scan and type the critical fields again. The clerk’s values stay hidden until you send yours.'
	},
	'review.blindSend': { vi: 'Đối chiếu (Alt+Enter)', en: 'Compare (Alt+Enter)' },
	'review.blindAgrees': {
		vi: 'Bản nhập lại khớp với bản của cán bộ nhập liệu.',
		en: 'Your readings agree with the clerk’s.'
	},
	'review.blindDiffers': {
		vi: 'Có {n} trường khác nhau: đối chiếu với ảnh và chọn giá trị đúng.',
		en: '{n} field(s) differ: check them against the scan and choose the right value.'
	},
	'review.blindOff': {
		vi: 'Quyển sổ này không yêu cầu nhập lại đối chiếu.',
		en: 'This book is reviewed without blind re-keying.'
	},
	'review.settleTitle': { vi: 'Xử lý khác biệt', en: 'Settle the differences' },
	'review.clerkValue': { vi: 'Cán bộ nhập liệu', en: 'Clerk' },
	'review.officerValue': { vi: 'Bạn nhập lại', en: 'Your reading' },
	'review.otherValue': { vi: 'Giá trị khác', en: 'Another value' },
	'review.settleSend': { vi: 'Lưu lựa chọn', en: 'Save the choices' },
	'review.settled': {
		vi: 'Đã xử lý khác biệt. Có thể duyệt.',
		en: 'Differences settled. The entry can be approved.'
	},
	'review.changesTitle': { vi: 'Thay đổi so với máy nhận dạng', en: 'Changes since OCR' },
	'review.noChanges': {
		vi: 'Cán bộ nhập liệu giữ nguyên mọi giá trị máy nhận dạng.',
		en: 'The clerk kept every OCR value.'
	},
	'review.history': { vi: 'Lịch sử bản ghi', en: 'Entry history' },
	'review.approveHint': {
		vi: 'Alt+Shift+A: duyệt · Alt+Shift+T: trả lại',
		en: 'Alt+Shift+A: approve · Alt+Shift+T: return'
	},
	'review.approveDue': {
		vi: 'Nhập lại đối chiếu trước khi duyệt.',
		en: 'Re-key the critical fields before approving.'
	},

	'history.title': { vi: 'Lịch sử: {entry}', en: 'History: {entry}' },
	'history.when': { vi: 'Thời gian', en: 'When' },
	'history.who': { vi: 'Người thực hiện', en: 'Who' },
	'history.what': { vi: 'Việc', en: 'What' },
	'history.version': { vi: 'Phiên bản', en: 'Version' },
	'history.details': { vi: 'Chi tiết', en: 'Details' },
	'history.system': { vi: 'Hệ thống', en: 'System' },
	'history.empty': { vi: 'Chưa có thay đổi nào.', en: 'No changes yet.' },
	'history.backToEntry': { vi: '← Quay lại bản ghi', en: '← Back to the entry' },
	'history.entry.edit': { vi: 'Sửa', en: 'Edit' },
	'history.entry.correct': { vi: 'Công chức sửa khi duyệt', en: 'Officer’s correction' },
	'history.entry.submit': { vi: 'Gửi duyệt', en: 'Submitted' },
	'history.entry.approve': { vi: 'Duyệt', en: 'Approved' },
	'history.entry.return': { vi: 'Trả lại', en: 'Returned' },
	'history.entry.blindCheck': { vi: 'Nhập lại đối chiếu', en: 'Blind re-keying' },
	'history.entry.settle': { vi: 'Xử lý khác biệt', en: 'Settled differences' },

	'book.blindRekey': {
		vi: 'Công chức nhập lại đối chiếu các trường quan trọng khi duyệt',
		en: 'Officers re-key the critical fields blind when reviewing'
	},
	'book.blindRekeySave': { vi: 'Lưu cách duyệt', en: 'Save review setting' },
	'book.blindRekeySaved': { vi: 'Đã lưu cách duyệt.', en: 'Review setting saved.' }
} as const satisfies Record<string, { vi: string; en: string }>;
