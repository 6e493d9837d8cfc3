import { describe, it, expect } from 'vitest'
import { audienceClasses, audienceTerms, buildAudience, emptyAudience, gradesOf, parseAudience, staffGroupsOf,
  type AudienceChoice } from '../src/pages/notices/audience'

function choice(c: Partial<AudienceChoice>): AudienceChoice {
  return { ...emptyAudience(), ...c }
}

describe('notice audience', () => {
  it('is empty when nothing is chosen', () => {
    expect(buildAudience(emptyAudience())).toBe('')
  })
  it('builds the server syntax for grades, classes, groups and roles', () => {
    expect(buildAudience(choice({ grades: ['4'], classes: ['3-2', '10-1'], groups: ['teachers'], roles: ['student'] })))
      .toBe('grade:4,class:3-2,class:10-1,group:teachers,role:STUDENT')
  })
  it('leaves out what the whole school covers', () => {
    expect(buildAudience(choice({ school: true, guardians: true, staff: true, grades: ['3'], classes: ['3-2'],
      groups: ['security'], roles: ['STAFF', 'GUARDIAN', 'STUDENT'] }))).toBe('school,role:STUDENT')
  })
  it('leaves out classes of a chosen grade and grades when all guardians are chosen', () => {
    expect(buildAudience(choice({ grades: ['3'], classes: ['3-1', '3-2', '4-1'] }))).toBe('grade:3,class:4-1')
    expect(buildAudience(choice({ guardians: true, grades: ['3'], classes: ['4-1'], roles: ['GUARDIAN'] })))
      .toBe('guardians')
  })
  it('leaves out staff groups and the staff role when all staff are chosen', () => {
    expect(buildAudience(choice({ staff: true, groups: ['teachers'], roles: ['STAFF'], classes: ['3-2'] })))
      .toBe('staff,class:3-2')
  })
  it('drops values the server would refuse and duplicates', () => {
    expect(buildAudience(choice({ grades: ['x', '3', '3'], classes: ['3 2', 'a-1'], roles: ['WATCHLIST', 'VISITOR'],
      groups: ['bad group'] }))).toBe('grade:3')
  })
  it('reads an audience back', () => {
    const c = parseAudience('grade:4, class:3-2,role:student,group:teachers,bogus:1')
    expect(c).toEqual(choice({ grades: ['4'], classes: ['3-2'], roles: ['STUDENT'], groups: ['teachers'] }))
    expect(buildAudience(c)).toBe('grade:4,class:3-2,group:teachers,role:STUDENT')
    expect(audienceTerms('school, staff')).toEqual([{ kind: 'school' }, { kind: 'staff' }])
    expect(audienceTerms('')).toEqual([])
  })
  it('finds classes, grades and staff groups among the people in class order', () => {
    const person = (id: string, role: string, group?: string) => ({ id, name: id, role, group })
    const people = [person('s1', 'STUDENT', '3-2'), person('s2', 'STUDENT', '10-1'), person('s3', 'STUDENT', '3-10'),
      person('s4', 'STUDENT', '3-2'), person('s5', 'STUDENT', 'people-1'), person('s6', 'STUDENT'),
      person('t1', 'STAFF', 'teachers'), person('t2', 'STAFF', 'security'), person('t3', 'STAFF'),
      person('g1', 'GUARDIAN', 'parents')]
    expect(audienceClasses(people)).toEqual(['3-2', '3-10', '10-1'])
    expect(gradesOf(audienceClasses(people))).toEqual(['3', '10'])
    expect(staffGroupsOf(people)).toEqual(['security', 'teachers'])
  })
})
