/** The clerk's workbench: saving, conflicts, attention, shortcuts, flags, the scan viewer. */
export const workbenchMessages = {
	'workbench.loading': { vi: 'Đang mở…', en: 'Opening…' },
	'workbench.saving': { vi: 'Đang lưu…', en: 'Saving…' },
	'workbench.saved': { vi: 'Đã lưu (phiên bản {version})', en: 'Saved (version {version})' },
	'workbench.unsaved': { vi: '{n} thay đổi chờ lưu…', en: '{n} change(s) waiting to be saved…' },
	'workbench.queuedOffline': {
		vi: 'Mất kết nối: {n} thay đổi đã giữ trên máy, sẽ gửi khi có mạng',
		en: 'Offline: {n} change(s) kept on this computer, sent when the network returns'
	},
	'workbench.offlineBanner': {
		vi: 'Mất kết nối mạng. Cứ tiếp tục nhập: {n} thay đổi được giữ trên máy này và sẽ tự gửi theo đúng thứ tự khi có mạng trở lại.',
		en: 'The network is down. Keep working: {n} change(s) are kept on this computer and will be sent in order when it returns.'
	},
	'workbench.conflict': {
		vi: 'Bản ghi đã được người khác sửa: hãy chọn giá trị cần giữ',
		en: 'Someone else changed this entry: choose the values to keep'
	},
	'workbench.refused': { vi: 'Máy chủ từ chối lưu', en: 'The server refused the save' },
	'workbench.restored': {
		vi: 'Đã khôi phục {n} thay đổi chưa gửi từ lần trước.',
		en: 'Restored {n} unsent change(s) from last time.'
	},
	'workbench.conflictHelp': {
		vi: 'Máy chủ đang có phiên bản {version}. Với mỗi trường bên dưới, chọn giữ giá trị bạn nhập hay giá trị trên máy chủ.',
		en: 'The server now has version {version}. For each field below, keep your value or the one on the server.'
	},
	'workbench.conflictServer': { vi: 'Trên máy chủ', en: 'On the server' },
	'workbench.conflictApply': { vi: 'Lưu lựa chọn', en: 'Save my choices' },
	'workbench.conflictTakeAllTheirs': {
		vi: 'Lấy toàn bộ bản trên máy chủ',
		en: 'Take the server’s version of all'
	},
	'workbench.conflictSettled': {
		vi: 'Đã giải quyết xung đột; đang lưu.',
		en: 'Conflict settled; saving.'
	},
	'workbench.attention': { vi: '{n} trường cần xem lại', en: '{n} field(s) need attention' },
	'workbench.position': {
		vi: 'Bản ghi {at}/{total} trong hàng đợi',
		en: 'Entry {at}/{total} in the queue'
	},
	'workbench.shortcutsHint': { vi: 'Phím tắt (?)', en: 'Shortcuts (?)' },
	'workbench.nothingNeedsAttention': {
		vi: 'Không còn trường nào cần xem lại.',
		en: 'No field needs attention.'
	},
	'workbench.queueDone': {
		vi: 'Đã hết bản ghi cần nhập trong quyển này.',
		en: 'No more entries to work on in this book.'
	},
	'workbench.errorsBeforeSubmit': {
		vi: 'Còn {n} lỗi. Sửa, hoặc đánh dấu trường (không đọc được / để trống trong sổ); nhấn Ctrl+Enter lần nữa để vẫn gửi duyệt.',
		en: '{n} error(s) remain. Fix them or flag the fields (illegible / blank in the book); press Ctrl+Enter again to submit anyway.'
	},
	'workbench.submitOffline': {
		vi: 'Chưa gửi duyệt được vì mất kết nối; các thay đổi vẫn được giữ.',
		en: 'Cannot submit while offline; your changes are kept.'
	},
	'workbench.submitUnsaved': {
		vi: 'Còn thay đổi chưa lưu được (xem thông báo phía trên); chưa gửi duyệt.',
		en: 'Some changes could not be saved (see above); not submitted.'
	},
	'workbench.submitFailed': { vi: 'Không gửi duyệt được.', en: 'Could not submit.' },
	'workbench.acceptAndNext': {
		vi: 'Gửi duyệt và sang bản ghi tiếp',
		en: 'Submit and go to the next'
	},
	'workbench.prev': { vi: '← Bản ghi trước', en: '← Previous entry' },
	'workbench.next': { vi: 'Bản ghi tiếp →', en: 'Next entry →' },
	'workbench.shortcutsTitle': { vi: 'Phím tắt', en: 'Keyboard shortcuts' },
	'workbench.shortcutsNote': {
		vi: 'Mọi phím tắt đều dùng Alt hoặc Ctrl, nên gõ tiếng Việt bằng Telex hay VNI không bao giờ kích hoạt nhầm.',
		en: 'Every shortcut uses Alt or Ctrl, so typing Vietnamese with Telex or VNI never triggers one.'
	},
	'workbench.close': { vi: 'Đóng', en: 'Close' },
	'shortcut.tab': { vi: 'Sang trường sau / trước', en: 'Next / previous field' },
	'shortcut.nextAttention': {
		vi: 'Đến trường tiếp theo cần xem lại',
		en: 'Next field that needs attention'
	},
	'shortcut.prevAttention': {
		vi: 'Về trường trước cần xem lại',
		en: 'Previous field that needs attention'
	},
	'shortcut.acceptAndNext': {
		vi: 'Gửi duyệt và sang bản ghi tiếp',
		en: 'Submit and go to the next entry'
	},
	'shortcut.nextEntry': { vi: 'Bản ghi tiếp (không gửi)', en: 'Next entry (without submitting)' },
	'shortcut.prevEntry': { vi: 'Bản ghi trước', en: 'Previous entry' },
	'shortcut.flagIllegible': {
		vi: 'Đánh dấu trường: không đọc được',
		en: 'Flag the field: illegible'
	},
	'shortcut.flagBlank': {
		vi: 'Đánh dấu trường: để trống trong sổ',
		en: 'Flag the field: blank in the book'
	},
	'shortcut.editNormalized': {
		vi: 'Sửa giá trị chuẩn hóa của trường',
		en: 'Edit the field’s normalised value'
	},
	'shortcut.zoomIn': { vi: 'Phóng to ảnh', en: 'Zoom in' },
	'shortcut.zoomOut': { vi: 'Thu nhỏ ảnh', en: 'Zoom out' },
	'shortcut.fitWidth': { vi: 'Ảnh vừa chiều ngang', en: 'Fit the image to width' },
	'shortcut.rotate': { vi: 'Xoay ảnh 90°', en: 'Rotate the image 90°' },
	'shortcut.contrast': { vi: 'Bật/tắt tăng tương phản', en: 'Toggle high contrast' },
	'shortcut.cheatSheet': { vi: 'Bảng phím tắt này', en: 'This cheat-sheet' },
	'field.flagIllegible': { vi: 'Không đọc được', en: 'Illegible' },
	'field.flagBlank': { vi: 'Để trống trong sổ', en: 'Blank in the book' },
	'field.illegibleShort': { vi: 'Mờ', en: 'Illeg.' },
	'field.blankShort': { vi: 'Trống', en: 'Blank' },
	'field.flaggedIllegible': {
		vi: 'Đã đánh dấu: không đọc được trong sổ',
		en: 'Flagged: illegible in the book'
	},
	'field.flaggedBlank': { vi: 'Đã đánh dấu: sổ để trống', en: 'Flagged: blank in the book' },
	'field.normalized': { vi: 'Giá trị chuẩn hóa', en: 'Normalised value' },
	'field.overridden': { vi: 'đã sửa tay', en: 'set by hand' },
	'workbench.regionTools': { vi: 'Sửa vùng trên ảnh', en: 'Fix regions on the scan' },
	'workbench.redrawField': { vi: 'Vẽ lại ô của trường', en: 'Redraw the field’s box' },
	'workbench.editRegion': { vi: 'Sửa vùng bản ghi', en: 'Redraw the entry’s region' },
	'workbench.split': { vi: 'Tách bản ghi', en: 'Split the entry' },
	'workbench.mergeNext': { vi: 'Gộp với bản ghi sau', en: 'Merge with the next entry' },
	'workbench.drawField': {
		vi: 'Kéo chuột trên ảnh để vẽ ô cho trường “{field}”; máy sẽ đọc lại ô đó (Esc để hủy).',
		en: 'Drag on the scan to draw the box of “{field}”; it will be read again (Esc cancels).'
	},
	'workbench.drawRegion': {
		vi: 'Kéo chuột trên ảnh để vẽ lại vùng của bản ghi (Esc để hủy).',
		en: 'Drag on the scan to draw the entry’s region (Esc cancels).'
	},
	'workbench.drawSplit': {
		vi: 'Bấm vào ảnh tại đường phân cách: phần dưới thành bản ghi mới (Esc để hủy).',
		en: 'Click the scan on the dividing line: the part below becomes a new entry (Esc cancels).'
	},
	'workbench.changeUnsent': {
		vi: 'Còn thay đổi chưa lưu lên máy chủ; hãy chờ lưu xong rồi làm lại.',
		en: 'Some changes are not on the server yet; wait for them to be saved and try again.'
	},
	'workbench.regionSaved': { vi: 'Đã lưu vùng bản ghi.', en: 'The entry’s region is saved.' },
	'workbench.splitDone': {
		vi: 'Đã tách: phần dưới là một bản ghi mới trong hàng đợi.',
		en: 'Split: the part below is a new entry in the queue.'
	},
	'workbench.reocrRunning': { vi: 'Đang đọc lại ô…', en: 'Reading the box again…' },
	'workbench.reocrDone': {
		vi: 'Máy đọc lại: «{text}» (độ tin cậy {confidence}%).',
		en: 'Read again: «{text}» (confidence {confidence}%).'
	},
	'workbench.reocrEmpty': {
		vi: 'Máy không đọc được chữ nào trong ô này; giá trị cũ được giữ.',
		en: 'Nothing could be read in this box; the value is unchanged.'
	},
	'workbench.undo': { vi: 'Hoàn tác', en: 'Undo' },
	'workbench.undone': { vi: 'Đã trả lại giá trị cũ.', en: 'The previous value is back.' },
	'shortcut.reocrField': {
		vi: 'Vẽ lại ô của trường và cho máy đọc lại',
		en: 'Redraw the field’s box and read it again'
	},
	// Form groups the core list lacks; `group.subject.<type>` names the registered person per register.
	'group.subject': { vi: 'Người được đăng ký', en: 'Registered person' },
	'group.subject.birth': { vi: 'Người được khai sinh', en: 'Child' },
	'group.subject.death': { vi: 'Người chết', en: 'Deceased' },
	'group.status': { vi: 'Tình trạng đặc biệt', en: 'Special status' },
	'group.foreign': { vi: 'Đăng ký ở nước ngoài', en: 'Registered abroad' },
	'group.parent': { vi: 'Cha/mẹ', en: 'Parent' },
	'group.adoptiveFather': { vi: 'Cha nuôi', en: 'Adoptive father' },
	'group.adoptiveMother': { vi: 'Mẹ nuôi', en: 'Adoptive mother' },
	'group.giver': { vi: 'Người giao con nuôi', en: 'Person giving the child' },
	'group.guardian': { vi: 'Người giám hộ', en: 'Guardian' },
	'group.ward': { vi: 'Người được giám hộ', en: 'Ward' },
	'group.change': { vi: 'Nội dung thay đổi, cải chính', en: 'Change or correction' },
	'group.decision': { vi: 'Quyết định', en: 'Decision' },
	'image.rotate': { vi: 'Xoay', en: 'Rotate' },
	'image.contrast': { vi: 'Tương phản', en: 'Contrast' }
} as const;
