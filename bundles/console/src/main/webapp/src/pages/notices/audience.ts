// Building a notice audience from the picker and reading one back for display.
// The server's syntax (NoticeService): comma-separated terms school, guardians, staff, grade:<n>, class:<n>-<m>,
// group:<g>, role:<ROLE>.
import { classesOf, compareGroups, type Person } from '../../util/person'

/** What the audience picker holds. */
export interface AudienceChoice {
  /** Every guardian and every staff member. */
  school: boolean
  /** Every guardian of every student. */
  guardians: boolean
  /** Every staff member. */
  staff: boolean
  /** Grades, e.g. '3' (guardians of students in 3-1, 3-2, ...). */
  grades: string[]
  /** Classes, e.g. '3-2' (guardians of the students of that class). */
  classes: string[]
  /** Person roles (STAFF, GUARDIAN, STUDENT): those people on their own phone or e-mail. */
  roles: string[]
  /** Staff groups (departments), e.g. 'teachers' (their members). */
  groups: string[]
}

export interface AudienceTerm { kind: 'school' | 'guardians' | 'staff' | 'grade' | 'class' | 'group' | 'role'; arg?: string }

/** The roles the picker offers (a notice to watch-listed people or visitors makes no sense). */
export const AUDIENCE_ROLES = ['STAFF', 'GUARDIAN', 'STUDENT'] as const

const CLASS = /^[0-9]+-[0-9A-Za-z]+$/
const GRADE = /^[0-9]+$/
const GROUP = /^[A-Za-z0-9_.:-]{1,64}$/

export function emptyAudience(): AudienceChoice {
  return { school: false, guardians: false, staff: false, grades: [], classes: [], roles: [], groups: [] }
}

function isClass(group: string | null | undefined): boolean {
  return !!group && CLASS.test(group)
}

/** Each value once, in class order (3-2 before 3-10). */
function sorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareGroups)
}

/** The school classes (<grade>-<class>, the groups a class: term takes) of the students, in class order. */
export function audienceClasses(persons: readonly Person[]): string[] {
  return classesOf(persons).map(c => c.group).filter(isClass)
}

/** The grades of classes: 3-1, 3-2, 4-1 give 3, 4. */
export function gradesOf(classes: Iterable<string>): string[] {
  return sorted([...classes].map(c => c.split('-')[0]))
}

/** The staff groups (departments) of the staff members, in order. */
export function staffGroupsOf(persons: readonly Person[]): string[] {
  return sorted(persons.filter(p => p.role === 'STAFF' && p.group && !isClass(p.group) && GROUP.test(p.group))
    .map(p => p.group!))
}

/**
 * The audience string for the server, or '' when nothing is chosen. Terms another term already covers are left out:
 * the whole school covers guardians, staff, grades, classes, staff groups and the roles STAFF and GUARDIAN; a grade
 * covers its classes; staff covers staff groups and the role STAFF.
 */
export function buildAudience(c: AudienceChoice): string {
  const terms: string[] = []
  const grades = sorted(c.grades.filter(g => GRADE.test(g)))
  const staff = c.school || c.staff
  const guardians = c.school || c.guardians
  if (c.school) terms.push('school')
  else {
    if (c.guardians) terms.push('guardians')
    if (c.staff) terms.push('staff')
  }
  if (!guardians) {
    for (const g of grades) terms.push(`grade:${g}`)
    for (const k of sorted(c.classes.filter(isClass))) {
      if (!grades.includes(k.split('-')[0])) terms.push(`class:${k}`)
    }
  }
  if (!staff) for (const g of sorted(c.groups.filter(x => GROUP.test(x)))) terms.push(`group:${g}`)
  for (const r of sorted(c.roles.map(x => x.toUpperCase()))) {
    if (!(AUDIENCE_ROLES as readonly string[]).includes(r)) continue
    if (r === 'STAFF' && staff) continue
    if (r === 'GUARDIAN' && guardians) continue
    terms.push(`role:${r}`)
  }
  return terms.join(',')
}

/** The terms of an audience string (for showing a stored notice's audience in words); unknown terms are skipped. */
export function audienceTerms(audience: string | null | undefined): AudienceTerm[] {
  const out: AudienceTerm[] = []
  for (const raw of (audience ?? '').split(',')) {
    const t = raw.trim()
    if (!t) continue
    const i = t.indexOf(':')
    const kind = (i < 0 ? t : t.slice(0, i)).toLowerCase()
    const arg = i < 0 ? undefined : t.slice(i + 1).trim()
    if ((kind === 'school' || kind === 'guardians' || kind === 'staff') && arg === undefined) out.push({ kind })
    else if ((kind === 'grade' || kind === 'class' || kind === 'group' || kind === 'role') && arg) {
      out.push({ kind, arg: kind === 'role' ? arg.toUpperCase() : arg })
    }
  }
  return out
}

/** The picker's state for an audience string (the inverse of buildAudience for what it builds). */
export function parseAudience(audience: string | null | undefined): AudienceChoice {
  const c = emptyAudience()
  for (const t of audienceTerms(audience)) {
    switch (t.kind) {
      case 'school': c.school = true; break
      case 'guardians': c.guardians = true; break
      case 'staff': c.staff = true; break
      case 'grade': c.grades.push(t.arg!); break
      case 'class': c.classes.push(t.arg!); break
      case 'group': c.groups.push(t.arg!); break
      case 'role': c.roles.push(t.arg!); break
    }
  }
  return c
}
