import { describe, it, expect } from 'vitest'
import { chartAnimation, weekEnding } from '../src/pages/attendance/week'

describe('attendance', () => {
  it('gives the 7 days ending on a date, across months and years', () => {
    expect(weekEnding('2026-12-02')).toEqual(['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30',
      '2026-12-01', '2026-12-02'])
    expect(weekEnding('2027-01-03')[0]).toBe('2026-12-28')
    expect(weekEnding('2028-03-01')[5]).toBe('2028-02-29')
  })
  it('switches chart animation off for the end-to-end tests', () => {
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
