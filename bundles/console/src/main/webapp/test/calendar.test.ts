import { describe, it, expect } from 'vitest'
import { addMonths, dayKind, hhmm, isWeekend, monthGrid, monthRange, noteOf, orderedRules, ruleProblems, termProblems,
  type CalendarAnswer } from '../src/pages/calendar/calendar'

describe('school calendar', () => {
  it('lays a month out in weeks from Monday, filled from the neighbouring months', () => {
    const dec = monthGrid('2026-12') // 1 December 2026 is a Tuesday
    expect(dec[0][0]).toEqual({ date: '2026-11-30', inMonth: false, weekend: false })
    expect(dec[0][1].date).toBe('2026-12-01')
    expect(dec.every(w => w.length === 7)).toBe(true)
    expect(dec[dec.length - 1].some(c => c.date === '2026-12-31')).toBe(true)
    expect(dec.flat().filter(c => c.inMonth)).toHaveLength(31)
    const feb = monthGrid('2027-02') // starts on a Monday, 28 days: exactly four weeks
    expect(feb).toHaveLength(4)
    expect(feb[0][0].date).toBe('2027-02-01')
  })
  it('moves months across years and knows their last day', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01')
    expect(addMonths('2026-01', -1)).toBe('2025-12')
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' })
  })
  it('tells school days, holidays, make-up days and days off apart', () => {
    const cal: CalendarAnswer = { from: '2026-10-01', to: '2026-10-31',
      days: [{ date: '2026-10-01', schoolDay: false, note: '国庆节' }, { date: '2026-10-10', schoolDay: true, note: '调休' }],
      schoolDays: ['2026-10-09', '2026-10-10', '2026-10-12'] }
    expect(isWeekend('2026-10-10')).toBe(true)
    expect(dayKind('2026-10-01', cal)).toBe('holiday')
    expect(dayKind('2026-10-10', cal)).toBe('makeup')
    expect(dayKind('2026-10-12', cal)).toBe('school')
    expect(dayKind('2026-10-11', cal)).toBe('off')
    expect(dayKind('2026-10-12', null)).toBe('off')
    expect(noteOf('2026-10-01', cal)).toBe('国庆节')
    expect(noteOf('2026-10-12', cal)).toBe('')
  })
  it('checks a term before saving', () => {
    expect(termProblems({ id: '2026-autumn', name: '秋季学期', from: '2026-09-01', to: '2027-01-20' })).toEqual({})
    expect(termProblems({ id: 'a b', name: ' ', from: '2026-09-01', to: '2026-08-01' }))
      .toEqual({ id: 'id', name: 'required', to: 'order' })
    expect(termProblems({ id: '', name: 'x', from: '', to: '' })).toEqual({ id: 'required', from: 'required', to: 'required' })
  })
  it('checks a rule before saving and lists the default first', () => {
    expect(ruleProblems({ grade: '*', arriveBy: '07:50', leaveAfter: '16:30' })).toEqual({})
    expect(ruleProblems({ grade: '3', arriveBy: '7:50', leaveAfter: '24:00' })).toEqual({ arriveBy: 'time', leaveAfter: 'time' })
    expect(ruleProblems({ grade: '', arriveBy: '17:00', leaveAfter: '16:30' })).toEqual({ grade: 'required', leaveAfter: 'order' })
    expect(ruleProblems({ grade: 'a/b', arriveBy: '07:00', leaveAfter: '16:30' })).toEqual({ grade: 'grade' })
    expect(orderedRules([{ grade: '10', arriveBy: '', leaveAfter: '' }, { grade: '*', arriveBy: '', leaveAfter: '' },
      { grade: '2', arriveBy: '', leaveAfter: '' }]).map(r => r.grade)).toEqual(['*', '2', '10'])
    expect(hhmm('07:50:00')).toBe('07:50')
    expect(hhmm(null)).toBe('')
  })
})
