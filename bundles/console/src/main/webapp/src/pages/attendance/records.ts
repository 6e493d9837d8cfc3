// Judged attendance: the day records with their status, the status filter and counts, the date range, the summary
// chart's ECharts option and the report's address and file name. Pure, unit-tested without a browser.
import { query } from '../../api'
import { weekEnding } from './week'

/** The statuses of a judged day (DayRecord.status). */
export const DAY_STATUSES = ['PRESENT', 'LATE', 'ABSENT', 'LEFT_EARLY', 'LATE_LEFT_EARLY', 'EXCUSED'] as const

/** One student's judged day (GET /attendance/records). */
export interface DayRecord { personId: string; name: string; group?: string | null; date: string;
  firstIn?: string | null; lastOut?: string | null; status: string; leavePass?: number | null }
/** The figures of one day and group (GET /attendance/summary; group "*" is the whole school). */
export interface DaySummary { date: string; group: string; students: number; present: number; late: number;
  absent: number; leftEarly: number; excused: number }

/** The badge class of a status: on time ok, absent bad, late or left early warn, excused plain. */
export function statusClass(status: string): string {
  switch (status) {
    case 'PRESENT': return 'ok'
    case 'ABSENT': return 'bad'
    case 'LATE': case 'LEFT_EARLY': case 'LATE_LEFT_EARLY': return 'warn'
    default: return ''
  }
}

/** How many records have each status (every known status is a key, 0 when none). */
export function statusCounts(records: readonly DayRecord[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(DAY_STATUSES.map(s => [s, 0]))
  for (const r of records) out[r.status] = (out[r.status] ?? 0) + 1
  return out
}

/** The records of one status (all for ''), newest day first, then class, then name. */
export function filterRecords(records: readonly DayRecord[], status: string): DayRecord[] {
  return records.filter(r => !status || r.status === status).sort((a, b) => b.date.localeCompare(a.date)
    || (a.group ?? '').localeCompare(b.group ?? '', 'en', { numeric: true }) || a.name.localeCompare(b.name))
}

/** The default range: the 7 days ending on a day. */
export function defaultRange(day: string): { from: string; to: string } {
  const days = weekEnding(day)
  return { from: days[0], to: days[days.length - 1] }
}

/** The longest range the page asks for at once, in days. */
export const MAX_DAYS = 366

/** What is wrong with a range before it is sent: missing, from after to, or longer than MAX_DAYS; null when fine. */
export function rangeProblem(from: string, to: string): 'missing' | 'order' | 'tooLong' | null {
  const ok = /^\d{4}-\d{2}-\d{2}$/
  if (!ok.test(from) || !ok.test(to)) return 'missing'
  if (from > to) return 'order'
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1
  return days > MAX_DAYS ? 'tooLong' : null
}

/** The summary rows of a class (group), or of the whole school ("*") when no class is chosen, by date. */
export function summaryOf(rows: readonly DaySummary[], group: string): DaySummary[] {
  const want = group || '*'
  return rows.filter(r => r.group === want).sort((a, b) => a.date.localeCompare(b.date))
}

export interface SummaryTexts { present: string; late: string; leftEarly: string; absent: string; excused: string;
  dayLabel: (date: string) => string }

/** The ECharts option of the summary chart: one bar per status and day (grouped, not stacked). */
export function summaryOption(rows: readonly DaySummary[], texts: SummaryTexts, animation: boolean) {
  const series = (name: string, pick: (r: DaySummary) => number) => ({ name, type: 'bar', data: rows.map(pick) })
  return {
    animation,
    color: ['#2e7d32', '#b26a00', '#8e24aa', '#c62828', '#607d8b'],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0 },
    grid: { left: 36, right: 12, top: 16, bottom: 72 },
    xAxis: { type: 'category', data: rows.map(r => texts.dayLabel(r.date)), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      series(texts.present, r => r.present), series(texts.late, r => r.late), series(texts.leftEarly, r => r.leftEarly),
      series(texts.absent, r => r.absent), series(texts.excused, r => r.excused),
    ],
  }
}

export type ReportFormat = 'csv' | 'xlsx'

/** The address of a report (GET /attendance/report), its texts in the language of the page (zh-CN or en). */
export function reportPath(from: string, to: string, group: string, format: ReportFormat, by: 'day' | 'month',
                           lang?: string): string {
  return '/attendance/report' + query({ from, to, group, format, by, lang })
}

/** The file name when the server gives none: attendance-<group>-<from>-<to>.<format>. */
export function reportName(from: string, to: string, group: string, format: ReportFormat): string {
  return `attendance-${group ? group + '-' : ''}${from}-${to}.${format}`
}
