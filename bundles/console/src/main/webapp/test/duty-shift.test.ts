import { describe, it, expect } from 'vitest'
import { checkShift, emptyShift, fromShift, hhmm, span, toShiftBody } from '../src/pages/duty/shift'

describe('duty shift', () => {
  it('reads a shift from the API into the form', () => {
    const f = fromShift({ id: 'demo-guard-night', siteId: 'demo-school', personId: 'staff-zhao', post: 'guard-room',
      days: [], start: '20:00:00', end: '08:00:00' })
    expect(f).toEqual({ id: 'demo-guard-night', siteId: 'demo-school', personId: 'staff-zhao', post: 'guard-room',
      days: [], start: '20:00', end: '08:00', from: '', until: '' })
    expect(hhmm(undefined)).toBe('')
  })
  it('checks a new shift', () => {
    const f = { ...emptyShift(), id: 'bad id', post: 'Guard Room', start: '', from: '2027-01-10', until: '2027-01-01' }
    expect(checkShift(f, true)).toEqual(['badId', 'noPerson', 'badPost', 'noStart', 'datesOrder'])
    expect(checkShift({ ...emptyShift(), id: 'notices-s1', personId: 'staff-wang' }, true, ['notices-s1'])).toEqual(['idTaken'])
    expect(checkShift({ ...emptyShift(), personId: 'staff-wang' }, true)).toEqual([])
    // the id of an existing shift is not checked again
    expect(checkShift({ ...emptyShift(), id: 'x y', personId: 'staff-wang' }, false)).toEqual([])
  })
  it('builds the body without empty optional fields and with days in week order', () => {
    expect(toShiftBody({ ...emptyShift(), personId: ' staff-wang ', days: ['FRIDAY', 'MONDAY'], until: '2027-06-30' }))
      .toEqual({ personId: 'staff-wang', post: 'guard-room', days: ['MONDAY', 'FRIDAY'], start: '08:00', end: '20:00',
        until: '2027-06-30' })
    expect(toShiftBody({ ...emptyShift(), id: 'notices-s1', siteId: 'demo-school', personId: 'p' }).id).toBe('notices-s1')
  })
  it('tells whole-day, overnight and same-day shifts apart', () => {
    expect(span({ start: '08:00', end: '08:00:00' })).toBe('day')
    expect(span({ start: '20:00:00', end: '08:00:00' })).toBe('overnight')
    expect(span({ start: '08:00', end: '20:00' })).toBe('same')
  })
})
