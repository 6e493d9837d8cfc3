// The devices page's logic: device and zone records, the checks before saving, property rows and device commands.

export interface Device {
  id: string; siteId: string; zoneId?: string | null; type: string; vendor: string; name: string
  status?: string; properties?: Record<string, string> | null
}
export interface Zone { id: string; siteId: string; name: string; kind: string; armed: boolean; responsibleStaff: string[] }
export interface Site { id: string; name: string; timezone?: string; address?: string | null }

export const ZONE_KINDS = ['GATE', 'PERIMETER', 'DANGER', 'BUILDING'] as const
export const DEVICE_STATUSES = ['UNKNOWN', 'ONLINE', 'OFFLINE', 'FAULT'] as const
/** Device types the drivers and routes know; others may be typed in. */
export const DEVICE_TYPES = ['facegate', 'camera', 'fence', 'thermo', 'pir']
/** Vendors: `http` devices push their events to the REST ingress and take no commands. */
export const VENDORS = ['http', 'simulator']

/** The server's id rule: 1-64 letters, digits, '-', '_', '.' or ':'. */
const ID = /^[A-Za-z0-9_.:-]{1,64}$/

export type Problem = 'required' | 'id' | 'long' | 'emptyKey' | 'duplicateKey'
export interface PropRow { key: string; value: string }

export function isId(s: string | null | undefined): boolean {
  return !!s && ID.test(s)
}

/** The property rows of a device's form, sorted by key. */
export function rowsOf(props: Record<string, string> | null | undefined): PropRow[] {
  return Object.entries(props ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([key, value]) => ({ key, value }))
}

/** The properties from the rows: blank rows dropped, keys trimmed; a value without a key or a key twice is a problem. */
export function propsOf(rows: PropRow[]): { properties: Record<string, string>; problem: Problem | null } {
  const properties: Record<string, string> = {}
  for (const r of rows) {
    const key = r.key.trim()
    if (key === '' && r.value.trim() === '') continue
    if (key === '') return { properties, problem: 'emptyKey' }
    if (key in properties) return { properties, problem: 'duplicateKey' }
    properties[key] = r.value
  }
  return { properties, problem: null }
}

function checkId(out: Record<string, Problem>, field: string, v: string | null | undefined, required = true) {
  if (!v || v.trim() === '') { if (required) out[field] = 'required'; return }
  if (!isId(v)) out[field] = 'id'
}

/** Checks a device before saving; field -> problem. */
export function deviceProblems(d: Device, rows: PropRow[]): Record<string, Problem> {
  const out: Record<string, Problem> = {}
  checkId(out, 'id', d.id)
  checkId(out, 'siteId', d.siteId)
  checkId(out, 'zoneId', d.zoneId, false)
  checkId(out, 'type', d.type)
  checkId(out, 'vendor', d.vendor)
  if ((d.name ?? '').length > 200) out.name = 'long'
  const p = propsOf(rows).problem
  if (p) out.properties = p
  return out
}

/** Checks a zone before saving; field -> problem. */
export function zoneProblems(z: Zone): Record<string, Problem> {
  const out: Record<string, Problem> = {}
  checkId(out, 'id', z.id)
  checkId(out, 'siteId', z.siteId)
  if (!z.name || z.name.trim() === '') out.name = 'required'
  else if (z.name.length > 200) out.name = 'long'
  if (!z.kind) out.kind = 'required'
  return out
}

/**
 * The commands a device offers: none for a device that pushes its events over HTTP (no driver to command); the
 * simulator's trigger and restore; otherwise by type (a gate opens, a fence or detector arms, a camera takes a
 * snapshot).
 */
export function commandsFor(d: Pick<Device, 'type' | 'vendor'>): string[] {
  if (!d.vendor || d.vendor === 'http') return []
  if (d.vendor === 'simulator') return ['trigger', 'restore']
  switch (d.type) {
    case 'facegate': case 'door': case 'barrier': return ['open']
    case 'fence': case 'pir': return ['arm', 'disarm']
    case 'camera': return ['snapshot']
    default: return ['trigger']
  }
}

/** A device with a status change from the stream applied (the stream may send only some fields). */
export function applyStatus(list: Device[], change: Partial<Device> & { id: string }): Device[] {
  return list.map(d => d.id === change.id ? { ...d, ...change } : d)
}
