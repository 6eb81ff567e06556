import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The one typed schema of the database (both dialects). Conventions that keep the two dialects
 * identical: ids are text (UUIDs), times are ISO-8601 UTC text, booleans are 0/1 integers,
 * structured values are JSON text.
 */
export interface DB {
	unit: UnitTable;
	app_user: UserTable;
	user_unit: UserUnitTable;
	session: SessionTable;
	login_throttle: LoginThrottleTable;
	blob: BlobTable;
	book: BookTable;
	page: PageTable;
	entry: EntryTable;
	entry_field: EntryFieldTable;
	audit_log: AuditLogTable;
	audit_head: AuditHeadTable;
	job: JobTable;
	resident_extract: ResidentExtractTable;
	resident: ResidentTable;
	ocr_result: OcrResultTable;
	entry_reconciliation: EntryReconciliationTable;
	book_export: BookExportTable;
	entry_export: EntryExportTable;
	entry_check: EntryCheckTable;
	entry_keying: EntryKeyingTable;
	stats_book: StatsBookTable;
	stats_book_day: StatsBookDayTable;
	stats_field_day: StatsFieldDayTable;
	stats_user_day: StatsUserDayTable;
	stats_reason_day: StatsReasonDayTable;
	stats_unit_day: StatsUnitDayTable;
	stats_unit_field_day: StatsUnitFieldDayTable;
	stats_unit_user_day: StatsUnitUserDayTable;
	stats_unit_reason_day: StatsUnitReasonDayTable;
	stats_watermark: StatsWatermarkTable;
	sample_audit: SampleAuditTable;
	sample_audit_item: SampleAuditItemTable;
}

export interface UnitTable {
	code: string;
	name: string;
	level: 'province' | 'district' | 'commune';
	parent_code: string | null;
}

export interface UserTable {
	id: string;
	username: string;
	display_name: string;
	role: 'clerk' | 'officer' | 'supervisor' | 'admin';
	password_hash: string;
	disabled: number;
	locale: 'vi' | 'en';
	created_at: string;
}

export interface UserUnitTable {
	user_id: string;
	unit_code: string;
}

export interface SessionTable {
	/** SHA-256 of the token: a stolen database gives no usable session. */
	token_hash: string;
	user_id: string;
	created_at: string;
	expires_at: string;
}

export interface LoginThrottleTable {
	username: string;
	failures: number;
	first_failure_at: string;
	locked_until: string | null;
}

export interface BlobTable {
	hash: string;
	mime: string;
	size: number;
	created_at: string;
}

export interface BookTable {
	id: string;
	unit_code: string;
	register_type: string;
	/** quyenSo: the book's number as printed, e.g. "02/2008". */
	book_number: string;
	year: number;
	title: string;
	expected_entries: number | null;
	template_id: string | null;
	created_at: string;
	created_by: string | null;
	/** 1: the review re-keys the critical fields blind (verify/blind-check.ts); a supervisor may turn it off. */
	blind_rekey: Generated<number>;
	/** 1: every entry is keyed twice by two different people (verify/double-keying.ts); off by default. */
	double_keying: Generated<number>;
}

export interface PageTable {
	id: string;
	book_id: string;
	page_no: number;
	blob_hash: string;
	width: number;
	height: number;
	source_file: string;
	source_page: number;
	created_at: string;
	/** pending until OCR has read it: done (entries recorded, maybe none) or failed (see ocr_error). */
	ocr_state: 'pending' | 'done' | 'failed';
	/** JSON {code, params} of the OCR failure the clerk sees. */
	ocr_error: string | null;
}

export interface EntryTable {
	id: string;
	book_id: string;
	unit_code: string;
	register_type: string;
	page_id: string | null;
	/** Position in the book's queue (page order, then top to bottom). */
	seq: number;
	/** [x0,y0,x1,y1] on the page, JSON. */
	region: string | null;
	state: string;
	version: number;
	transcribed_by: string | null;
	last_edited_by: string | null;
	submitted_by: string | null;
	approved_by: string | null;
	return_reason: string | null;
	/** The code of the last return (verify/return-reasons.ts); null when never returned or since resubmitted. */
	return_code: string | null;
	/** How many times an officer returned it: 0 at approval = approved first time. */
	return_count: Generated<number>;
	/** This round's second keying (double-keyed books): 'due' until submitted, then 'done'; null = none. */
	second_keying: Generated<'due' | 'done' | null>;
	/** Who holds (or did) this round's second keying. */
	second_keyer: Generated<string | null>;
	created_at: string;
	updated_at: string;
}

