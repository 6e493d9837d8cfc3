// The school calendar's logic, without a browser: the month grid, what kind of day each date is (school day, holiday,
// make-up day, day off), and the checks of a term and of a grade's rule before saving.
import { today } from '../../load'

export interface SchoolTerm { id: string; name: string; from: string; to: string }
export interface CalendarDay { date: string; schoolDay: boolean; note?: string | null }
/** GET /attendance/calendar: the marked days and every school day of the range. */
export interface CalendarAnswer { from: string; to: string; days: CalendarDay[]; schoolDays: string[] }
export interface AttendanceRule { grade: string; arriveBy: string; leaveAfter: string }

/** holiday: marked as no school; makeup: a weekend day marked as a school day (调休); school; off (weekend, no term). */
export type DayKind = 'school' | 'holiday' | 'makeup' | 'off'

export interface Cell { date: string; inMonth: boolean; weekend: boolean }

/** Whether a date (YYYY-MM-DD) is a Saturday or Sunday. */
export function isWeekend(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number)
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay()
  return w === 0 || w === 6
}

/** A month (YYYY-MM) moved by n months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number)
  const d = new Date(Date.UTC(y, m - 1 + n, 1))
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}

/** The first and last day of a month (YYYY-MM). */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number)
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` }
}

/** The weeks of a month, Monday first, each of 7 cells; days of the neighbouring months fill the first and last week. */
export function monthGrid(month: string): Cell[][] {
  const [y, m] = month.split('-').map(Number)
  const first = new Date(Date.UTC(y, m - 1, 1))
  const start = new Date(first)
  start.setUTCDate(1 - ((first.getUTCDay() + 6) % 7))
  const weeks: Cell[][] = []
  const d = new Date(start)
  do {
    const week: Cell[] = []
    for (let i = 0; i < 7; i++) {
      const date = d.toISOString().slice(0, 10)
      week.push({ date, inMonth: d.getUTCMonth() === m - 1, weekend: i >= 5 })
      d.setUTCDate(d.getUTCDate() + 1)
    }
    weeks.push(week)
  } while (d.getUTCMonth() === m - 1)
  return weeks
}

/** What kind of day a date is, from the calendar answer: a marked day first, then the list of school days. */
export function dayKind(date: string, cal: CalendarAnswer | null | undefined): DayKind {
  if (!cal) return 'off'
  const marked = cal.days.find(d => d.date === date)
  if (marked) return marked.schoolDay ? (isWeekend(date) ? 'makeup' : 'school') : 'holiday'
  return cal.schoolDays.includes(date) ? (isWeekend(date) ? 'makeup' : 'school') : 'off'
}

/** The note of a marked day, or ''. */
export function noteOf(date: string, cal: CalendarAnswer | null | undefined): string {
  return cal?.days.find(d => d.date === date)?.note ?? ''
}

/** This month as YYYY-MM. */
export function thisMonth(d = new Date()): string {
  return today(d).slice(0, 7)
}

const ID = /^[A-Za-z0-9_.:-]{1,64}$/
const DATE = /^\d{4}-\d{2}-\d{2}$/
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/

/** Checks a term before saving; field -> problem (required, id, order). */
export function termProblems(t: SchoolTerm): Record<string, string> {
  const out: Record<string, string> = {}
  if (!t.id.trim()) out.id = 'required'
  else if (!ID.test(t.id.trim())) out.id = 'id'
  if (!t.name.trim()) out.name = 'required'
  if (!DATE.test(t.from)) out.from = 'required'
  if (!DATE.test(t.to)) out.to = 'required'
  else if (DATE.test(t.from) && t.from > t.to) out.to = 'order'
  return out
}

/** A time as HH:mm (the server may send seconds). */
export function hhmm(time: string | null | undefined): string {
  return time ? time.slice(0, 5) : ''
}

/** Checks a grade's rule before saving; field -> problem (required, grade, time, order). */
export function ruleProblems(r: AttendanceRule): Record<string, string> {
  const out: Record<string, string> = {}
  const g = r.grade.trim()
  if (!g) out.grade = 'required'
  else if (g !== '*' && !ID.test(g)) out.grade = 'grade'
  if (!TIME.test(r.arriveBy)) out.arriveBy = 'time'
  if (!TIME.test(r.leaveAfter)) out.leaveAfter = 'time'
  else if (TIME.test(r.arriveBy) && r.arriveBy >= r.leaveAfter) out.leaveAfter = 'order'
  return out
}

/** Rules in reading order: the default ("*") first, then grades as people count them (2 before 10). */
export function orderedRules(rules: readonly AttendanceRule[]): AttendanceRule[] {
  return [...rules].sort((a, b) => (a.grade === '*' ? -1 : b.grade === '*' ? 1
    : a.grade.localeCompare(b.grade, 'en', { numeric: true })))
}

/** Terms, latest first. */
export function orderedTerms(terms: readonly SchoolTerm[]): SchoolTerm[] {
  return [...terms].sort((a, b) => b.from.localeCompare(a.from))
}
