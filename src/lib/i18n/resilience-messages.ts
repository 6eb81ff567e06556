/**
 * Hostile and malformed input (bodies, uploads, archives), backups and restores: the refusals
 * users and admins see (issue 9).
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
	}
} as const satisfies Record<string, { vi: string; en: string }>;
