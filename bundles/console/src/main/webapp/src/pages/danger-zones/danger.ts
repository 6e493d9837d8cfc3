// Danger zones (危险区域) as the console edits them: a rule per DANGER zone (kind, allowed windows, allowed persons,
// cameras, severity, fold minutes) and the checks of the form before anything is sent.
import { windowDrafts, windowProblems, windowsOf, type TimeWindow, type WindowDraft } from '../../util/windows'

/** What makes a zone dangerous (api DangerKind). */
export const KINDS = ['WATER', 'LAB', 'CHEMICAL_STORE', 'CONSTRUCTION'] as const
/** The severities a warning may have (INFO raises no alarm). */
export const SEVERITIES = ['WARNING', 'MAJOR', 'CRITICAL'] as const

/** A rule of GET /danger-zones (api DangerZoneRule). */
export interface DangerRule { zoneId: string; kind: string; allowed: TimeWindow[]; allowedPersons: string[];
  cameraIds: string[]; severity: string; foldMinutes: number; enabled: boolean }

/** A warning: an alarm of type danger.warning (GET /alarms). */
export interface Warning { id: number; type: string; severity: string; zoneId?: string | null; deviceId?: string | null;
  message: string; state: string; count: number; firstAt: string; lastAt: string; lastEventId?: string | null }

export const WARNING_TYPE = 'danger.warning'

/** The rule form as typed. */
export interface DangerDraft { zoneId: string; kind: string; allowed: WindowDraft[]; allowedPersons: string[];
  cameraIds: string[]; severity: string; foldMinutes: string; enabled: boolean }

export function dangerDraft(r: DangerRule | null): DangerDraft {
  if (!r) return { zoneId: '', kind: 'WATER', allowed: [], allowedPersons: [], cameraIds: [], severity: 'MAJOR',
    foldMinutes: '10', enabled: true }
  return { zoneId: r.zoneId, kind: r.kind, allowed: windowDrafts(r.allowed), allowedPersons: [...(r.allowedPersons ?? [])],
    cameraIds: [...(r.cameraIds ?? [])], severity: r.severity ?? 'MAJOR', foldMinutes: String(r.foldMinutes ?? 10),
    enabled: r.enabled }
}

/** The problems by field as the server's codes: missing (zone, kind), bad-fold; the windows' by index. */
export function dangerProblems(d: DangerDraft): { fields: Record<string, string>; windows: Record<number, string> } {
  const fields: Record<string, string> = {}
  if (!d.zoneId) fields.zoneId = 'missing'
  if (!(KINDS as readonly string[]).includes(d.kind)) fields.kind = 'missing'
  // v-model on a number input gives a number once typed in
  const fold = Number(d.foldMinutes)
  if (!/^\d+$/.test(String(d.foldMinutes).trim()) || !Number.isInteger(fold) || fold < 1 || fold > 1440) fields.foldMinutes = 'bad-fold'
  return { fields, windows: windowProblems(d.allowed) }
}

/** The body of PUT /danger-zones/{zoneId}: the rule without its zone id. */
export function dangerBody(d: DangerDraft): Omit<DangerRule, 'zoneId'> {
  return { kind: d.kind, allowed: windowsOf(d.allowed), allowedPersons: [...new Set(d.allowedPersons)],
    cameraIds: [...new Set(d.cameraIds)], severity: d.severity, foldMinutes: Number(d.foldMinutes), enabled: d.enabled }
}

/** The warnings among alarms (GET /alarms does not filter by type), each once, the latest first, at most limit. */
export function latestWarnings<T extends { id: number; type: string; lastAt: string }>(alarms: readonly T[] | null | undefined,
                                                                                      limit = 50): T[] {
  const seen = new Set<number>()
  return (alarms ?? []).filter(a => a.type === WARNING_TYPE && !seen.has(a.id) && !!seen.add(a.id))
    .sort((a, b) => b.lastAt.localeCompare(a.lastAt)).slice(0, limit)
}

/**
 * The camera whose live view a warning offers: the warning's device when it is one of the rule's cameras, else the
 * rule's first camera, else the warning's device (the server says no-live-view when it has none), or null.
 */
export function warningCamera(w: Pick<Warning, 'zoneId' | 'deviceId'>, rules: readonly DangerRule[] | null | undefined): string | null {
  const rule = (rules ?? []).find(r => r.zoneId === w.zoneId)
  const cams = rule?.cameraIds ?? []
  if (w.deviceId && cams.includes(w.deviceId)) return w.deviceId
  return cams[0] ?? w.deviceId ?? null
}
