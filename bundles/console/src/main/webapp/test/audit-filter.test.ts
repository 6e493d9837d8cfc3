import { describe, it, expect } from 'vitest'
import { auditQuery, emptyFilter } from '../src/pages/audit/filter'

describe('audit filter', () => {
  it('leaves out empty fields', () => {
    expect(auditQuery(emptyFilter())).toEqual({ params: {} })
  })
  it('sends the subject and the start as an instant', () => {
    expect(auditQuery({ subjectType: ' alarm ', subjectId: ' 12 ', from: '2026-12-01T08:00' })).toEqual({
      params: { subjectType: 'alarm', subjectId: '12', from: new Date('2026-12-01T08:00').toISOString() } })
  })
  it('takes an id without a type and refuses a bad date', () => {
    expect(auditQuery({ subjectType: '', subjectId: '12', from: '' })).toEqual({ params: { subjectId: '12' } })
    expect(auditQuery({ subjectType: '', subjectId: '', from: 'yesterday' }).problem).toBe('badFrom')
  })
})
