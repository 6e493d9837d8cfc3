// Perimeter arming (周界布防) as the console shows it: the chip of a zone's state, the words of what decides it, the
// bypass form's default and bounds, and which stream events concern a zone's card.
import type { TimeWindow } from '../../util/windows'

/** A bypass of GET /perimeter/zones (api ZoneBypass). */
export interface ZoneBypass { zoneId: string; reason: string; by?: string | null; from?: string | null; until: string }

/** One zone of GET /perimeter/zones (api ZoneArming). */
export interface ZoneArming { zoneId: string; name: string; armed: boolean; source: string; by?: string | null;
  since?: string | null; manualUntil?: string | null; nextChange?: string | null; schedule?: { windows: TimeWindow[] } | null;
  bypass?: ZoneBypass | null }

export type ChipState = 'armed' | 'disarmed' | 'bypassed'

/**
 * The chip of a zone: bypassed (armed or not, its intrusions are only recorded) before armed and disarmed; the badge
 * class gives its colour (armed red: an intrusion alarms; bypassed amber; disarmed green).
 */
export function armingChip(z: Pick<ZoneArming, 'armed' | 'bypass'>): { state: ChipState; cls: string } {
  if (z.bypass) return { state: 'bypassed', cls: 'warn' }
  return z.armed ? { state: 'armed', cls: 'bad' } : { state: 'disarmed', cls: 'ok' }
}

/** What decides the state now: schedule, manual or fixed (an unknown source is shown as it is). */
export const SOURCES = ['schedule', 'manual', 'fixed'] as const

/** How long a bypass lasts unless the guard says otherwise. */
export const DEFAULT_BYPASS_HOURS = 2
/** The longest bypass the form offers: the server's default perimeter.bypass.max.hours (a site may set less: bad-until). */
export const MAX_BYPASS_HOURS = 72

/** A time as an <input type=datetime-local> value in the browser's (the site's) time: 2026-12-02T20:30. */
export function localInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`
}

/** The bypass form's default end (now + 2 h) and its latest (now + the maximum), as datetime-local values. */
export function bypassBounds(now = new Date()): { until: string; min: string; max: string } {
  const h = 3_600_000
  return { until: localInput(new Date(now.getTime() + DEFAULT_BYPASS_HOURS * h)), min: localInput(now),
    max: localInput(new Date(now.getTime() + MAX_BYPASS_HOURS * h)) }
}

/** A datetime-local value as an ISO instant, or null when it is empty or no time. */
export function instantOf(local: string): string | null {
  if (!local) return null
  const d = new Date(local)
  return Number.isNaN(d.getTime()) ? null : d.toISOString()
}

export type ArmingProblem = 'reason-required' | 'bad-until'

/**
 * The problems of an arming action before it is sent, as the server's codes: disarming and bypassing need a reason
 * (1..500 characters); a bypass needs an end in the future and at most the maximum ahead; a disarm's optional end in
 * the future.
 */
export function actionProblems(kind: 'arm' | 'disarm' | 'bypass', reason: string, until: string,
                               now = new Date()): Partial<Record<'reason' | 'until', ArmingProblem>> {
  const p: Partial<Record<'reason' | 'until', ArmingProblem>> = {}
  const r = reason.trim()
  if ((kind === 'disarm' || kind === 'bypass') && (r.length === 0 || r.length > 500)) p.reason = 'reason-required'
  const at = instantOf(until)
  if (kind === 'bypass' && !at) p.until = 'bad-until'
  if (at) {
    const ms = new Date(at).getTime()
    if (ms <= now.getTime()) p.until = 'bad-until'
    if (kind === 'bypass' && ms > now.getTime() + MAX_BYPASS_HOURS * 3_600_000 + 60_000) p.until = 'bad-until'
  }
  return p
}

/** The body of POST /perimeter/zones/{id}/arm|disarm|bypass: the reason and the end when given. */
export function actionBody(reason: string, until: string): Record<string, string> {
  const body: Record<string, string> = {}
  if (reason.trim()) body.reason = reason.trim()
  const at = instantOf(until)
  if (at) body.until = at
  return body
}

/** The spine events that change a card: the arming events and the fence events of that zone. */
export const ARMING_EVENTS = ['zone.armed', 'zone.disarmed', 'zone.bypassed', 'zone.bypass.ended']

export function concernsZone(e: { type?: string; zoneId?: string | null } | null | undefined, zoneId: string): boolean {
  if (!e?.type || e.zoneId !== zoneId) return false
  return ARMING_EVENTS.includes(e.type) || e.type.startsWith('fence.')
}

/** A fence event's type as a message key (dots are paths for vue-i18n): fence.wire.cut -> fence_wire_cut. */
export function fenceKey(type: string): string {
  return type.replace(/\./g, '_')
}
