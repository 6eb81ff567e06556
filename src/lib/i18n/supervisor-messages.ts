/** Supervisors' dashboards, daily reports and sampling audits (issue 7). */
export const supervisorMessages = {
	'stats.badWindow': {
		vi: 'Khoảng thời gian không hợp lệ: từ {from} đến {to}.',
		en: 'Invalid period: from {from} to {to}.'
	},
	'stats.windowTooLong': {
		vi: 'Khoảng thời gian tối đa {days} ngày.',
		en: 'The period may be at most {days} days.'
	},
	'audit.nothingApproved': {
		vi: 'Quyển này chưa có bản ghi đã duyệt để kiểm tra mẫu.',
		en: 'This book has no approved entries to sample.'
	},
	'audit.alreadyChecked': {
		vi: 'Bản ghi này đã được kiểm tra lại.',
		en: 'This entry has already been re-checked.'
	},
	'audit.notThirdPerson': {
		vi: 'Người kiểm tra lại phải là người thứ ba: không phải người đã nhập, nộp hay duyệt bản ghi.',
		en: 'The re-check must be made by a third person: not whoever transcribed, submitted or approved the entry.'
	},
	'audit.holdPending': {
		vi: 'Quyển đang bị giữ lại chờ kiểm tra mẫu: mới kiểm tra {checked}/{size} bản ghi.',
		en: 'The book is held for its sampling audit: {checked}/{size} entries re-checked so far.'
	},
	'audit.holdFailed': {
		vi: 'Quyển bị giữ lại: tỷ lệ lỗi kiểm tra mẫu {rate}% vượt ngưỡng {threshold}%.',
		en: 'The book is held: the sampling audit found {rate}% errors, above the {threshold}% threshold.'
	},

	'sup.title': { vi: 'Theo dõi số hóa', en: 'Digitisation oversight' },
	'sup.period': { vi: 'Khoảng thời gian', en: 'Period' },
	'sup.from': { vi: 'Từ ngày', en: 'From' },
	'sup.to': { vi: 'Đến ngày', en: 'To' },
	'sup.apply': { vi: 'Xem', en: 'Show' },
	'sup.path': { vi: 'Đơn vị', en: 'Unit' },
	'sup.progress': { vi: 'Tiến độ', en: 'Progress' },
	'sup.done': { vi: 'Đã duyệt', en: 'Done (approved)' },
	'sup.expected': { vi: 'Tổng cần số hóa', en: 'Total to digitise' },
	'sup.rate': { vi: 'Tỷ lệ', en: 'Rate' },
	'sup.today': { vi: 'Tăng trong ngày', en: 'Change since yesterday' },
	'sup.books': { vi: 'Số quyển', en: 'Books' },
	'sup.children': { vi: 'Theo đơn vị trực thuộc', en: 'By unit below' },
	'sup.bookList': { vi: 'Theo quyển', en: 'By book' },
	'sup.book': { vi: 'Quyển', en: 'Book' },
	'sup.trend': { vi: 'Diễn biến theo ngày', en: 'Trend by day' },
	'sup.trendTable': { vi: 'Số liệu của biểu đồ', en: 'The chart’s figures' },
	'sup.day': { vi: 'Ngày', en: 'Day' },
	'sup.cumImported': { vi: 'Đã nhập (lũy kế)', en: 'Imported (cumulative)' },
	'sup.cumSubmitted': { vi: 'Đã nộp (lũy kế)', en: 'Submitted (cumulative)' },
	'sup.cumApproved': { vi: 'Đã duyệt (lũy kế)', en: 'Approved (cumulative)' },
	'sup.cumExported': { vi: 'Đã xuất (lũy kế)', en: 'Exported (cumulative)' },
	'sup.expectedLine': { vi: 'Tổng cần số hóa', en: 'Total to digitise' },
	'sup.projection': {
		vi: 'Với tốc độ {pace} bản ghi/ngày ({days} ngày gần nhất), còn {remaining} bản ghi, dự kiến xong ngày {finish}.',
		en: 'At {pace} entries a day (last {days} days), {remaining} entries remain: expected to finish on {finish}.'
	},
	'sup.projectionNone': {
		vi: 'Chưa có bản ghi nào được duyệt trong {days} ngày gần nhất: chưa thể dự kiến ngày xong.',
		en: 'No entry was approved in the last {days} days: no finish date can be projected.'
	},
	'sup.accuracy': { vi: 'Độ chính xác', en: 'Accuracy' },
	'sup.ocrFieldsKept': { vi: 'Trường OCR giữ nguyên', en: 'OCR fields kept' },
	'sup.ocrCer': { vi: 'Tỷ lệ lỗi ký tự OCR (CER)', en: 'OCR character error rate' },
	'sup.clerkFieldsChanged': { vi: 'Trường cán bộ duyệt sửa', en: 'Fields the officer changed' },
	'sup.firstPassApproval': { vi: 'Duyệt ngay lần đầu', en: 'First-pass approval' },
	'sup.returnRate': { vi: 'Tỷ lệ trả lại', en: 'Return rate' },
	'sup.flagRecall': { vi: 'Trường sửa đã được đánh dấu', en: 'Changed fields that were flagged' },
	'sup.flagPrecision': { vi: 'Trường đánh dấu bị sửa', en: 'Flagged fields that changed' },
	'sup.explain.ocrFieldsKept': {
		vi: 'Trong các trường OCR đã điền sẵn của bản ghi đã duyệt, tỷ lệ trường được duyệt với đúng giá trị OCR.',
		en: 'Of the OCR-prefilled fields of approved entries, the share approved with OCR’s value unchanged.'
	},
	'sup.explain.ocrCer': {
		vi: 'Tổng số ký tự phải thêm, bớt, thay để biến giá trị OCR thành giá trị được duyệt, chia cho tổng số ký tự được duyệt.',
		en: 'Characters inserted, deleted or replaced to turn OCR’s values into the approved ones, over the approved values’ characters.'
	},
	'sup.explain.clerkFieldsChanged': {
		vi: 'Trong các trường của bản ghi đã duyệt, tỷ lệ trường cán bộ duyệt đã sửa khi duyệt hoặc đã phân xử là cán bộ nhập sai. Với sổ nhập hai lần, người nhập lần hai cũng được tính trên các trường mình đã nhập: khi công chức phân xử một khác biệt, người có giá trị không được chọn bị tính sai trường đó (giữ giá trị lần một thì tính cho người nhập lần hai, và ngược lại). Khác biệt chưa phân xử không tính cho cán bộ nhập.',
		en: 'Of the fields of approved entries, the share the officer corrected under review or settled against the clerk. In double-keyed books the second keyer counts too, on the fields they keyed: when the officer settles a difference, it counts against the keyer whose value did not stand (keeping the first keying’s value counts against the second keyer, and the other way round). Unsettled disagreements never count against a clerk.'
	},
	'sup.explain.firstPassApproval': {
		vi: 'Trong các lần duyệt, tỷ lệ bản ghi được duyệt mà chưa từng bị trả lại.',
		en: 'Of the approvals, the share of entries approved without ever being returned.'
	},
	'sup.explain.returnRate': {
		vi: 'Trong các quyết định duyệt hoặc trả lại, tỷ lệ trả lại.',
		en: 'Of the review decisions (approve or return), the share of returns.'
	},
	'sup.explain.flags': {
		vi: 'Trong các trường OCR cuối cùng bị sửa, tỷ lệ trường mà bàn làm việc đã đánh dấu cần chú ý (độ tin cậy thấp hoặc OCR có nghi vấn). Cao là “chỉ dừng ở chỗ cần” đang hiệu quả.',
		en: 'Of the OCR fields that ended up changed, the share the workbench had flagged for attention (low confidence or OCR doubts). High means “stop only where needed” works.'
	},
	'sup.explain.window': {
		vi: 'Số lượng theo trạng thái là hiện tại; độ chính xác tính trên các bản ghi được duyệt và các quyết định trong khoảng thời gian đã chọn. Mọi số liệu được tính lại từ bản ghi và nhật ký kiểm toán.',
		en: 'Counts by state are as of now; accuracy covers the entries approved and the decisions made in the chosen period. Every figure is recomputed from the entries and the audit log.'
	},
	'sup.byField': { vi: 'OCR theo trường', en: 'OCR by field' },
	'sup.field': { vi: 'Trường', en: 'Field' },
	'sup.registerType': { vi: 'Loại sổ', en: 'Register' },
	'sup.ocrCount': { vi: 'Số trường OCR', en: 'OCR fields' },
	'sup.byClerk': { vi: 'Theo cán bộ nhập', en: 'By clerk' },
	'sup.clerk': { vi: 'Cán bộ', en: 'Clerk' },
	'sup.approvals': { vi: 'Số lần duyệt', en: 'Approvals' },
	'sup.returns': { vi: 'Số lần trả lại', en: 'Returns' },
	'sup.reasons': { vi: 'Lý do trả lại', en: 'Return reasons' },
	'sup.reasonCode': { vi: 'Lý do', en: 'Reason' },
	'sup.count': { vi: 'Số lượng', en: 'Count' },
	'sup.workload': { vi: 'Khối lượng đang xử lý', en: 'Work in progress' },
	'sup.stage': { vi: 'Khâu', en: 'Stage' },
	'sup.oldest': { vi: 'Lâu nhất từ', en: 'Oldest since' },
	'sup.age.lt1': { vi: 'Dưới 1 ngày', en: 'Under 1 day' },
	'sup.age.d1to3': { vi: '1–3 ngày', en: '1–3 days' },
	'sup.age.d3to7': { vi: '3–7 ngày', en: '3–7 days' },
	'sup.age.gt7': { vi: 'Trên 7 ngày', en: 'Over 7 days' },
	'sup.workExplain': {
		vi: 'Tuổi tính từ lần thay đổi gần nhất của bản ghi.',
		en: 'Age counts from the entry’s last change.'
	},
	'sup.output': {
		vi: 'Sản lượng theo người (7 ngày gần nhất)',
		en: 'Output per person (last 7 days)'
	},
	'sup.person': { vi: 'Người', en: 'Person' },
	'sup.edited': { vi: 'Lần sửa', en: 'Edits' },
	'sup.submittedN': { vi: 'Đã nộp', en: 'Submitted' },
	'sup.approvedN': { vi: 'Đã duyệt', en: 'Approved' },
	'sup.returnedN': { vi: 'Đã trả lại', en: 'Returned' },
	'sup.none': { vi: 'Chưa có số liệu.', en: 'No figures yet.' },
	'sup.report': { vi: 'Báo cáo ngày', en: 'Daily report' },
	'sup.reportXlsx': { vi: 'Tải báo cáo (XLSX)', en: 'Download report (XLSX)' },
	'sup.reportTitle': {
		vi: 'Báo cáo tiến độ số hóa sổ hộ tịch ngày {day}',
		en: 'Civil-status register digitisation: progress on {day}'
	},
	'sup.print': { vi: 'In báo cáo', en: 'Print' },
	'sup.total': { vi: 'Tổng cộng', en: 'Total' },
	'sup.audits': { vi: 'Kiểm tra mẫu', en: 'Sampling audits' },
	'sup.auditDraw': { vi: 'Rút mẫu kiểm tra', en: 'Draw a sample' },
	'sup.auditRandom': { vi: 'Số bản ghi ngẫu nhiên', en: 'Random entries' },
	'sup.auditRisk': { vi: 'Thêm theo rủi ro', en: 'Extra by risk' },
	'sup.auditThreshold': { vi: 'Ngưỡng lỗi chấp nhận (%)', en: 'Acceptable error rate (%)' },
	'sup.auditHold': {
		vi: 'Giữ quyển, chưa cho xuất đến khi đạt',
		en: 'Hold the book from export until it passes'
	},
	'sup.auditStatus.pending': { vi: 'Đang kiểm tra', en: 'In progress' },
	'sup.auditStatus.passed': { vi: 'Đạt', en: 'Passed' },
	'sup.auditStatus.failed': { vi: 'Không đạt', en: 'Failed' },
	'sup.auditRate': {
		vi: 'Tỷ lệ lỗi {rate} ({errors}/{checked}); khoảng tin cậy 95%: {low} – {high}',
		en: 'Error rate {rate} ({errors}/{checked}); 95% confidence interval: {low} – {high}'
	},
	'sup.auditExplain': {
		vi: 'Chỉ phần mẫu ngẫu nhiên dùng để ước lượng tỷ lệ lỗi (khoảng Wilson); bản ghi rút theo rủi ro được báo riêng. Người kiểm tra lại không được là người đã nhập, nộp hoặc duyệt bản ghi.',
		en: 'Only the random part estimates the error rate (Wilson interval); entries drawn for their risk are reported apart. The re-checker may not be whoever transcribed, submitted or approved the entry.'
	},
	'sup.auditPart.random': { vi: 'Ngẫu nhiên', en: 'Random' },
	'sup.auditPart.risk': { vi: 'Theo rủi ro', en: 'Risk' },
	'sup.auditRiskFound': {
		vi: 'Phần theo rủi ro: {errors} lỗi trong {checked} bản ghi đã kiểm tra.',
		en: 'Risk part: {errors} errors in {checked} entries checked.'
	},
	'sup.auditOk': { vi: 'Đúng', en: 'Correct' },
	'sup.auditError': { vi: 'Có lỗi', en: 'Has an error' },
	'sup.auditNote': { vi: 'Ghi chú', en: 'Note' },
	'sup.entry': { vi: 'Bản ghi', en: 'Entry' },
	'sup.result': { vi: 'Kết quả', en: 'Result' },
	'sup.open': { vi: 'Mở', en: 'Open' },
	'sup.expectedSet': { vi: 'Đặt số bản ghi dự kiến', en: 'Set expected entries' },
	'sup.save': { vi: 'Lưu', en: 'Save' }
} as const;
