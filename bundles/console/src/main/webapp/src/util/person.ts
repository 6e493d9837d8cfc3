// Persons as the console shows and edits them: the checks the server makes on a person (so that a form says what is
// wrong before sending), the classes of the students, and the search over a loaded list.
import { api, query, type Page } from '../api'
import type { Person } from '../session'

export type { Person }

/** Roles of a person at the school (the watchlist has its own page). */
export const PERSON_ROLES = ['STUDENT', 'STAFF', 'GUARDIAN', 'VISITOR', 'WATCHLIST'] as const
export const LANGUAGES = ['zh-CN', 'en'] as const
/** Channels of a guardian's notices. */
export const CHANNELS = ['sms', 'email', 'push', 'mqtt', 'im'] as const

const ID = /^[A-Za-z0-9_.:-]{1,64}$/
const PHONE = /^\+?[0-9]{6,15}$/
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/

/** A person form's fields as typed (empty strings for absent values). */
export interface PersonDraft {
  id: string; name: string; role: string; phone: string; email: string; language: string; group: string
}

export function draftOf(p?: Partial<Person> | null, role = 'STUDENT'): PersonDraft {
  return { id: p?.id ?? '', name: p?.name ?? '', role: p?.role ?? role, phone: p?.phone ?? '', email: p?.email ?? '',
    language: p?.language ?? 'zh-CN', group: p?.group ?? '' }
}

/** The phone as the server stores it: spaces, dashes and brackets dropped. */
export function normalPhone(raw: string): string {
  return raw.replace(/[\s()-]/g, '')
}

/**
 * The problems of a draft, by field, as reason codes (the same codes the server and the CSV import use):
 * missing-id, bad-id, missing-name, bad-name, missing-role, bad-phone, bad-email, bad-language, bad-group.
 */
export function validatePerson(d: PersonDraft): Record<string, string> {
  const out: Record<string, string> = {}
  const id = d.id.trim()
  if (!id) out.id = 'missing-id'
  else if (!ID.test(id)) out.id = 'bad-id'
  const name = d.name.trim()
  if (!name) out.name = 'missing-name'
  else if (name.length > 200) out.name = 'bad-name'
  if (!d.role) out.role = 'missing-role'
  else if (!(PERSON_ROLES as readonly string[]).includes(d.role)) out.role = 'bad-role'
  if (d.phone.trim() && !PHONE.test(normalPhone(d.phone.trim()))) out.phone = 'bad-phone'
  const email = d.email.trim()
  if (email && (email.length > 320 || !EMAIL.test(email))) out.email = 'bad-email'
  if (d.language && !(LANGUAGES as readonly string[]).includes(d.language)) out.language = 'bad-language'
  if (d.group.trim() && !ID.test(d.group.trim())) out.group = 'bad-group'
  return out
}

/** The JSON body of POST/PUT /persons for a valid draft: trimmed, empty values left out. */
export function personOf(d: PersonDraft): Person {
  const p: Person = { id: d.id.trim(), name: d.name.trim(), role: d.role, language: d.language || 'zh-CN' }
  if (d.phone.trim()) p.phone = normalPhone(d.phone.trim())
  if (d.email.trim()) p.email = d.email.trim()
  if (d.group.trim()) p.group = d.group.trim()
  return p
}

/** Compares class names as people read them: 3-2 before 3-10, 3-10 before 10-1. */
export function compareGroups(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true })
}

export interface ClassCount { group: string; count: number }

/** The distinct groups of the students, with how many students each has, in class order. */
export function classesOf(persons: readonly Person[]): ClassCount[] {
  const counts = new Map<string, number>()
  for (const p of persons) {
    if (p.role === 'STUDENT' && p.group) counts.set(p.group, (counts.get(p.group) ?? 0) + 1)
  }
  return [...counts].map(([group, count]) => ({ group, count })).sort((a, b) => compareGroups(a.group, b.group))
}

/** Whether a person matches a search text (id, name, phone, e-mail or group; case-insensitive, every word). */
export function matchesSearch(p: Person, text: string): boolean {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const hay = [p.id, p.name, p.phone, p.email, p.group].filter(Boolean).join(' ').toLowerCase()
  return words.every(w => hay.includes(w))
}

/** One page of a list filtered on the client. */
export function pageOf<T>(items: readonly T[], offset: number, limit: number): { items: T[]; total: number; offset: number; limit: number } {
  const start = Math.max(0, Math.min(offset, Math.max(0, items.length - 1)))
  const first = items.length === 0 ? 0 : start - (start % limit)
  return { items: items.slice(first, first + limit), total: items.length, offset: first, limit }
}

/** Every person of a role (all pages of GET /persons, 1000 at a time), for searching and counting on the client. */
export async function loadPersons(role: string, group?: string): Promise<Person[]> {
  const out: Person[] = []
  for (let offset = 0; ; offset += 1000) {
    const page = await api.get<Page<Person>>('/persons' + query({ role, group, offset, limit: 1000 }))
    out.push(...page.items)
    if (page.items.length === 0 || out.length >= page.total) return out
  }
}
