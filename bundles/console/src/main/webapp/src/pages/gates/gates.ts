// The gates page's logic, without a browser: the sync progress of a terminal as bar parts, the door commands, and
// the decision (reason, open) of each passage taken from the attributes of its event.
import type { PassageLike } from '../../util/presence'

/** A facegate device as GET /gates sends it (the Device record). */
export interface GateDevice { id: string; siteId?: string; zoneId?: string | null; type: string; vendor: string;
  name: string; status?: string; properties?: Record<string, string> | null }
/** The sync state of one terminal's roster (SyncSummary). */
export interface SyncSummary { deviceId: string; desired: number; synced: number; failed: number; pending: number;
  lastRun?: string | null; lastError?: string | null }
/** One row of GET /gates. */
export interface Gate { device: GateDevice; vendor?: string | null; mode: string; sync: SyncSummary | null }
/** One person's sync state at a terminal (SyncStatus + name). */
export interface SyncPerson { deviceId: string; personId: string; name?: string | null; state: string;
  faceHash?: string | null; error?: string | null; updated?: string | null }
/** A passage of GET /passages. */
export interface GatePassage extends PassageLike { deviceId: string; zoneId?: string | null; personId?: string | null;
  score?: number | null; temperature?: number | null; snapshot?: string | null; eventId?: string | null }
/** The fields of a SecurityEvent this page reads. */
export interface GateEvent { id: string; deviceId?: string | null; type?: string; attributes?: Record<string, string> | null }
/** The decision of a passage: why the gate opened or stayed shut. */
export interface Decision { reason: string | null; open: boolean | null }

/** The door commands of a face gate (POST /devices/{id}/commands). */
export const DOOR_COMMANDS = ['open', 'close', 'alwaysOpen', 'alwaysClose'] as const
export type DoorCommand = typeof DOOR_COMMANDS[number]

/** Whether a door command leaves the door in a lasting state, so the user confirms it first. */
export function needsConfirm(c: string): boolean {
  return c === 'alwaysOpen' || c === 'alwaysClose'
}

export interface Progress { synced: number; failed: number; pending: number; other: number }

/**
 * The parts of the sync bar in percent of the persons the terminal should hold (desired): synced, failed, pending and
 * the rest (not yet looked at). Each part is rounded down, never more than 100 together; an empty roster is all synced.
 */
export function progress(s: SyncSummary | null | undefined): Progress {
  if (!s) return { synced: 0, failed: 0, pending: 0, other: 100 }
  const total = Math.max(s.desired, s.synced + s.failed + s.pending)
  if (total <= 0) return { synced: 100, failed: 0, pending: 0, other: 0 }
  const pct = (n: number) => Math.floor(Math.max(0, n) * 100 / total)
  const synced = pct(s.synced), failed = pct(s.failed), pending = pct(s.pending)
  return { synced, failed, pending, other: Math.max(0, 100 - synced - failed - pending) }
}

/** The state of a terminal's sync in one word: none (server decides), done, failed (some persons), running. */
export function syncState(g: Pick<Gate, 'sync'>): 'none' | 'done' | 'failed' | 'running' {
  const s = g.sync
  if (!s) return 'none'
  if (s.failed > 0) return 'failed'
  if (s.pending > 0 || s.synced < s.desired) return 'running'
  return 'done'
}

/** The gates with a device change from the stream applied (the stream may send only some fields). */
export function applyDevice(gates: readonly Gate[], change: Partial<GateDevice> & { id: string }): Gate[] {
  return gates.map(g => g.device.id === change.id ? { ...g, device: { ...g.device, ...change } } : g)
}

/** The decision in the attributes of a passage's event: reason and open (missing ones are null). */
export function decisionOf(attributes: Record<string, string> | null | undefined): Decision {
  const reason = attributes?.reason?.trim() || null
  const open = attributes?.open === 'true' ? true : attributes?.open === 'false' ? false : null
  return { reason, open }
}

/** The decision of each passage, by passage id, from the events of the gate (an event names its passage). */
export function decisions(passages: readonly GatePassage[], events: readonly GateEvent[]): Map<number, Decision> {
  const byId = new Map(events.map(e => [e.id, e]))
  const byPassage = new Map<string, GateEvent>()
  for (const e of events) {
    const pid = e.attributes?.passageId
    if (pid) byPassage.set(pid, e)
  }
  const out = new Map<number, Decision>()
  for (const p of passages) {
    const e = (p.eventId ? byId.get(p.eventId) : undefined) ?? byPassage.get(String(p.id))
    if (e) out.set(p.id, decisionOf(e.attributes))
  }
  return out
}

/** The badge class of a decision: open ok, refused bad, unknown plain. */
export function decisionClass(d: Decision | undefined): string {
  if (!d || d.open === null) return d?.reason === 'allowed' ? 'ok' : ''
  return d.open ? 'ok' : 'bad'
}