export interface EntryFieldTable {
	entry_id: string;
	key: string;
	/** As written in the book (what the clerk types). */
	value: string;
	/** The normalised value when the clerk overrode the derived one; null = derived. */
	normalized_override: string | null;
	ocr_value: string | null;
	ocr_confidence: number | null;
	/** Why OCR doubts its value: issue codes (`ocr.*`, `date.*`…), JSON; null when it does not. */
	ocr_issues: string | null;
	/** 'illegible' | 'blank' | null: the clerk's mark on the field. */
	flag: string | null;
	/** [x0,y0,x1,y1] on the page, JSON. */
	bbox: string | null;
	updated_at: string;
	updated_by: string | null;
}

export interface AuditLogTable {
	seq: number;
	at: string;
	actor_id: string | null;
	action: string;
	subject_type: string;
	subject_id: string;
	/** JSON: the details (field values before/after, version, reason …). */
	data: string;
	prev_hash: string;
	hash: string;
}

export interface AuditHeadTable {
	id: number;
	seq: number;
	hash: string;
}

export interface JobTable {
	id: string;
	kind: string;
	payload: string;
	state: 'queued' | 'running' | 'done' | 'failed';
	attempts: number;
	max_attempts: number;
	progress_done: number;
	progress_total: number;
	lease_until: string | null;
	locked_by: string | null;
	error: string | null;
	created_at: string;
	updated_at: string;
}

export interface ResidentExtractTable {
	id: string;
	unit_code: string;
	file_name: string;
	rows: number;
	imported_at: string;
	imported_by: string | null;
}

/** One person of a resident-database extract, as the extract wrote them. */
export interface ResidentTable {
	id: string;
	extract_id: string;
	unit_code: string;
	personal_id: string | null;
	full_name: string;
	birth_date: string | null;
	sex: string | null;
	birth_place: string | null;
	native_place: string | null;
	father_name: string | null;
	mother_name: string | null;
	residence: string | null;
	name_key: string;
	birth_year: number | null;
	/** Stable key within the unit: "pid:<personal ID>" or "h:<hash>"; a re-import updates by it. */
	row_key: string | null;
}

/** An entry's reconciliation with the resident extract: an explicit, audited decision. */
export interface EntryReconciliationTable {
	entry_id: string;
	decision: 'linked' | 'absent' | 'undecided';
	resident_id: string | null;
	decided_by: string;
	decided_at: string;
	score: number | null;
}

/** What OCR read from one image with one layout (src/lib/ocr/result-cache.ts makes the key). */
export interface OcrResultTable {
	/** SHA-256 over the four columns that follow. */
	cache_key: string;
	/** The scan's blob hash. */
	image_hash: string;
	template_id: string;
	/** Hash of the template's content. */
	template_version: string;
	engine_version: string;
	/** JSON: the page's entries or its error, as `readPageImage` returned them. */
	result_json: string;
	created_at: string;
}

/** One export package of a book: a zip of the entries' PDFs and the import Excel, as blobs. */
export interface BookExportTable {
	id: string;
	book_id: string;
	state: 'queued' | 'running' | 'done' | 'failed';
	/** The background job building it; null when built in the foreground (`sohoa export`). */
	job_id: string | null;
	/** JSON: the options asked for (file-name pattern, greyscale). */
	options: string;
	requested_by: string | null;
	requested_at: string;
	finished_at: string | null;
	zip_name: string | null;
	zip_hash: string | null;
	xlsx_name: string | null;
	xlsx_hash: string | null;
	/** How many entries the package holds. */
	entries: number;
	/** JSON: duplicates, entries left out and why, the legibility checks. */
	report: string | null;
	/** JSON {code, params} of a refusal or failure the user sees. */
	error: string | null;
	/**
	 * A foreground export's lease: its process renews it while building; once it has run out the
	 * process died and the row is marked failed (interrupted). Null for background exports.
	 */
	lease_until: string | null;
}

/** The last export an entry went out in. */
export interface EntryExportTable {
	entry_id: string;
	book_export_id: string;
	exported_at: string;
	/** The entry's version once marked exported: a later version means it changed since. */
	entry_version: number;
	/** SHA-256 of what its PDF and Excel row are made from (values, region, scan, file name). */
	content_hash: string;
	file_name: string;
}

/**
 * Supervisors' figures: a per-book projection of entries + audit log (src/lib/stats/book-rollup.ts),
 * rebuilt per book when it changes. Days are local dates (Asia/Ho_Chi_Minh), YYYY-MM-DD.
 */
