import { describe, it, expect } from 'vitest'
import { newWindow, windowDrafts, windowProblems, windowsOf, windowText } from '../src/util/windows'
import { i18n } from '../src/i18n'

describe('schedule windows', () => {
  it('reads and writes the windows of the API unchanged', () => {
    const api = [{ days: 'school', from: '18:30', to: '06:30' }, { days: 'holiday', from: '00:00', to: '00:00' },
      { days: 'SAT,SUN', from: '08:00', to: '17:00' }]
    expect(windowsOf(windowDrafts(api))).toEqual(api)
    expect(windowDrafts([{ days: 'MON', from: '18:30:00', to: '06:30:00' }])[0].from).toBe('18:30')
    expect(windowDrafts(null)).toEqual([])
  })
  it('writes ticked days in week order', () => {
    const d = newWindow()
    d.days = { mode: 'weekdays', weekdays: ['SUN', 'MON'] }
    expect(windowsOf([d])).toEqual([{ days: 'MON,SUN', from: '18:30', to: '06:30' }])
  })
  it('finds a window without days and a bad time, by index', () => {
    const ok = newWindow()
    const noDay = { ...newWindow(), days: { mode: 'weekdays' as const, weekdays: [] } }
    const badTime = { ...newWindow(), to: '24:00' }
    expect(windowProblems([ok, noDay, badTime, { ...ok, from: '' }])).toEqual({ 1: 'bad-days', 2: 'bad-window', 3: 'bad-window' })
    expect(windowProblems([ok])).toEqual({})
  })
  it('says a window in words', () => {
    const g = i18n.global
    g.locale.value = 'en'
    expect(windowText({ days: 'school', from: '18:30', to: '06:30' })).toBe('School days 18:30–06:30 (overnight)')
    expect(windowText({ days: 'all', from: '00:00', to: '00:00' })).toBe('Every day all day')
    expect(windowText({ days: 'MON,TUE', from: '08:00', to: '12:00' })).toBe('Mon Tue 08:00–12:00')
    g.locale.value = 'zh-CN'
    expect(windowText({ days: 'school', from: '18:30', to: '06:30' })).toBe('上课日 18:30–06:30（跨夜）')
  })
})
