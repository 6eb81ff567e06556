/** Double keying: the per-book switch, the second keying, its comparison and the refusals. */
export const doubleKeyingMessages = {
	'action.key': { vi: 'nhập lần hai', en: 'key a second time' },
	'entry.awaitingSecondKeying': {
		vi: 'Bản ghi đang chờ người thứ hai nhập độc lập; chỉ duyệt được khi đã có cả hai lần nhập.',
		en: 'This entry waits for its independent second keying; it can be reviewed once both keyings are in.'
	},
	'entry.keyingNotDue': {
		vi: 'Bản ghi này không cần (hoặc không còn cần) nhập lần hai.',
		en: 'This entry does not need (or no longer needs) a second keying.'
	},
	'entry.keyingTaken': {
		vi: 'Một người khác đang nhập lần hai bản ghi này.',
		en: 'Someone else is keying this entry a second time.'
	},
	'keying.staleVersion': {
		vi: 'Bản nhập lần hai đã được lưu ở nơi khác (phiên bản {current}, bạn gửi {sent}). Tải lại trang; những gì bạn gõ vẫn còn trên trang này.',
		en: 'Your second keying was saved elsewhere (version {current}, you sent {sent}). Reload; what you typed is still on this page.'
	},
	'keying.entryChanged': {
		vi: 'Bản ghi đã thay đổi trong lúc bạn nhập. Tải lại trang.',
		en: 'The entry changed while you were keying it. Reload the page.'
	},
	'book.secondKeyingsDue': {
		vi: 'Chưa tắt được nhập hai lần: còn {n} bản ghi của quyển sổ đang chờ nhập lần hai. Hãy nhập xong (hoặc trả lại) các bản ghi đó trước.',
		en: 'Double keying cannot be switched off yet: {n} entries of this book still wait for their second keying. Key (or return) them first.'
	},
	'book.doubleKeyingForbidden': {
		vi: 'Chỉ lãnh đạo hoặc quản trị được bật, tắt nhập hai lần cho quyển sổ.',
		en: 'Only a supervisor or an administrator may switch double keying for a book.'
	},
	'book.doubleKeying': {
		vi: 'Nhập hai lần: hai cán bộ nhập độc lập, so sánh từng trường',
		en: 'Double keying: two clerks key each entry independently, compared field by field'
	},
	'book.doubleKeyingSave': { vi: 'Lưu nhập hai lần', en: 'Save double keying' },
	'book.doubleKeyingSaved': { vi: 'Đã lưu cách nhập.', en: 'Keying setting saved.' },
	'book.doubleKeyingOn': {
		vi: 'Quyển sổ này được nhập hai lần độc lập.',
		en: 'Every entry of this book is keyed twice, independently.'
	},
	'queue.secondKeying': { vi: 'Chờ nhập lần hai', en: 'Awaits second keying' },
	'keying.title': { vi: 'Nhập lần hai (độc lập)', en: 'Second keying (independent)' },
	'keying.help': {
		vi: 'Nhập mọi trường theo ảnh. Bạn không thấy lần nhập thứ nhất: hệ thống so sánh từng trường, chỗ khác nhau do công chức quyết định theo ảnh. Ctrl+Enter: gửi và sang bản ghi tiếp.',
		en: 'Key every field from the scan. You do not see the first keying: the system compares them field by field and an officer settles any difference against the scan. Ctrl+Enter: submit and open the next entry.'
	},
	'keying.submit': { vi: 'Gửi lần nhập thứ hai', en: 'Submit the second keying' },
	'keying.agreed': {
		vi: 'Hai lần nhập trùng khớp ở mọi trường.',
		en: 'Both keyings agree on every field.'
	},
	'keying.differs': {
		vi: 'Hai lần nhập khác nhau ở {n} trường; công chức sẽ đối chiếu với ảnh.',
		en: 'The keyings differ in {n} field(s); an officer will settle them against the scan.'
	},
	'review.awaitingSecondKeying': {
		vi: 'Chờ lần nhập thứ hai: công chức duyệt khi đã có cả hai lần nhập.',
		en: 'Waiting for the second keying: the officer reviews once both keyings are in.'
	},
	'review.keyingDiffers': {
		vi: 'Hai lần nhập khác nhau ở {n} trường: đối chiếu với ảnh và chọn giá trị đúng.',
		en: 'The two keyings differ in {n} field(s): check them against the scan and choose the right value.'
	},
	'review.firstKeying': { vi: 'Lần nhập thứ nhất', en: 'First keying' },
	'review.secondKeying': { vi: 'Lần nhập thứ hai', en: 'Second keying' }
} as const satisfies Record<string, { vi: string; en: string }>;
