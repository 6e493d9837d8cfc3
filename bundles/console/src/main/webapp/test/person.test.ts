import { describe, it, expect } from 'vitest'
import { classesOf, compareGroups, draftOf, matchesSearch, pageOf, personOf, validatePerson } from '../src/util/person'

describe('person checks', () => {
  it('accepts a complete student and builds the body without empty fields', () => {
    const d = { ...draftOf(null), id: ' stu-1 ', name: '张小明', phone: '+86 138-0000-0001', group: '3-2' }
    expect(validatePerson(d)).toEqual({})
    expect(personOf(d)).toEqual({ id: 'stu-1', name: '张小明', role: 'STUDENT', language: 'zh-CN', phone: '+8613800000001', group: '3-2' })
  })
  it('names every problem by field with the server codes', () => {
    const d = { id: 'a b', name: '', role: '', phone: '12', email: 'x@y', language: 'fr', group: '三年级' }
    expect(validatePerson(d)).toEqual({ id: 'bad-id', name: 'missing-name', role: 'missing-role', phone: 'bad-phone',
      email: 'bad-email', language: 'bad-language', group: 'bad-group' })
    expect(validatePerson({ ...draftOf(null), name: 'x'.repeat(201) }).name).toBe('bad-name')
    expect(validatePerson(draftOf(null)).id).toBe('missing-id')
  })
  it('keeps an edited person as it was', () => {
    const p = { id: 'g-1', name: 'Grace', role: 'GUARDIAN', email: 'g@example.com', language: 'en' }
    expect(personOf(draftOf(p))).toEqual(p)
  })
})

describe('classes and search', () => {
  const persons = [
    { id: 's1', name: '甲', role: 'STUDENT', group: '3-10' },
    { id: 's2', name: '乙', role: 'STUDENT', group: '3-2' },
    { id: 's3', name: 'Li Lei', role: 'STUDENT', group: '3-2', phone: '+8613800000001' },
    { id: 's4', name: '丁', role: 'STUDENT' },
    { id: 't1', name: '陈老师', role: 'STAFF', group: 'security' },
  ]
  it('counts the students of each class, in class order, without staff departments', () => {
    expect(classesOf(persons)).toEqual([{ group: '3-2', count: 2 }, { group: '3-10', count: 1 }])
    expect(compareGroups('10-1', '3-10')).toBeGreaterThan(0)
  })
  it('searches id, name, phone and group with every word', () => {
    expect(persons.filter(p => matchesSearch(p, 'li')).map(p => p.id)).toEqual(['s3'])
    expect(persons.filter(p => matchesSearch(p, '3-2 13800')).map(p => p.id)).toEqual(['s3'])
    expect(persons.filter(p => matchesSearch(p, '  ')).length).toBe(5)
  })
  it('pages a filtered list and keeps the offset inside it', () => {
    const items = Array.from({ length: 7 }, (_, i) => i)
    expect(pageOf(items, 3, 3)).toEqual({ items: [3, 4, 5], total: 7, offset: 3, limit: 3 })
    expect(pageOf(items, 30, 3)).toEqual({ items: [6], total: 7, offset: 6, limit: 3 })
    expect(pageOf([], 30, 3)).toEqual({ items: [], total: 0, offset: 0, limit: 3 })
  })
})
