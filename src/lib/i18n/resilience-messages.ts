/**
 * Hostile and malformed input (bodies, uploads, archives), backups and restores, background jobs
 * given up on: the refusals and reasons users and admins see (issue 9).
 */
export const resilienceMessages = {
	'http.notJson': {
		vi: 'Nội dung gửi lên phải là JSON (Content-Type: application/json).',
		en: 'The request body must be JSON (Content-Type: application/json).'
	},
	'http.tooDeep': {
		vi: 'Nội dung JSON lồng nhau quá sâu (tối đa {max} cấp).',
		en: 'The JSON body nests too deeply (at most {max} levels).'
	},
	'http.nulCharacter': {
		vi: 'Dữ liệu gửi lên chứa ký tự NUL (mã 0), không phải văn bản hợp lệ.',
		en: 'The request contains a NUL character (code 0), which is not valid text.'
	},
	'resident.binaryContent': {
		vi: 'Tệp {file}: dòng {row} chứa ký tự NUL; đây là tệp nhị phân hoặc sai bảng mã, không phải tệp trích xuất.',
		en: 'File {file}: line {row} contains a NUL character; the file is binary or in the wrong encoding, not an extract.'
	},
	'upload.tooLarge': {
		vi: 'Tệp gửi lên quá lớn: tối đa {limit} MB. Tệp lớn hơn hãy nhập bằng dòng lệnh (sohoa residents import).',
		en: 'The upload is too large: at most {limit} MB. Import larger files from the command line (sohoa residents import).'
	},
	'resident.lineTooLong': {
		vi: 'Tệp {file}: dòng {row} dài quá {max} ký tự; đây không phải tệp trích xuất dân cư hợp lệ.',
		en: 'File {file}: line {row} is longer than {max} characters; this is not a valid resident extract.'
	},
	'resident.archiveTooLarge': {
		vi: 'Tệp {file} giải nén ra hơn {max} MB (nén bất thường, có thể là "bom nén"); không nhập gì.',
		en: 'File {file} unpacks to more than {max} MB (abnormally compressed, possibly a zip bomb); nothing imported.'
	},
	'resident.notSpreadsheet': {
		vi: 'Tệp {file} là tệp nén nhưng không phải bảng tính Excel (.xlsx).',
		en: 'File {file} is an archive but not an Excel workbook (.xlsx).'
	},

	// Background jobs given up on: the coded reasons a job keeps (src/lib/server/jobs/job-failure.ts).
	'job.failure.workerStopped': {
		vi: 'Tiến trình xử lý (worker) dừng giữa chừng ở mỗi lần thử (bị tắt, hết bộ nhớ hoặc treo).',
		en: 'The worker process stopped part-way on every attempt (killed, out of memory or hung).'
	},
	'job.failure.blobMissing': {
		vi: 'Không tìm thấy tệp đã lưu ({blob}…) trong kho tệp: tệp ảnh quét hoặc tệp tải lên bị mất. Hãy khôi phục kho tệp từ bản sao lưu rồi thử lại.',
		en: 'A stored file ({blob}…) is missing from the file store: a scan or an upload was lost. Restore the store from a backup, then retry.'
	},
	'job.failure.badPayload': {
		vi: 'Dữ liệu của việc này không hợp lệ (có thể được tạo bởi phiên bản khác của sohoa).',
		en: "The job's data is not valid (it may have been queued by another version of sohoa)."
	},
	'job.failure.unexpected': {
		vi: 'Lỗi không lường trước ({kind}). Thử lại; nếu vẫn lỗi, hãy báo bộ phận kỹ thuật kèm nhật ký của worker.',
		en: "Unexpected error ({kind}). Retry; if it fails again, report it to technical support with the worker's log."
	},
	'job.retryForbidden': {
		vi: 'Chỉ quản trị viên được cho chạy lại việc nền.',
		en: 'Only an administrator may retry a background job.'
	},
	'job.notFailed': {
		vi: 'Việc này không ở trạng thái thất bại (có thể đã được cho chạy lại).',
		en: 'This job has not failed (it may have been retried already).'
	},
	'job.superseded': {
		vi: 'Sổ đã được yêu cầu xuất lại sau lần xuất này: chạy lại bản cũ sẽ thay gói mới bằng gói cũ. Hãy dùng (hoặc chạy lại) lần xuất mới nhất.',
		en: 'The book has been exported again since: retrying this older export would replace the newer package. Use (or retry) the latest export.'
	},
	'job.kind.book.ocr': { vi: 'Nhận dạng (OCR) sổ', en: "Book's OCR" },
	'job.kind.book.export': { vi: 'Xuất gói dữ liệu', en: 'Export package' },
	'job.kind.residents.import': { vi: 'Nhập trích xuất dân cư', en: 'Resident-extract import' },
	'failedJobs.title': { vi: 'Việc nền thất bại', en: 'Failed background jobs' },
	'failedJobs.link': {
		vi: 'Việc nền thất bại (OCR, nhập, xuất)',
		en: 'Failed background jobs (OCR, imports, exports)'
	},
	'failedJobs.linkCount': { vi: '{count} việc', en: '{count} jobs' },
	'failedJobs.help': {
		vi: 'Các việc đã thử hết số lần cho phép mà vẫn lỗi. Khắc phục nguyên nhân rồi bấm "Chạy lại".',
		en: 'Jobs that failed on every allowed attempt. Fix the cause, then press "Retry".'
	},
	'failedJobs.empty': {
		vi: 'Không có việc nền nào thất bại.',
		en: 'No background job has failed.'
	},
	'failedJobs.kind': { vi: 'Việc', en: 'Job' },
	'failedJobs.subject': { vi: 'Đối tượng', en: 'Subject' },
	'failedJobs.reason': { vi: 'Lý do', en: 'Reason' },
	'failedJobs.attempts': { vi: 'Số lần thử', en: 'Attempts' },
	'failedJobs.attemptsOf': { vi: '{attempts}/{max}', en: '{attempts} of {max}' },
	'failedJobs.failedAt': { vi: 'Thời điểm', en: 'When' },
	'failedJobs.retry': { vi: 'Chạy lại', en: 'Retry' },
	'failedJobs.superseded': {
		vi: 'Đã có lần xuất mới hơn',
		en: 'Exported again since'
	},
	'failedJobs.retried': {
		vi: 'Đã cho chạy lại: {kind}.',
		en: 'Queued again: {kind}.'
	},
	'failedJobs.back': { vi: '← Quản trị', en: '← Administration' },
	'export.interrupted': {
		vi: 'Lần xuất bằng dòng lệnh (sohoa export) bị dừng giữa chừng: không gói nào được công bố, không bản ghi nào bị đánh dấu đã xuất. Có thể xuất lại.',
		en: 'The command-line export (sohoa export) was stopped part-way: no package was published and no entry marked exported. It can be run again.'
	},
	'book.failedJobs': { vi: 'Việc nền bị dừng', en: 'Background work stopped' },
	'book.failedJob': {
		vi: '{kind} đã dừng sau {attempts} lần thử: {reason}',
		en: '{kind} stopped after {attempts} attempts: {reason}'
	},
	'book.failedJobAskAdmin': {
		vi: 'Quản trị viên có thể cho chạy lại sau khi khắc phục.',
		en: 'An administrator can retry it once the cause is fixed.'
	}
} as const satisfies Record<string, { vi: string; en: string }>;