export interface StatsBookTable {
	book_id: string;
	unit_code: string;
	register_type: string;
	expected: number;
	imported: number;
	prefilled: number;
	in_progress: number;
	submitted: number;
	returned: number;
	approved: number;
	exported: number;
}

export interface StatsBookDayTable {
	book_id: string;
	day: string;
	unit_code: string;
	/** Entries that reached the milestone that day (first time). */
	imported: number;
	submitted: number;
	approved: number;
	exported: number;
	/** Review decisions that day. */
	approvals: number;
	first_pass: number;
	returns: number;
}

export interface StatsFieldDayTable {
	book_id: string;
	/** The entry's approval day. */
	day: string;
	field_key: string;
	unit_code: string;
	register_type: string;
	fields: number;
	ocr: number;
	kept: number;
	cer_edits: number;
	cer_chars: number;
	changed: number;
	flagged: number;
	flagged_changed: number;
}

export interface StatsUserDayTable {
	book_id: string;
	day: string;
	user_id: string;
	unit_code: string;
	edited: number;
	submitted: number;
	approved: number;
	returned: number;
	judged_fields: number;
	judged_changed: number;
	judged_against: number;
	judged_approvals: number;
	judged_first_pass: number;
	judged_returns: number;
}

export interface StatsReasonDayTable {
	book_id: string;
	day: string;
	code: string;
	unit_code: string;
	n: number;
}

/** The per-book day tables summed over a unit's books (what the dashboards read). */
export type StatsUnitDayTable = Omit<StatsBookDayTable, 'book_id'>;
export type StatsUnitFieldDayTable = Omit<StatsFieldDayTable, 'book_id'>;
export type StatsUnitUserDayTable = Omit<StatsUserDayTable, 'book_id'>;
export type StatsUnitReasonDayTable = Omit<StatsReasonDayTable, 'book_id'>;

export interface StatsWatermarkTable {
	id: number;
	audit_seq: number;
	entries_at: string;
}

export interface SampleAuditTable {
	id: string;
	book_id: string;
	seed: string;
	random_size: number;
	risk_size: number;
	threshold: number;
	hold: number;
	created_by: string;
	created_at: string;
}

export interface SampleAuditItemTable {
	audit_id: string;
	entry_id: string;
	part: 'random' | 'risk';
	position: number;
	result: 'ok' | 'error' | null;
	note: string | null;
	checked_by: string | null;
	checked_at: string | null;
}

export type UnitRow = Selectable<UnitTable>;
export type UserRow = Selectable<UserTable>;
export type BookRow = Selectable<BookTable>;
export type PageRow = Selectable<PageTable>;
export type EntryRow = Selectable<EntryTable>;
export type EntryFieldRow = Selectable<EntryFieldTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type JobRow = Selectable<JobTable>;
export type NewEntryField = Insertable<EntryFieldTable>;
export type EntryUpdate = Updateable<EntryTable>;
export type BookExportRow = Selectable<BookExportTable>;

/**
 * A blind re-keying of one review round: the officer's readings that differed from the clerk's,
 * pending until settled. A return ends the round (`dropped`): the next submission is re-keyed anew.
 */
export interface EntryCheckTable {
	id: string;
	entry_id: string;
	/** 'blind': the officer re-keyed the critical fields; 'double': a second clerk keyed every field. */
	source: 'blind' | 'double';
	/** Who made the readings compared with the transcription (the officer, or the second keyer). */
	officer_id: string;
	/** The entry's version the readings were compared with. */
	entry_version: number;
	state: 'pending' | 'settled' | 'dropped';
	/** JSON: BlindDifference[] (the fields re-keyed that differ; [] when all agreed). */
	differences: string;
	created_at: string;
	settled_by: string | null;
	settled_at: string | null;
}
export type EntryCheckRow = Selectable<EntryCheckTable>;

/**
 * The second keying of an entry in a double-keyed book: the second person's values of every field,
 * typed from the scan without seeing the first keying. Kept apart from `entry_field` so the first
 * keying is never overwritten; a return ends the round (`dropped`).
 */
export interface EntryKeyingTable {
	id: string;
	entry_id: string;
	keyer_id: string;
	state: 'draft' | 'submitted' | 'dropped';
	/** JSON: field key → value as typed. */
	values: string;
	/** Bumped by every save: a stale draft is refused (409) rather than overwriting newer typing. */
	version: number;
	created_at: string;
	updated_at: string;
	submitted_at: string | null;
}
export type EntryKeyingRow = Selectable<EntryKeyingTable>;
