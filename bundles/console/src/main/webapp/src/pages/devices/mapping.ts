// Devices whose driver maps messages to events (a Camel URI device, an OPC UA client device): their counters
// (GET /devices/{id}/mapping, api device.MappingStats) and "test a message" (POST /devices/{id}/test, MappingResult).
import type { Device } from './model'

/** Drivers that map messages to events by rules in their configuration. */
export const MAPPING_VENDORS = ['camel', 'opcua']
/** The server refuses a sample message over 64 KiB (413 payload-too-large). */
export const MAX_PAYLOAD_BYTES = 64 * 1024

export interface MappingStats {
  received: number; mapped: number; unmatched: number; failed: number
  lastReceived?: string | null; lastUnmatched?: string | null
}
export interface MappedEvent {
  id?: string | null; time: string; siteId?: string | null; deviceId?: string | null; zoneId?: string | null
  type: string; severity?: string | null; attributes?: Record<string, unknown> | null
}
export interface MappingResult { matched: boolean; rule?: string | null; events: MappedEvent[]; error?: string | null }

/** Whether a device's driver maps messages (the mapping section is shown for it). */
export function mapsMessages(d: Pick<Device, 'vendor'>): boolean {
  return MAPPING_VENDORS.includes((d.vendor ?? '').toLowerCase())
}

export type StatsHealth = 'idle' | 'ok' | 'unmatched' | 'failed'
export interface StatsView {
  received: number; mapped: number; unmatched: number; failed: number
  /** Share of received messages that gave events, 0..100 rounded; null before the first message. */
  mappedPercent: number | null
  health: StatsHealth
  /** Badge class of the health. */
  cls: string
  lastReceived: string | null
  lastUnmatched: string | null
}

const count = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0)

/**
 * The counters for people: idle before the first message, failed when any message could not be read, unmatched
 * when some matched no rule, ok otherwise.
 */
export function statsView(s: MappingStats | null | undefined): StatsView {
  const received = count(s?.received), mapped = count(s?.mapped), unmatched = count(s?.unmatched), failed = count(s?.failed)
  const health: StatsHealth = failed > 0 ? 'failed' : unmatched > 0 ? 'unmatched' : received > 0 ? 'ok' : 'idle'
  return {
    received, mapped, unmatched, failed,
    mappedPercent: received > 0 ? Math.round((100 * Math.min(mapped, received)) / received) : null,
    health, cls: health === 'ok' ? 'ok' : health === 'failed' ? 'bad' : health === 'unmatched' ? 'warn' : '',
    lastReceived: s?.lastReceived || null, lastUnmatched: s?.lastUnmatched || null,
  }
}

/** The size of a text in UTF-8 bytes (what the server counts). */
export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length
}

/** A problem of a sample message found before sending: the server's codes missing-payload and payload-too-large. */
export function payloadProblem(text: string | null | undefined): 'missing-payload' | 'payload-too-large' | null {
  if (!text || text.trim() === '') return 'missing-payload'
  return utf8Bytes(text) > MAX_PAYLOAD_BYTES ? 'payload-too-large' : null
}

export interface EventRow { key: string; time: string; type: string; severity: string; device: string; zone: string; attributes: string }

/** The events of a test result as table rows; attributes as "k=v" in key order. */
export function eventRows(r: MappingResult | null | undefined): EventRow[] {
  return (r?.events ?? []).map((e, i) => ({
    key: e.id ?? String(i), time: e.time ?? '', type: e.type ?? '', severity: e.severity ?? '',
    device: e.deviceId ?? '', zone: e.zoneId ?? '',
    attributes: Object.entries(e.attributes ?? {}).sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', '),
  }))
}

/** A sample message pretty-printed when it is JSON, as it is otherwise (text lines are sent as typed). */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    return text
  }
}
