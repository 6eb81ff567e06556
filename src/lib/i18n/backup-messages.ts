/**
 * Backups, restores and the storage under DATA_DIR (issue 9): what the operator reads when a
 * backup cannot be written or restored, and when the disk is full or cannot be written.
 */
export const backupMessages = {
	'dataDir.notDirectory': {
		vi: 'DATA_DIR ({dir}) là một tệp, không phải thư mục. Hãy trỏ DATA_DIR tới một thư mục.',
		en: 'DATA_DIR ({dir}) is a file, not a folder. Point DATA_DIR at a folder.'
	},
	'dataDir.notWritable': {
		vi: 'Không ghi được vào DATA_DIR ({dir}): {reason}. Kiểm tra quyền ghi của thư mục và ổ đĩa chỉ-đọc; chưa ghi gì.',
		en: 'Cannot write to DATA_DIR ({dir}): {reason}. Check the folder’s permissions and whether the disk is read-only; nothing was written.'
	},
	'dataDir.noSpace': {
		vi: 'Ổ đĩa chứa DATA_DIR ({dir}) đã đầy. Hãy giải phóng dung lượng rồi khởi động lại.',
		en: 'The disk holding DATA_DIR ({dir}) is full. Free some space, then start again.'
	},
	'storage.noSpace': {
		vi: 'Ổ đĩa chứa {where} đã đầy: tệp chưa được lưu (không có tệp dở dang nào). Hãy báo quản trị viên giải phóng dung lượng.',
		en: 'The disk holding {where} is full: the file was not saved (nothing half-written was left). Ask the administrator to free some space.'
	},
	'storage.notWritable': {
		vi: 'Không ghi được vào {where} ({reason}): tệp chưa được lưu. Hãy báo quản trị viên.',
		en: 'Cannot write to {where} ({reason}): the file was not saved. Tell the administrator.'
	},
	'backup.outExists': {
		vi: 'Tệp {file} đã có; bản sao lưu không ghi đè tệp có sẵn. Chọn tên khác hoặc một thư mục.',
		en: '{file} already exists; a backup never overwrites a file. Choose another name, or a folder.'
	},
	'backup.noDatabase': {
		vi: 'Không có cơ sở dữ liệu để sao lưu ({file}).',
		en: 'There is no database to back up ({file}).'
	},
	'backup.noSpace': {
		vi: 'Không đủ chỗ trống trong {dir} để ghi bản sao lưu; đã xóa tệp dở dang, không để lại gì.',
		en: 'Not enough free space in {dir} for the backup; the partial file was removed, nothing was left.'
	},
	'backup.notWritable': {
		vi: 'Không ghi được bản sao lưu vào {dir} ({reason}).',
		en: 'Cannot write the backup to {dir} ({reason}).'
	},
	'backup.sourceDamaged': {
		vi: 'Cơ sở dữ liệu đang dùng bị hỏng, không sao lưu: {detail}',
		en: 'The live database is damaged and was not backed up: {detail}'
	},
	'backup.sourceChanged': {
		vi: '"{part}" đã thay đổi trong lúc được chép vào bản sao lưu (có chương trình khác đang ghi vào?); bản sao lưu chưa được tạo. Hãy chạy lại.',
		en: '"{part}" changed while it was copied into the backup (is something else writing to it?); no backup was made. Run it again.'
	},
	'backup.pgToolMissing': {
		vi: 'Không tìm thấy chương trình {tool} của PostgreSQL. Cài gói postgresql-client (apt-get install postgresql-client) cùng phiên bản hoặc mới hơn máy chủ.',
		en: 'The PostgreSQL program {tool} was not found. Install postgresql-client (apt-get install postgresql-client), the server’s version or newer.'
	},
	'backup.pgToolFailed': {
		vi: '{tool} báo lỗi: {detail}',
		en: '{tool} failed: {detail}'
	},
	'restore.notFound': {
		vi: 'Không có tệp sao lưu {file}.',
		en: 'There is no backup file {file}.'
	},
	'restore.notBackup': {
		vi: '{file} không phải bản sao lưu của sohoa (hoặc đã hỏng); không khôi phục gì.',
		en: '{file} is not a sohoa backup (or it is damaged); nothing was restored.'
	},
	'restore.truncated': {
		vi: 'Bản sao lưu {file} bị cắt cụt (chép chưa hết?); không khôi phục gì.',
		en: 'The backup {file} is truncated (an incomplete copy?); nothing was restored.'
	},
	'restore.corrupt': {
		vi: 'Bản sao lưu {file} bị hỏng: phần "{part}" không khớp mã kiểm tra; không khôi phục gì.',
		en: 'The backup {file} is corrupt: "{part}" does not match its checksum; nothing was restored.'
	},
	'restore.formatTooNew': {
		vi: 'Bản sao lưu theo định dạng phiên bản {version}, phiên bản sohoa này chỉ đọc được đến {known}. Hãy cập nhật sohoa.',
		en: 'The backup is in format version {version}; this sohoa reads up to {known}. Update sohoa first.'
	},
	'restore.migrationTooNew': {
		vi: 'Bản sao lưu được tạo bởi phiên bản sohoa mới hơn (có bước nâng cấp dữ liệu "{migration}" mà bản này không biết). Hãy cập nhật sohoa trước khi khôi phục.',
		en: 'The backup was made by a newer sohoa (its schema has migration "{migration}", unknown here). Update sohoa before restoring.'
	},
	'restore.kindMismatch': {
		vi: 'Bản sao lưu là của cơ sở dữ liệu {backup}, nhưng cấu hình hiện tại dùng {target}. Đặt (hoặc bỏ) DATABASE_URL cho khớp.',
		en: 'The backup is of a {backup} database, but this configuration uses {target}. Set (or unset) DATABASE_URL to match.'
	},
	'restore.schemaMismatch': {
		vi: 'Bản sao lưu là của schema PostgreSQL "{backup}", còn cấu hình hiện tại dùng "{target}". Đặt DATABASE_SCHEMA={backup}.',
		en: 'The backup is of the PostgreSQL schema "{backup}", but this configuration uses "{target}". Set DATABASE_SCHEMA={backup}.'
	},
	'restore.notEmpty': {
		vi: 'Cơ sở dữ liệu đích đang có dữ liệu ({users} người dùng, {books} sổ, {entries} trường hợp, {auditRows} dòng nhật ký); không ghi đè. Dùng --force để thay toàn bộ bằng bản sao lưu.',
		en: 'The target database is in use ({users} users, {books} books, {entries} entries, {auditRows} audit rows); it was not overwritten. Use --force to replace all of it with the backup.'
	},
	'restore.databaseInUse': {
		vi: 'Cơ sở dữ liệu {file} đang được một tiến trình khác mở (máy chủ hoặc sohoa worker). Hãy dừng chúng trước khi khôi phục.',
		en: 'The database {file} is open in another process (the server or a sohoa worker). Stop them before restoring.'
	}
} as const satisfies Record<string, { vi: string; en: string }>;
