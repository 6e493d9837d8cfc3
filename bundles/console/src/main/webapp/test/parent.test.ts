import { describe, it, expect } from 'vitest'
import { PARENT_REFUSALS, childId, noticeKey, readPath, snapshotPath, splitByDay, unreadCount }
  from '../src/pages/parent/parent'
import { refusalKey } from '../src/util/refusal'

describe('parent view', () => {
  it('names a child by the binding, else by its person', () => {
    expect(childId({ person: null, studentId: 'stu-1' })).toBe('stu-1')
    expect(childId({ person: { id: 'stu-2', name: 'B', role: 'STUDENT' } })).toBe('stu-2')
    expect(childId({ person: null })).toBe('')
  })
  it('addresses a snapshot through the child, and none without a snapshot', () => {
    const p = { id: 7, direction: 'in', time: '2026-03-02T07:00:00Z', deviceId: 'gate-1', snapshot: '2026/03/02/7.jpg' }
    expect(snapshotPath('stu 1', p)).toBe('/me/children/stu%201/passages/7/snapshot')
    expect(snapshotPath('stu-1', { ...p, snapshot: null })).toBeNull()
  })
  it('splits today from the earlier passages', () => {
    const d = new Date(2026, 2, 2, 8).toISOString()
    const e = new Date(2026, 2, 1, 8).toISOString()
    const ps = [{ id: 2, direction: 'in', time: d }, { id: 1, direction: 'out', time: e }]
    const s = splitByDay(ps, '2026-03-02')
    expect(s.today.map(p => p.id)).toEqual([2])
    expect(s.earlier.map(p => p.id)).toEqual([1])
    expect(splitByDay(ps, '2026-03-02', 0).earlier).toEqual([])
  })
  it('counts unread notices and marks one read by id and occurrence', () => {
    const ns = [{ id: 'n1', occurrence: '1' }, { id: 'n2', occurrence: '2026-03-02', readAt: '2026-03-02T08:00:00Z' },
      { id: 'n3' }]
    expect(unreadCount(ns)).toBe(2)
    expect(noticeKey(ns[1])).toBe('n2/2026-03-02')
    expect(readPath(ns[0])).toBe('/me/notices/n1/read?occurrence=1')
    expect(readPath(ns[2])).toBe('/me/notices/n3/read')
  })
})

describe('refusalKey', () => {
  it('explains a 403 by its reason code, falls back for another 403 and leaves other errors alone', () => {
    expect(refusalKey({ status: 403, code: 'no-person' }, PARENT_REFUSALS, 'parent.err.forbidden'))
      .toBe('parent.err.noPerson')
    expect(refusalKey({ status: 403, code: 'not-your-child' }, PARENT_REFUSALS)).toBe('parent.err.notYourChild')
    expect(refusalKey({ status: 403, code: 'forbidden' }, PARENT_REFUSALS, 'parent.err.forbidden'))
      .toBe('parent.err.forbidden')
    expect(refusalKey({ status: 403, code: 'forbidden' }, PARENT_REFUSALS)).toBeNull()
    expect(refusalKey({ status: 404, code: 'not-found' }, PARENT_REFUSALS, 'x')).toBeNull()
    expect(refusalKey(null, PARENT_REFUSALS, 'x')).toBeNull()
  })
})
