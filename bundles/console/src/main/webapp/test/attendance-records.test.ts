import { describe, it, expect } from 'vitest'
import { DAY_STATUSES, defaultRange, filterRecords, rangeProblem, reportName, reportPath, statusClass, statusCounts,
  summaryOf, summaryOption, type DayRecord, type DaySummary } from '../src/pages/attendance/records'

const rec = (personId: string, name: string, group: string, date: string, status: string): DayRecord =>
  ({ personId, name, group, date, status })
const records = [rec('a', 'Anna', '3-10', '2026-12-01', 'LATE'), rec('b', 'Ben', '3-2', '2026-12-01', 'ABSENT'),
  rec('c', 'Carl', '3-2', '2026-12-02', 'PRESENT'), rec('a', 'Anna', '3-10', '2026-12-02', 'EXCUSED')]

describe('judged attendance', () => {
  it('counts every status, 0 for the ones not seen', () => {
    const c = statusCounts(records)
    expect(Object.keys(c)).toEqual([...DAY_STATUSES])
    expect(c).toMatchObject({ PRESENT: 1, LATE: 1, ABSENT: 1, EXCUSED: 1, LEFT_EARLY: 0, LATE_LEFT_EARLY: 0 })
  })
  it('filters by status, newest day first, then class as people count, then name', () => {
    expect(filterRecords(records, '').map(r => `${r.date} ${r.personId}`))
      .toEqual(['2026-12-02 c', '2026-12-02 a', '2026-12-01 b', '2026-12-01 a'])
    expect(filterRecords(records, 'ABSENT').map(r => r.personId)).toEqual(['b'])
    expect(filterRecords(records, 'LEFT_EARLY')).toEqual([])
  })
  it('gives each status a badge class', () => {
    expect(statusClass('PRESENT')).toBe('ok')
    expect(statusClass('ABSENT')).toBe('bad')
    expect(statusClass('LATE_LEFT_EARLY')).toBe('warn')
    expect(statusClass('EXCUSED')).toBe('')
  })
  it('starts with the week ending today and checks a range before sending it', () => {
    expect(defaultRange('2027-01-03')).toEqual({ from: '2026-12-28', to: '2027-01-03' })
    expect(rangeProblem('2026-12-01', '2026-12-01')).toBeNull()
    expect(rangeProblem('', '2026-12-01')).toBe('missing')
    expect(rangeProblem('2026-12-02', '2026-12-01')).toBe('order')
    expect(rangeProblem('2025-01-01', '2025-12-31')).toBeNull()
    expect(rangeProblem('2024-01-01', '2024-12-31')).toBeNull() // 366 days in a leap year
    expect(rangeProblem('2024-01-01', '2025-01-01')).toBe('tooLong')
  })
  it('charts the chosen class, or the whole school, by date', () => {
    const s = (date: string, group: string, absent: number): DaySummary =>
      ({ date, group, students: 10, present: 10 - absent, late: 1, absent, leftEarly: 0, excused: 0 })
    const rows = [s('2026-12-02', '*', 3), s('2026-12-01', '*', 2), s('2026-12-01', '3-2', 1)]
    expect(summaryOf(rows, '').map(r => r.date)).toEqual(['2026-12-01', '2026-12-02'])
    expect(summaryOf(rows, '3-2').map(r => r.absent)).toEqual([1])
    const o = summaryOption(summaryOf(rows, ''), { present: 'P', late: 'L', leftEarly: 'E', absent: 'A', excused: 'X',
      dayLabel: d => d.slice(5) }, false)
    expect(o.xAxis.data).toEqual(['12-01', '12-02'])
    expect(o.series.map(x => x.name)).toEqual(['P', 'L', 'E', 'A', 'X'])
    expect(o.series[3].data).toEqual([2, 3])
    expect(o.animation).toBe(false)
  })
  it('addresses a report and names its file when the server does not', () => {
    expect(reportPath('2026-12-01', '2026-12-31', '3-2', 'xlsx', 'month'))
      .toBe('/attendance/report?from=2026-12-01&to=2026-12-31&group=3-2&format=xlsx&by=month')
    expect(reportPath('2026-12-01', '2026-12-02', '', 'csv', 'day')).not.toContain('group')
    expect(reportPath('2026-12-01', '2026-12-02', '', 'csv', 'day', 'en')).toMatch(/&lang=en$/)
    expect(reportName('2026-12-01', '2026-12-02', '', 'csv')).toBe('attendance-2026-12-01-2026-12-02.csv')
    expect(reportName('2026-12-01', '2026-12-02', '3-2', 'xlsx')).toBe('attendance-3-2-2026-12-01-2026-12-02.xlsx')
  })
})
