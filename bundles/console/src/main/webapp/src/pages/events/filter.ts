// The events page's filter: the query it sends and whether a live event (from the stream) belongs on the first page.

export interface SecurityEvent {
  id: string
  time: string
  siteId?: string | null
  deviceId?: string | null
  zoneId?: string | null
  type: string
  severity?: string | null
  attributes?: Record<string, string> | null
  snapshotRef?: string | null
  personId?: string | null
}

/** The form's values: from/to as the browser's datetime-local text (local time), the rest as ids. */
export interface EventFilter { from: string; to: string; type: string; zone: string; device: string }

export function emptyFilter(): EventFilter {
  return { from: '', to: '', type: '', zone: '', device: '' }
}

/** A datetime-local value ("2026-12-02T08:30") as an ISO instant, or undefined when empty or not a date. */
export function localToIso(local: string): string | undefined {
  if (!local) return undefined
  const d = new Date(local)
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString()
}

/** The query parameters of GET /events for a filter and a page. */
export function eventQuery(f: EventFilter, offset: number, limit: number) {
  return { from: localToIso(f.from), to: localToIso(f.to), type: f.type.trim() || undefined,
    zone: f.zone || undefined, device: f.device || undefined, offset, limit }
}

/** Whether the filter's "from" comes after its "to". */
export function rangeInverted(f: EventFilter): boolean {
  const from = localToIso(f.from)
  const to = localToIso(f.to)
  return !!from && !!to && from > to
}

/** Whether an event the stream delivers matches the filter (the same rules the server applies to the query). */
export function matches(f: EventFilter, e: SecurityEvent): boolean {
  const t = Date.parse(e.time)
  const from = localToIso(f.from)
  const to = localToIso(f.to)
  if (from && !(t >= Date.parse(from))) return false
  if (to && !(t < Date.parse(to))) return false
  if (!typeMatches(f.type, e.type)) return false
  if (f.zone && e.zoneId !== f.zone) return false
  if (f.device && e.deviceId !== f.device) return false
  return true
}

/** The server's type rule: empty or "*" is any type, "fence.*" a prefix, anything else the exact type. */
export function typeMatches(pattern: string, type: string): boolean {
  const p = pattern.trim()
  if (p === '' || p === '*') return true
  return p.endsWith('*') ? type.startsWith(p.slice(0, -1)) : type === p
}

/** Whether an event may have a snapshot: it names one, or it is a passage (the gate stores the face picture). */
export function mayHaveSnapshot(e: SecurityEvent): boolean {
  return !!e.snapshotRef || /(^|\.)passage($|\.)/.test(e.type)
}

/** New live events in front of the loaded page, each event once, newest first, at most `max`. */
export function mergeLive(live: SecurityEvent[], loaded: SecurityEvent[], max: number): SecurityEvent[] {
  const seen = new Set<string>()
  return [...live, ...loaded].filter(e => !seen.has(e.id) && !!seen.add(e.id)).slice(0, max)
}
