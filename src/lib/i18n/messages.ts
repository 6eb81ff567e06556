import { ocrMessages } from './ocr-messages';
import { exportMessages } from './export-messages';
import { regionMessages } from './region-messages';
import { workbenchMessages } from './workbench-messages';
import { uiMessages } from './ui-messages';
import { reconcileMessages } from './reconcile-messages';
import { approvalMessages } from './approval-messages';
import { doubleKeyingMessages } from './double-keying-messages';
import { supervisorMessages } from './supervisor-messages';
import { resilienceMessages } from './resilience-messages';
import { backupMessages } from './backup-messages';

/**
 * Every string the UI shows and every code a service returns, in both languages side by side so
 * neither can be forgotten (a test checks both are present and use the same placeholders).
 */
export const coreMessages = {
	'app.name': { vi: 'Số hóa sổ hộ tịch', en: 'Civil-status register digitisation' },
	'app.language': { vi: 'Ngôn ngữ', en: 'Language' },
	'app.switchLang': { vi: 'English', en: 'Tiếng Việt' },
	'app.logout': { vi: 'Đăng xuất', en: 'Log out' },
	'app.signedInAs': { vi: 'Đăng nhập: {name} ({role})', en: 'Signed in as {name} ({role})' },
	'app.skipToContent': { vi: 'Chuyển tới nội dung', en: 'Skip to content' },

	'nav.home': { vi: 'Trang chính', en: 'Home' },
	'nav.books': { vi: 'Sổ hộ tịch', en: 'Books' },
	'nav.review': { vi: 'Duyệt', en: 'Review' },
	'nav.dashboard': { vi: 'Tiến độ', en: 'Dashboard' },
	'nav.admin': { vi: 'Quản trị', en: 'Administration' },

	'login.title': { vi: 'Đăng nhập', en: 'Log in' },
	'login.username': { vi: 'Tên đăng nhập', en: 'Username' },
	'login.password': { vi: 'Mật khẩu', en: 'Password' },
	'login.submit': { vi: 'Đăng nhập', en: 'Log in' },
	'login.missing': {
		vi: 'Nhập tên đăng nhập và mật khẩu.',
		en: 'Enter your username and password.'
	},

	'auth.invalid': { vi: 'Sai tên đăng nhập hoặc mật khẩu.', en: 'Wrong username or password.' },
	'auth.disabled': {
		vi: 'Tài khoản đã bị khóa. Liên hệ quản trị.',
		en: 'This account is disabled. Contact an administrator.'
	},
	'auth.throttled': {
		vi: 'Đăng nhập sai quá nhiều lần. Thử lại sau {minutes} phút.',
		en: 'Too many failed log-ins. Try again in {minutes} minutes.'
	},
	'auth.throttledAddress': {
		vi: 'Quá nhiều lần đăng nhập sai từ máy/mạng này. Thử lại sau {minutes} phút.',
		en: 'Too many failed log-ins from this computer or network. Try again in {minutes} minutes.'
	},
	'auth.required': { vi: 'Cần đăng nhập.', en: 'You need to log in.' },
	'auth.expired': {
		vi: 'Phiên làm việc đã hết hạn. Đăng nhập lại.',
		en: 'Your session has expired. Log in again.'
	},

	'http.notFound': { vi: 'Không tìm thấy.', en: 'Not found.' },
	'http.forbidden': {
		vi: 'Bạn không có quyền thực hiện thao tác này.',
		en: 'You may not do this.'
	},
	'http.badJson': {
		vi: 'Nội dung gửi lên không phải JSON hợp lệ.',
		en: 'The request body is not valid JSON.'
	},
	'http.badRequest': {
		vi: 'Dữ liệu gửi lên không hợp lệ: {detail}',
		en: 'Invalid request: {detail}'
	},
	'http.tooLarge': { vi: 'Nội dung gửi lên quá lớn.', en: 'The request is too large.' },
	'http.serverError': {
		vi: 'Lỗi hệ thống. Công việc của bạn chưa bị mất; thử lại.',
		en: 'Server error. Your work is not lost; try again.'
	},

	'entry.wrongState': {
		vi: 'Không thể {action} khi bản ghi đang ở trạng thái "{state}".',
		en: 'Cannot {action} an entry that is "{state}".'
	},
	'entry.roleForbidden': {
		vi: 'Vai trò của bạn không được {action} bản ghi.',
		en: 'Your role may not {action} entries.'
	},
	'entry.ownWork': {
		vi: 'Không thể {action} bản ghi do chính bạn nhập hoặc sửa.',
		en: 'You cannot {action} an entry you transcribed or edited.'
	},
	'entry.staleVersion': {
		vi: 'Bản ghi đã được người khác sửa (phiên bản {current}, bạn gửi {sent}). Xem lại trước khi lưu.',
		en: 'Someone else changed this entry (version {current}, you sent {sent}). Review before saving.'
	},
	'entry.unknownFields': {
		vi: 'Trường không có trong mẫu sổ: {fields}',
		en: 'Fields not in this register type: {fields}'
	},
	'entry.returnReasonRequired': {
		vi: 'Cần ghi lý do trả lại.',
		en: 'A reason for returning is required.'
	},

	'user.badUsername': {
		vi: 'Tên đăng nhập "{username}" không hợp lệ (2–40 ký tự: chữ thường không dấu, số, . _ -).',
		en: 'Username "{username}" is invalid (2–40 characters: lower-case letters, digits, . _ -).'
	},
	'user.badRole': {
		vi: 'Vai trò "{role}" không tồn tại (clerk, officer, supervisor, admin).',
		en: 'Unknown role "{role}" (clerk, officer, supervisor, admin).'
	},
	'user.noUnit': {
		vi: 'Người dùng phải thuộc ít nhất một đơn vị.',
		en: 'A user must belong to at least one unit.'
	},
	'user.weakPassword': {
		vi: 'Mật khẩu phải có ít nhất {min} ký tự.',
		en: 'The password must have at least {min} characters.'
	},
	'user.exists': {
		vi: 'Tên đăng nhập "{username}" đã tồn tại.',
		en: 'Username "{username}" is taken.'
	},
	'book.badType': { vi: 'Loại sổ "{type}" không tồn tại.', en: 'Unknown register type "{type}".' },
	'book.badYear': {
		vi: 'Năm "{year}" không hợp lệ (1900 đến nay).',
		en: 'Year "{year}" is invalid (1900 to now).'
	},
	'book.badNumber': {
		vi: 'Cần số quyển (quyển số).',
		en: 'The book number (quyển số) is required.'
	},
	'unit.unknown': {
		vi: 'Không có đơn vị hành chính mã "{code}".',
		en: 'No administrative unit has code "{code}".'
	},

	'user.unitOutsideScope': {
		vi: 'Đơn vị {code} nằm ngoài phạm vi quản lý của bạn.',
		en: 'Unit {code} is outside the units you administer.'
	},
	'user.selfDisable': {
		vi: 'Bạn không thể tự khóa tài khoản của mình.',
		en: 'You cannot disable your own account.'
	},

	'resident.emptyExtract': {
		vi: 'Tệp trích xuất dân cư không có dòng dữ liệu nào.',
		en: 'The resident extract has no data rows.'
	},
	'resident.badRows': {
		vi: 'Tệp "{file}" có {count} dòng không đọc được; chưa nhập dòng nào.',
		en: '"{file}" has {count} rows that cannot be read; nothing was imported.'
	},
	'resident.nameMissing': { vi: 'Thiếu họ tên.', en: 'The full name is missing.' },
	'resident.badBirthDate': {
		vi: 'Ngày sinh "{value}" không hợp lệ.',
		en: 'The birth date "{value}" is not a valid date.'
	},

	'state.imported': { vi: 'Đã quét', en: 'Scanned' },
	'state.prefilled': { vi: 'Đã nhận dạng', en: 'Prefilled' },
	'state.in_progress': { vi: 'Đang nhập', en: 'In progress' },
	'state.submitted': { vi: 'Chờ duyệt', en: 'Submitted' },
	'state.returned': { vi: 'Bị trả lại', en: 'Returned' },
	'state.approved': { vi: 'Đã duyệt', en: 'Approved' },
	'state.exported': { vi: 'Đã xuất', en: 'Exported' },

	'action.edit': { vi: 'sửa', en: 'edit' },
	'action.submit': { vi: 'gửi duyệt', en: 'submit' },
	'action.approve': { vi: 'duyệt', en: 'approve' },
	'action.return': { vi: 'trả lại', en: 'return' },
	'action.prefill': { vi: 'nhận dạng', en: 'prefill' },
	'action.export': { vi: 'xuất', en: 'export' },

	'role.clerk': { vi: 'Cán bộ nhập liệu', en: 'Data-entry clerk' },
	'role.officer': { vi: 'Công chức tư pháp – hộ tịch', en: 'Civil-status officer' },
	'role.supervisor': { vi: 'Lãnh đạo Phòng/Sở Tư pháp', en: 'Supervisor' },
	'role.admin': { vi: 'Quản trị', en: 'Administrator' }
} as const satisfies Record<string, { vi: string; en: string }>;

export const messages = {
	...coreMessages,
	...uiMessages,
	...ocrMessages,
	...reconcileMessages,
	...exportMessages,
	...workbenchMessages,
	...regionMessages,
	...approvalMessages,
	...doubleKeyingMessages,
	...supervisorMessages,
	...resilienceMessages,
	...backupMessages
} as const;
export type MessageKey = keyof typeof messages;
