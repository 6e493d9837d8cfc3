// Stranger alert rules (陌生人告警规则) as the console edits them: the days a rule applies on, its daily window and the
// checks of the form before anything is sent.

/** A rule of GET /stranger-rules (api StrangerRule); from/to "HH:mm". */
export interface StrangerRule { id: string; name: string; zoneId?: string | null; days: string; from: string; to: string;
  severity: string; foldMinutes: number; enabled: boolean }

/** A cluster of GET /stranger-alerts (api StrangerAlert). */
export interface StrangerAlert { id: number; ruleId: string; zoneId?: string | null; count: number; firstAt: string;
  lastAt: string; bestPassage?: number | null; alarmId?: number | null }

/** The days of the week as a rule names them. */
export const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const
/** A rule's day (MON) as java.time.DayOfWeek names it (MONDAY), for util/weekdays. */
export function dayOfWeek(day: string): string {
  return WEEK[DAYS.indexOf(day as typeof DAYS[number])] ?? day
}
const WEEK = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']
export type DaysMode = 'all' | 'school' | 'holiday' | 'weekdays'
export const DAY_MODES: DaysMode[] = ['all', 'school', 'holiday', 'weekdays']
/** The severities a rule may raise (INFO raises no alarm). */
export const RULE_SEVERITIES = ['WARNING', 'MAJOR', 'CRITICAL'] as const

/** The days field as the form shows it: a mode, and for 'weekdays' the days ticked (in week order). */
export interface DaysChoice { mode: DaysMode; weekdays: string[] }

/** Reads a rule's days ("all", "school", "holiday", "MON,TUE"); anything else gives 'weekdays' with what it names. */
export function decodeDays(days: string | null | undefined): DaysChoice {
  const v = (days ?? '').trim()
  const lower = v.toLowerCase()
  if (lower === '' || lower === 'all') return { mode: 'all', weekdays: [] }
  if (lower === 'school' || lower === 'holiday') return { mode: lower, weekdays: [] }
  const named = new Set(v.toUpperCase().split(',').map(s => s.trim()).filter(Boolean))
  return { mode: 'weekdays', weekdays: DAYS.filter(d => named.has(d)) }
}

/** The days field of a choice, or null when 'weekdays' has no day ticked (bad-days). */
export function encodeDays(c: DaysChoice): string | null {
  if (c.mode !== 'weekdays') return c.mode
  const ticked = DAYS.filter(d => c.weekdays.includes(d))
  return ticked.length ? ticked.join(',') : null
}

/** A LocalTime of the API ("22:00" or "22:00:00") as HH:mm. */
export function hhmm(t: string | null | undefined): string {
  return (t ?? '').slice(0, 5)
}

export type WindowKind = 'day' | 'overnight' | 'same-day'

/** What the daily window covers: the whole day (from = to), overnight (to before from) or within one day. */
export function windowKind(from: string, to: string): WindowKind {
  const f = hhmm(from)
  const t = hhmm(to)
  return f === t ? 'day' : t < f ? 'overnight' : 'same-day'
}

/** The form of a rule as typed. */
export interface RuleDraft { id: string; name: string; zoneId: string; days: DaysChoice; from: string; to: string;
  severity: string; foldMinutes: string; enabled: boolean }

export function ruleDraft(r: StrangerRule | null): RuleDraft {
  if (!r) return { id: '', name: '', zoneId: '', days: { mode: 'all', weekdays: [] }, from: '22:00', to: '06:00',
    severity: 'MAJOR', foldMinutes: '30', enabled: true }
  return { id: r.id, name: r.name ?? '', zoneId: r.zoneId ?? '', days: decodeDays(r.days), from: hhmm(r.from),
    to: hhmm(r.to), severity: r.severity ?? 'MAJOR', foldMinutes: String(r.foldMinutes), enabled: r.enabled }
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/

/** The problems of a draft by field, as the server's codes (bad-rule-id, bad-days, bad-window, bad-fold, missing). */
export function ruleProblems(d: RuleDraft): Record<string, string> {
  const p: Record<string, string> = {}
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(d.id.trim())) p.id = 'bad-rule-id'
  if (!d.name.trim()) p.name = 'missing'
  if (encodeDays(d.days) === null) p.days = 'bad-days'
  if (!TIME.test(d.from)) p.from = 'bad-window'
  if (!TIME.test(d.to)) p.to = 'bad-window'
  const fold = Number(d.foldMinutes)
  if (!Number.isInteger(fold) || fold < 1 || fold > 1440) p.foldMinutes = 'bad-fold'
  return p
}

/** The JSON of PUT /stranger-rules/{id}. */
export function ruleOf(d: RuleDraft): StrangerRule {
  return { id: d.id.trim(), name: d.name.trim(), zoneId: d.zoneId || null, days: encodeDays(d.days) ?? '',
    from: d.from, to: d.to, severity: d.severity, foldMinutes: Number(d.foldMinutes), enabled: d.enabled }
}
