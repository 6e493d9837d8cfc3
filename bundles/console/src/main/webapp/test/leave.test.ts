import { describe, it, expect } from 'vitest'
import { instantOf, isLeaveEvent, leaveActions, leaveBody, leaveProblems, leaveStateClass, localInput, newDraft,
  newestFirst } from '../src/util/leave'

describe('leave passes', () => {
  it('offers approve, reject and cancel while waiting, cancel once approved, nothing after', () => {
    expect(leaveActions({ state: 'PENDING' })).toEqual(['approve', 'reject', 'cancel'])
    expect(leaveActions({ state: 'APPROVED' })).toEqual(['cancel'])
    for (const s of ['REJECTED', 'CANCELLED', 'USED']) expect(leaveActions({ state: s })).toEqual([])
    expect(leaveStateClass('PENDING')).toBe('warn')
    expect(leaveStateClass('REJECTED')).toBe('bad')
  })
  it('turns local date-times into instants, and back', () => {
    const local = '2026-12-02T14:30'
    expect(instantOf(local)).toBe(new Date(2026, 11, 2, 14, 30).toISOString())
    expect(instantOf('2026-12-02')).toBeNull()
    expect(instantOf('')).toBeNull()
    expect(localInput(new Date(2026, 11, 2, 9, 5))).toBe('2026-12-02T09:05')
  })
  it('starts a request at the next quarter hour, for two hours', () => {
    const d = newDraft('stu-1', new Date(2026, 11, 2, 9, 7, 30))
    expect(d).toEqual({ studentId: 'stu-1', from: '2026-12-02T09:15', to: '2026-12-02T11:15', reason: '' })
    expect(newDraft('', new Date(2026, 11, 2, 23, 59)).from).toBe('2026-12-03T00:00')
  })
  it('finds what is wrong with a request before sending it', () => {
    const ok = { studentId: 'stu-1', from: '2026-12-02T14:00', to: '2026-12-02T16:00', reason: '看病' }
    expect(leaveProblems(ok)).toEqual({})
    expect(leaveProblems({ ...ok, studentId: '' })).toEqual({ studentId: 'required' })
    expect(leaveProblems({ ...ok, studentId: '' }, false)).toEqual({})
    expect(leaveProblems({ ...ok, to: '2026-12-02T14:00' })).toEqual({ to: 'window' })
    expect(leaveProblems({ ...ok, from: '', reason: ' ' })).toEqual({ from: 'required', reason: 'required' })
    expect(leaveProblems({ ...ok, reason: 'x'.repeat(501) })).toEqual({ reason: 'long' })
  })
  it('builds the request body with or without the student', () => {
    const d = { studentId: ' stu-1 ', from: '2026-12-02T14:00', to: '2026-12-02T16:00', reason: ' 看病 ' }
    expect(leaveBody(d)).toEqual({ studentId: 'stu-1', from: instantOf(d.from), to: instantOf(d.to), reason: '看病' })
    expect(leaveBody(d, false)).not.toHaveProperty('studentId')
  })
  it('knows a leave event and orders passes newest first', () => {
    expect(isLeaveEvent({ type: 'leave.approved' })).toBe(true)
    expect(isLeaveEvent({ type: 'gate.passage' })).toBe(false)
    expect(isLeaveEvent('leave.x')).toBe(false)
    expect(newestFirst([{ id: 1, from: '2026-12-01T00:00:00Z' }, { id: 2, from: '2026-12-02T00:00:00Z' },
      { id: 3, from: '2026-12-01T00:00:00Z' }]).map(p => p.id)).toEqual([2, 3, 1])
  })
})
