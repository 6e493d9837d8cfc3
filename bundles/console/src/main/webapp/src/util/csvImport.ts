// The CSV import of persons and guardian bindings (POST /persons/import): the request, the two answers it can give
// (a summary, or 400 invalid-rows with every row problem) and the reason codes of the rows and of the file in words.
import { API_BASE, ApiError, authHeaders } from '../api'
import { wordOf, type Words } from './words'

export interface ImportSummary { dryRun: boolean; written: boolean; rows: number; persons: number; created: number;
  updated: number; bindings: number; problems: RowProblem[] }
export interface RowProblem { row: number; column: string | null; code: string; message: string }
/** What the server answered: a summary (nothing wrong) or the row problems (nothing written). */
export type ImportOutcome =
  | { kind: 'summary'; summary: ImportSummary }
  | { kind: 'rejected'; rows: number; problems: RowProblem[]; message: string }

/** The columns of the file, in the order of the example; only id, name and role are required. */
export const CSV_COLUMNS = ['id', 'name', 'role', 'phone', 'email', 'language', 'group', 'guardian_of', 'relation',
  'preferred_channel', 'face_consent'] as const
export const CSV_REQUIRED = ['id', 'name', 'role']

/** An example file (the README's). */
export const CSV_EXAMPLE = [
  CSV_COLUMNS.join(','),
  'stu-20250101,张小明,STUDENT,,,zh-CN,3-2,,,,',
  'stu-20250102,"Li, Lei",STUDENT,,,en,3-2,,,,',
  'g-1001,张伟,GUARDIAN,+8613800000001,zhang@example.com,zh-CN,,stu-20250101;stu-20250102,父亲,sms,是',
  'g-1002,王芳,GUARDIAN,+8613800000002,,en,,stu-20250101,mother,email,no',
].join('\n')

/** Reads the answer of POST /persons/import; other errors are thrown as ApiError. */
export function outcomeOf(status: number, body: any): ImportOutcome {
  if (status === 200 && body && typeof body === 'object') {
    return { kind: 'summary', summary: { ...body, problems: body.problems ?? [] } }
  }
  if (status === 400 && body?.error === 'invalid-rows') {
    return { kind: 'rejected', rows: body.rows ?? 0, problems: body.problems ?? [], message: body.message ?? '' }
  }
  throw new ApiError(status, body?.error ?? `http-${status}`, body?.message ?? `HTTP ${status}`)
}

/** Sends a file; dryRun only checks it. */
export async function importCsv(file: Blob, dryRun: boolean): Promise<ImportOutcome> {
  let res: Response
  try {
    res = await fetch(`${API_BASE}/persons/import?dryRun=${dryRun}`, { method: 'POST', body: file, credentials: 'omit',
      headers: { ...authHeaders(), Accept: 'application/json', 'Content-Type': 'text/csv',
        'X-Requested-With': 'gatehouse-console' } })
  } catch (e) {
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e))
  }
  let body: any = null
  try { body = await res.json() } catch { /* not JSON */ }
  return outcomeOf(res.status, body ?? { message: res.statusText })
}

/** How many distinct rows have problems. */
export function badRows(problems: readonly RowProblem[]): number {
  return new Set(problems.map(p => p.row)).size
}

/** Reason codes of rows (and of a person form) and of a whole file, in words. */
export const CSV_CODES: Record<string, Words> = {
  'missing-id': { 'zh-CN': '缺少编号', en: 'id missing' },
  'bad-id': { 'zh-CN': '编号格式错误（1-64 个字母、数字、- _ . :）', en: "bad id (1-64 letters, digits, '-', '_', '.', ':')" },
  'missing-name': { 'zh-CN': '缺少姓名', en: 'name missing' },
  'bad-name': { 'zh-CN': '姓名过长（最多 200 字）', en: 'name too long (at most 200 characters)' },
  'missing-role': { 'zh-CN': '缺少身份', en: 'role missing' },
  'bad-role': { 'zh-CN': '未知身份', en: 'unknown role' },
  'bad-phone': { 'zh-CN': '手机号格式错误（+ 和 6-15 位数字）', en: 'bad phone number (+ and 6-15 digits)' },
  'bad-email': { 'zh-CN': '邮箱格式错误', en: 'bad e-mail address' },
  'bad-language': { 'zh-CN': '未知语言（zh-CN 或 en）', en: 'unknown language (zh-CN or en)' },
  'bad-group': { 'zh-CN': '班级/部门格式错误（如 3-2）', en: 'bad class or department (e.g. 3-2)' },
  'bad-channel': { 'zh-CN': '未知通知渠道', en: 'unknown notice channel' },
  'bad-consent': { 'zh-CN': '人脸同意栏应为 是/否', en: 'face consent must be yes or no' },
  'bad-relation': { 'zh-CN': '关系过长', en: 'relation too long' },
  'bad-guardian_of': { 'zh-CN': '学生编号格式错误', en: 'bad student id' },
  'missing-guardian_of': { 'zh-CN': '缺少学生编号', en: 'student id missing' },
  'unknown-student': { 'zh-CN': '学生不存在', en: 'unknown student' },
  'not-a-student': { 'zh-CN': '对方不是学生', en: 'not a student' },
  'not-a-guardian': { 'zh-CN': '只有家长行才能填写 guardian_of', en: 'only a GUARDIAN row may name guardian_of' },
  'duplicate-id': { 'zh-CN': '编号重复且信息不一致', en: 'id repeated with other data' },
  'duplicate-binding': { 'zh-CN': '监护关系重复且信息不一致', en: 'binding repeated with other data' },
  'extra-fields': { 'zh-CN': '字段数多于表头（含逗号的字段需加引号）', en: 'more fields than columns (a comma needs quotes)' },
  'csv-encoding': { 'zh-CN': '文件不是 UTF-8 编码：在 Excel 中另存为“CSV UTF-8（逗号分隔）”',
    en: 'The file is not UTF-8: in Excel save it as "CSV UTF-8 (comma delimited)"' },
  'csv-header': { 'zh-CN': '表头缺少必填列或有未知列', en: 'The header lacks a required column or names an unknown one' },
  'csv-empty': { 'zh-CN': '文件是空的', en: 'The file is empty' },
  'csv-quote': { 'zh-CN': '有引号没有闭合', en: 'A quoted field is not closed' },
  'csv-too-large': { 'zh-CN': '行数太多（最多 20000 行），请拆分文件', en: 'Too many rows (at most 20,000): split the file' },
}

/** A code in words, or the code itself when it is unknown. */
export function codeText(code: string, locale: string): string {
  return wordOf(CSV_CODES, code, locale) ?? code
}
