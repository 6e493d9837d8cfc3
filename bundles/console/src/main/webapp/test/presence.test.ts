import { describe, it, expect } from 'vitest'
import { applyPassage, clock, countPresence, itemsOf, lastDays, mergePassages, onDay, presence, startOf }
  from '../src/util/presence'
import { today } from '../src/load'

// local times on a fixed day, whatever the machine's time zone
const DAY = '2026-03-02'
const at = (hh: number, mm = 0, day = DAY) => {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(y, m - 1, d, hh, mm).toISOString()
}
let next = 1
const passage = (direction: string, time: string, personId = 'stu-1') => ({ id: next++, direction, personId, time })

describe('presence', () => {
  it('is not yet without attendance and passages, or with an absent row', () => {
    expect(presence(null, [], DAY)).toEqual({ state: 'notYet', since: null })
    expect(presence({ personId: 'stu-1', absent: true }, [], DAY)).toEqual({ state: 'notYet', since: null })
  })
  it('follows the attendance row: in after the first entry, out after the last exit', () => {
    expect(presence({ personId: 'stu-1', firstIn: at(7, 45) }, [], DAY)).toEqual({ state: 'in', since: at(7, 45) })
    expect(presence({ personId: 'stu-1', firstIn: at(7, 45), lastOut: at(16, 30) }, [], DAY))
      .toEqual({ state: 'out', since: at(16, 30) })
  })
  it('sees a student back in after going out through the passages', () => {
    const row = { personId: 'stu-1', firstIn: at(7, 45), lastOut: at(12, 0) }
    const back = passage('in', at(13, 5))
    expect(presence(row, [back], DAY)).toEqual({ state: 'in', since: at(13, 5) })
  })
  it('works from passages alone, case-insensitive, ignoring other days, other students and unknown directions', () => {
    const ps = [passage('OUT', at(15, 0)), passage('in', at(8, 0)), passage('in', at(18, 0, '2026-03-01')),
      passage('in', at(17, 0), 'stu-2'), passage('sideways', at(19, 0))]
    expect(presence({ personId: 'stu-1' }, ps, DAY)).toEqual({ state: 'out', since: at(15, 0) })
    expect(presence(null, [passage('in', at(18, 0, '2026-03-01'))], DAY).state).toBe('notYet')
  })
  it('ignores attendance times of another day', () => {
    expect(presence({ personId: 'stu-1', firstIn: at(7, 0, '2026-03-01') }, [], DAY).state).toBe('notYet')
  })
})

describe('applyPassage', () => {
  interface Row { personId: string; name: string; absent?: boolean; firstIn?: string; lastOut?: string }
  const rows: Row[] = [{ personId: 'stu-1', name: 'A', absent: true }, { personId: 'stu-2', name: 'B', firstIn: at(7, 30) }]
  it('sets the first entry of an absent student and leaves the others', () => {
    const out = applyPassage(rows, passage('in', at(8, 0)), DAY)
    expect(out[0]).toEqual({ personId: 'stu-1', name: 'A', absent: false, firstIn: at(8, 0) })
    expect(out[1]).toBe(rows[1])
    expect(rows[0].absent).toBe(true)
  })
  it('keeps an earlier first entry and moves the last exit forward only', () => {
    const later = applyPassage(rows, passage('in', at(9, 0), 'stu-2'), DAY)
    expect(later[1].firstIn).toBe(at(7, 30))
    const out1 = applyPassage(later, passage('out', at(16, 0), 'stu-2'), DAY)
    const out0 = applyPassage(out1, passage('out', at(12, 0), 'stu-2'), DAY)
    expect(out0[1].lastOut).toBe(at(16, 0))
  })
  it('ignores strangers, other days and unknown directions', () => {
    for (const p of [{ id: 1, direction: 'in', personId: null, time: at(8) }, passage('in', at(8, 0, '2026-03-01')),
      passage('up', at(8))]) {
      expect(applyPassage(rows, p, DAY)).toEqual(rows)
    }
  })
})

describe('mergePassages', () => {
  it('puts live ones first by time, drops duplicates and keeps at most max', () => {
    const a = { id: 1, direction: 'in', time: at(8) }
    const b = { id: 2, direction: 'out', time: at(9) }
    const c = { id: 3, direction: 'in', time: at(10) }
    expect(mergePassages([c, b], [b, a]).map(p => p.id)).toEqual([3, 2, 1])
    expect(mergePassages([c], [b, a], 2).map(p => p.id)).toEqual([3, 2])
  })
})

describe('days and counts', () => {
  it('lists the last days from today backwards across a month end', () => {
    expect(lastDays(3, new Date(2026, 2, 2, 0, 30))).toEqual(['2026-03-02', '2026-03-01', '2026-02-28'])
  })
  it('starts a day at local midnight', () => {
    expect(onDay(startOf(DAY), DAY)).toBe(true)
    expect(onDay(new Date(new Date(startOf(DAY)).getTime() - 1).toISOString(), DAY)).toBe(false)
    expect(onDay(null, DAY)).toBe(false)
    expect(today(new Date(startOf(DAY)))).toBe(DAY)
  })
  it('counts presence and formats a clock time', () => {
    expect(countPresence([{ state: 'in', since: null }, { state: 'in', since: null }, { state: 'notYet', since: null }]))
      .toEqual({ in: 2, out: 0, notYet: 1 })
    expect(clock(at(7, 5), 'en')).toBe('07:05')
    expect(clock(undefined, 'en')).toBe('—')
  })
  it('reads a bare list or a page', () => {
    expect(itemsOf([1, 2])).toEqual({ items: [1, 2], total: 2 })
    expect(itemsOf({ items: [1], total: 9 })).toEqual({ items: [1], total: 9 })
    expect(itemsOf(null)).toEqual({ items: [], total: 0 })
  })
})
