// Where a student is today (in school, gone home, not arrived yet), from the day's attendance row and passages.
// Pure functions, shared by the parent view and the teacher's class view, unit-tested without a browser.
import { today } from '../load'

/** A passage as the API sends it (only the fields these functions read). */
export interface PassageLike { id: number; direction: string; personId?: string | null; time: string }

/** An attendance row as the API sends it: null or missing times are left out of the JSON. */
export interface AttendanceLike { personId: string; firstIn?: string | null; lastOut?: string | null; absent?: boolean }

export type Presence = 'in' | 'out' | 'notYet'

export interface PresenceState { state: Presence; since: string | null }

function millis(iso: string | null | undefined): number {
  if (!iso) return NaN
  return new Date(iso).getTime()
}

/** Whether a time falls on a local calendar day (YYYY-MM-DD). */
export function onDay(iso: string | null | undefined, day: string): boolean {
  const ms = millis(iso)
  return Number.isFinite(ms) && today(new Date(ms)) === day
}

function direction(d: string | null | undefined): 'in' | 'out' | null {
  const v = (d ?? '').toLowerCase()
  return v === 'in' || v === 'out' ? v : null
}

/**
 * The state of one student on a day: the direction of its latest known passage that day.
 * The attendance row only keeps the first entry and the last exit, so a student who went out and came back in is
 * seen as in only through the passages; both sources are merged and the latest mark wins.
 */
export function presence(row: AttendanceLike | null | undefined, passages: readonly PassageLike[],
                         day: string): PresenceState {
  const marks: { state: 'in' | 'out'; time: string; ms: number }[] = []
  const add = (state: 'in' | 'out' | null, time: string | null | undefined) => {
    const ms = millis(time)
    if (state && time && Number.isFinite(ms) && onDay(time, day)) marks.push({ state, time, ms })
  }
  if (row) {
    add('in', row.firstIn)
    add('out', row.lastOut)
  }
  for (const p of passages) {
    if (row && p.personId && p.personId !== row.personId) continue
    add(direction(p.direction), p.time)
  }
  if (marks.length === 0) return { state: 'notYet', since: null }
  // the latest mark wins; on the same instant a passage beats the summary row (it came later in the list)
  const latest = marks.reduce((a, b) => (b.ms >= a.ms ? b : a))
  return { state: latest.state, since: latest.time }
}

/** Newest first, without duplicates (a live passage may also come back in a reload), at most `max`. */
export function mergePassages<T extends PassageLike>(live: readonly T[], loaded: readonly T[], max = 100): T[] {
  const seen = new Set<number>()
  return [...live, ...loaded]
    .filter(p => !seen.has(p.id) && !!seen.add(p.id))
    .sort((a, b) => millis(b.time) - millis(a.time))
    .slice(0, max)
}

/**
 * The attendance rows after a live passage: the student's first entry and last exit of that day move; rows of other
 * students and passages of other days leave the rows as they are. Returns a new array (the input is not changed).
 */
export function applyPassage<R extends AttendanceLike>(rows: readonly R[], p: PassageLike, day: string): R[] {
  const dir = direction(p.direction)
  if (!dir || !p.personId || !onDay(p.time, day)) return [...rows]
  return rows.map(r => {
    if (r.personId !== p.personId) return r
    const next = { ...r, absent: false }
    const t = millis(p.time)
    if (dir === 'in' && !(millis(r.firstIn) <= t)) next.firstIn = p.time
    if (dir === 'out' && !(millis(r.lastOut) >= t)) next.lastOut = p.time
    return next
  })
}

/** How many students of a class are in, out, not arrived yet. */
export function countPresence(states: readonly PresenceState[]): Record<Presence, number> {
  const c: Record<Presence, number> = { in: 0, out: 0, notYet: 0 }
  for (const s of states) c[s.state]++
  return c
}

/** The last `n` local days as YYYY-MM-DD, today first. */
export function lastDays(n: number, from = new Date()): string[] {
  const out: string[] = []
  const d = new Date(from.getFullYear(), from.getMonth(), from.getDate(), 12)
  for (let i = 0; i < n; i++) {
    out.push(today(d))
    d.setDate(d.getDate() - 1)
  }
  return out
}

/** The start of a local day as an ISO instant (the `from` of a passage query). */
export function startOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(y, m - 1, d).toISOString()
}

/** A time of day, 24 h: 07:45. */
export function clock(iso: string | null | undefined, locale: string): string {
  const ms = millis(iso)
  if (!Number.isFinite(ms)) return '—'
  return new Date(ms).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', hour12: false })
}

/** A day with its weekday, short: 12月1日周二 / Tue, Dec 1. */
export function dayLabel(day: string, locale: string): string {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(y, m - 1, d).toLocaleDateString(locale, { weekday: 'short', month: 'short', day: 'numeric' })
}

/** A list answer that is either a bare array or a Page {items, total}. */
export function itemsOf<T>(data: T[] | { items: T[]; total?: number } | null | undefined): { items: T[]; total: number } {
  if (!data) return { items: [], total: 0 }
  if (Array.isArray(data)) return { items: data, total: data.length }
  return { items: data.items ?? [], total: data.total ?? data.items?.length ?? 0 }
}
