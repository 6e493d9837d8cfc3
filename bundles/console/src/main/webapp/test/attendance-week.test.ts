import { describe, it, expect } from 'vitest'
import { chartAnimation, counts, ordered, weekEnding, weekOption, type AttendanceRow } from '../src/pages/attendance/week'

const rows: AttendanceRow[] = [
  { personId: 'b', name: 'Emma', group: '3-2', firstIn: '2026-12-02T00:30:00Z', absent: false },
  { personId: 'a', name: 'Anna', group: '3-10', absent: true },
  { personId: 'c', name: 'Carl', group: '3-2', absent: true },
]

describe('attendance', () => {
  it('gives the 7 days ending on a date, across months and years', () => {
    expect(weekEnding('2026-12-02')).toEqual(['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30',
      '2026-12-01', '2026-12-02'])
    expect(weekEnding('2027-01-03')[0]).toBe('2026-12-28')
    expect(weekEnding('2028-03-01')[5]).toBe('2028-02-29')
  })
  it('counts present and absent students', () => {
    expect(counts(rows)).toEqual({ present: 1, absent: 2, total: 3 })
    expect(counts([])).toEqual({ present: 0, absent: 0, total: 0 })
  })
  it('orders by class, absent first, then name', () => {
    expect(ordered(rows).map(r => r.personId)).toEqual(['c', 'b', 'a'])
  })
  it('builds stacked bars and switches animation off', () => {
    const o = weekOption([{ date: '2026-12-01', present: 3, absent: 1 }, { date: '2026-12-02', present: null, absent: null }],
      { present: 'P', absent: 'A', dayLabel: d => d.slice(5) }, false)
    expect(o.animation).toBe(false)
    expect(o.xAxis.data).toEqual(['12-01', '12-02'])
    expect(o.series.map(s => [s.name, s.stack, s.data])).toEqual([['P', 'students', [3, null]], ['A', 'students', [1, null]]])
    expect(chartAnimation({ __gatehouseNoAnimation: true })).toBe(false)
    expect(chartAnimation({})).toBe(true)
    expect(chartAnimation(undefined)).toBe(true)
  })
})

describe('weekdays', () => {
  it('names the day of a date', async () => {
    const { weekdayOf, weekdayName } = await import('../src/util/weekdays')
    expect(weekdayOf('2026-12-02')).toBe('WEDNESDAY')
    expect(weekdayOf('2026-12-06')).toBe('SUNDAY')
    expect(weekdayName('MONDAY', 'en')).toBe('Monday')
    expect(weekdayName('SUNDAY', 'zh-CN')).toBe('星期日')
  })
})
