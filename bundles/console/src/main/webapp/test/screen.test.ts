import { describe, it, expect, vi, afterEach } from 'vitest'
import {
  FIT, alarmAge, coalesce, fit, formatAge, incomplete, isScreenPath, percent, problemDevices, relevant, roleCounts, severityClass,
  verdict, type ScreenPassage,
} from '../src/screen/screen'
import { messages } from '../src/screen/messages'

describe('the big screen', () => {
  afterEach(() => { vi.useRealTimers() })

  it('says the age of an alarm in zh-CN and en, ticking by the second', () => {
    expect(formatAge(0, 'zh-CN')).toBe('0秒')
    expect(formatAge(45_900, 'zh-CN')).toBe('45秒')
    expect(formatAge(12 * 60_000 + 5_000, 'zh-CN')).toBe('12分05秒')
    expect(formatAge(3 * 3_600_000 + 7 * 60_000 + 59_000, 'zh-CN')).toBe('3小时07分')
    expect(formatAge(2 * 86_400_000 + 3 * 3_600_000, 'zh-CN')).toBe('2天3小时')
    expect(formatAge(45_000, 'en')).toBe('45 s')
    expect(formatAge(12 * 60_000 + 5_000, 'en')).toBe('12 min 05 s')
    expect(formatAge(3 * 3_600_000 + 7 * 60_000, 'en')).toBe('3 h 07 min')
    expect(formatAge(2 * 86_400_000 + 3 * 3_600_000, 'en')).toBe('2 d 3 h')
    expect(formatAge(-5_000, 'en')).toBe('0 s') // a browser clock behind the server's
    expect(formatAge(Number.NaN, 'en')).toBe('0 s')
    const first = Date.parse('2026-12-02T08:00:00Z')
    expect(alarmAge({ firstAt: '2026-12-02T08:00:00Z' }, first + 61_000, 'en')).toBe('1 min 01 s')
    expect(alarmAge({ firstAt: '2026-12-02T08:00:00Z' }, first + 62_000, 'en')).toBe('1 min 02 s')
    expect(alarmAge({ firstAt: 'not a time' }, first, 'en')).toBe('—')
  })

  it('maps the summary: roles always in the same order, other roles when present, the total', () => {
    expect(roleCounts({ STUDENT: 410, STAFF: 37, VISITOR: 2 })).toEqual({ total: 449, rows: [
      { role: 'STUDENT', n: 410 }, { role: 'STAFF', n: 37 }, { role: 'VISITOR', n: 2 }] })
    expect(roleCounts({ STAFF: 3, GUARDIAN: 1, STUDENT: 0, VISITOR: 0 }).rows.map(r => r.role))
      .toEqual(['STUDENT', 'STAFF', 'VISITOR', 'GUARDIAN'])
    expect(roleCounts({ GUARDIAN: 0 }).rows.length).toBe(3)
    expect(roleCounts(undefined)).toEqual({ total: 0, rows: [
      { role: 'STUDENT', n: 0 }, { role: 'STAFF', n: 0 }, { role: 'VISITOR', n: 0 }] })
  })

  it('shows the attendance rate as a percentage, or a dash when nobody is expected', () => {
    expect(percent(0.875)).toBe('87.5%')
    expect(percent(0.8)).toBe('80%')
    expect(percent(1)).toBe('100%')
    expect(percent(0)).toBe('0%')
    expect(percent(0.99951)).toBe('100%')
    expect(percent(null)).toBe('—')
    expect(percent(undefined)).toBe('—')
  })

  it('cuts lists to what fits and says how many more there are', () => {
    const items = Array.from({ length: 11 }, (_, i) => i)
    expect(fit(items, FIT.visits)).toEqual({ shown: items.slice(0, 9), more: 2 })
    expect(fit([1, 2], 9)).toEqual({ shown: [1, 2], more: 0 })
    expect(fit(undefined, 9)).toEqual({ shown: [], more: 0 })
    expect(problemDevices([{ id: 'a', type: 'facegate', status: 'ONLINE' }, { id: 'b', type: 'camera', status: 'OFFLINE' },
      { id: 'c', type: 'fence', status: 'UNKNOWN' }]).map(d => d.id)).toEqual(['b', 'c'])
  })

  it('reads the verdict of a passage and the colour of an alarm', () => {
    const p = (open?: boolean): ScreenPassage => ({ id: 1, deviceId: 'gate-1', direction: 'in', time: '', stranger: false,
      snapshot: false, open })
    expect(verdict(p(true))).toBe('open')
    expect(verdict(p(false))).toBe('denied')
    expect(verdict(p(undefined))).toBe('unknown')
    expect(severityClass('CRITICAL')).toBe('critical')
    expect(severityClass('MAJOR')).toBe('major')
    expect(severityClass('WARNING')).toBe('warning')
    expect(severityClass('INFO')).toBe('info')
  })

  it('reads /screen again on passages, alarms, devices, visits and gate or visit events only', () => {
    for (const kind of ['passage', 'alarm', 'device', 'visit']) expect(relevant(kind, {}), kind).toBe(true)
    expect(relevant('event', { type: 'gate.denied' })).toBe(true)
    expect(relevant('event', { type: 'visit.arrived' })).toBe(true)
    expect(relevant('event', { type: 'fence.intrusion' })).toBe(false) // its alarm comes as kind alarm
    expect(relevant('event', 'not json')).toBe(false)
    expect(relevant('event', null)).toBe(false)
    expect(relevant('outbox', {})).toBe(false)
  })

  it('reads again while the server is still starting (a core part missing), not for a missing visitor service', () => {
    const whole = { generatedAt: 'x', onCampus: {}, passages: [], alarms: [], devices: { online: 0, offline: 0, items: [] },
      attendance: { present: 0, expected: 0 } }
    expect(incomplete(whole)).toBe(false)
    expect(incomplete({ ...whole, visitors: { expected: 0, onCampus: 0, left: 0, overstay: 0, items: [] } })).toBe(false)
    expect(incomplete({ ...whole, passages: undefined })).toBe(true)
    expect(incomplete({ generatedAt: 'x' })).toBe(true)
    expect(incomplete(null)).toBe(true)
  })

  it('is the app at /gatehouse/screen only', () => {
    expect(isScreenPath('/gatehouse/screen', '/gatehouse/')).toBe(true)
    expect(isScreenPath('/gatehouse/screen/', '/gatehouse/')).toBe(true)
    expect(isScreenPath('/gatehouse/', '/gatehouse/')).toBe(false)
    expect(isScreenPath('/gatehouse/screens', '/gatehouse/')).toBe(false)
    expect(isScreenPath('/gatehouse/visit/abc', '/gatehouse/')).toBe(false)
  })

  it('coalesces a burst of events into one read, and one more for events during a read', async () => {
    vi.useFakeTimers()
    let reads = 0
    let release: () => void = () => {}
    const r = coalesce(() => { reads++; return new Promise<void>(res => { release = res }) }, 300)
    for (let i = 0; i < 10; i++) { r.schedule(); await vi.advanceTimersByTimeAsync(20) }
    expect(reads).toBe(0) // 200 ms after the first event: still waiting
    await vi.advanceTimersByTimeAsync(100)
    expect(reads).toBe(1) // 300 ms after the first, however many came
    r.schedule() // an event while the read runs
    r.schedule()
    release()
    await vi.advanceTimersByTimeAsync(300)
    expect(reads).toBe(2)
    release()
    await vi.advanceTimersByTimeAsync(1000)
    expect(reads).toBe(2) // nothing new: no more reads (no polling)
    r.schedule()
    r.cancel()
    await vi.advanceTimersByTimeAsync(1000)
    expect(reads).toBe(2)
  })

  it('keeps going after a failed read', async () => {
    vi.useFakeTimers()
    let reads = 0
    const r = coalesce(async () => { reads++; throw new Error('down') }, 300)
    r.schedule()
    await vi.advanceTimersByTimeAsync(300)
    r.schedule()
    await vi.advanceTimersByTimeAsync(300)
    expect(reads).toBe(2)
  })

  it('has every text in zh-CN and en', () => {
    const keys = (o: any, prefix = ''): string[] => Object.entries(o).flatMap(([k, v]) =>
      typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`])
    expect(keys(messages.en).sort()).toEqual(keys(messages['zh-CN']).sort())
  })
})
