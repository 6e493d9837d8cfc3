import { describe, it, expect } from 'vitest'
import { decodeDays, encodeDays, dayOfWeek, ruleDraft, ruleOf, ruleProblems, windowKind, hhmm } from '../src/pages/strangers/strangers'

describe('stranger rule days', () => {
  it('reads every form of the days field', () => {
    expect(decodeDays('all')).toEqual({ mode: 'all', weekdays: [] })
    expect(decodeDays('')).toEqual({ mode: 'all', weekdays: [] })
    expect(decodeDays('school')).toEqual({ mode: 'school', weekdays: [] })
    expect(decodeDays('HOLIDAY')).toEqual({ mode: 'holiday', weekdays: [] })
    expect(decodeDays('sat, MON,xyz')).toEqual({ mode: 'weekdays', weekdays: ['MON', 'SAT'] })
  })
  it('writes the days in week order, and nothing for no day ticked', () => {
    expect(encodeDays({ mode: 'weekdays', weekdays: ['SUN', 'FRI', 'SAT'] })).toBe('FRI,SAT,SUN')
    expect(encodeDays({ mode: 'school', weekdays: ['MON'] })).toBe('school')
    expect(encodeDays({ mode: 'weekdays', weekdays: [] })).toBeNull()
    for (const days of ['all', 'school', 'holiday', 'MON,WED,FRI']) expect(encodeDays(decodeDays(days))).toBe(days)
  })
  it('names a rule day as java.time does', () => {
    expect(dayOfWeek('MON')).toBe('MONDAY')
    expect(dayOfWeek('SUN')).toBe('SUNDAY')
  })
})

describe('stranger rule window and form', () => {
  it('tells an overnight window, a whole day and a same-day window apart', () => {
    expect(windowKind('22:00', '06:00')).toBe('overnight')
    expect(windowKind('08:00', '08:00:00')).toBe('day')
    expect(windowKind('08:00', '17:30')).toBe('same-day')
    expect(hhmm('22:00:00')).toBe('22:00')
  })
  it('checks the form and builds the rule', () => {
    const d = { ...ruleDraft(null), id: 'dorm-night', name: '宿舍夜间', zoneId: 'dorm-a' }
    expect(ruleProblems(d)).toEqual({})
    expect(ruleOf(d)).toEqual({ id: 'dorm-night', name: '宿舍夜间', zoneId: 'dorm-a', days: 'all', from: '22:00', to: '06:00',
      severity: 'MAJOR', foldMinutes: 30, enabled: true })
    expect(ruleOf({ ...d, zoneId: '' }).zoneId).toBeNull()
    expect(ruleProblems({ ...d, id: 'bad id', name: '', days: { mode: 'weekdays', weekdays: [] }, from: '25:00', foldMinutes: '0' }))
      .toEqual({ id: 'bad-rule-id', name: 'missing', days: 'bad-days', from: 'bad-window', foldMinutes: 'bad-fold' })
  })
  it('edits an existing rule as it is', () => {
    const rule = { id: 'hol', name: 'Holidays', zoneId: null, days: 'SAT,SUN', from: '00:00:00', to: '00:00', severity: 'WARNING',
      foldMinutes: 10, enabled: false }
    const d = ruleDraft(rule)
    expect(d.days).toEqual({ mode: 'weekdays', weekdays: ['SAT', 'SUN'] })
    expect(ruleOf(d)).toEqual({ ...rule, from: '00:00' })
  })
})
