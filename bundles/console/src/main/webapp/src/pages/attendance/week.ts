// Attendance of a class: counts of a day, the 7 days ending on a date, and the week chart's ECharts option.
import { lastDays } from '../../util/presence'

export interface AttendanceRow { personId: string; name: string; group?: string; firstIn?: string; lastOut?: string; absent: boolean }
export interface DayCount { date: string; present: number | null; absent: number | null }

/** The 7 dates (YYYY-MM-DD) ending on the given one, oldest first. */
export function weekEnding(date: string): string[] {
  const [y, m, d] = date.split('-').map(Number)
  return lastDays(7, new Date(y, m - 1, d)).reverse()
}

/** Present (passed a gate that day) and absent students. */
export function counts(rows: readonly AttendanceRow[]): { present: number; absent: number; total: number } {
  const absent = rows.filter(r => r.absent).length
  return { present: rows.length - absent, absent, total: rows.length }
}

/** Rows ordered by class, then absent first, then name. */
export function ordered(rows: readonly AttendanceRow[]): AttendanceRow[] {
  return [...rows].sort((a, b) => (a.group ?? '').localeCompare(b.group ?? '', 'en', { numeric: true })
    || Number(b.absent) - Number(a.absent) || a.name.localeCompare(b.name))
}

export interface ChartTexts { present: string; absent: string; dayLabel: (date: string) => string }

/** The ECharts option of the week chart: present and absent students per day, stacked bars. */
export function weekOption(days: readonly DayCount[], texts: ChartTexts, animation: boolean) {
  return {
    animation,
    color: ['#2e7d32', '#c62828'],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: [texts.present, texts.absent], bottom: 0 },
    grid: { left: 36, right: 12, top: 16, bottom: 72 },
    xAxis: { type: 'category', data: days.map(d => texts.dayLabel(d.date)), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: texts.present, type: 'bar', stack: 'students', data: days.map(d => d.present) },
      { name: texts.absent, type: 'bar', stack: 'students', data: days.map(d => d.absent) },
    ],
  }
}

/** Whether charts should animate: the end-to-end tests switch animation off with window.__gatehouseNoAnimation. */
export function chartAnimation(w: unknown = typeof window === 'undefined' ? undefined : window): boolean {
  return !(w && (w as { __gatehouseNoAnimation?: unknown }).__gatehouseNoAnimation === true)
}
