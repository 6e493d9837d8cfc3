// The guard-room big screen's logic, pure so that vitest covers it: the answer of GET /screen, what the screen shows
// of it (the counts, the rate, what fits on a 1920x1080 display), the age of an alarm in words, which stream
// messages make it read /screen again, and the coalescing of those reads.

export interface ScreenVisit {
  id: number; visitorName: string; hostName?: string; state: string; from: string; to: string; arrivedAt?: string
  overstay: boolean
}
export interface ScreenPassage {
  id: number; deviceId: string; deviceName?: string; personId?: string; name?: string; role?: string; direction: string
  time: string; stranger: boolean; open?: boolean; reason?: string; snapshot: boolean
}
export interface ScreenAlarm { id: number; type: string; severity: string; message: string; firstAt: string; count: number; state: string }
export interface ScreenDevice { id: string; name?: string; type: string; status: string }
/** GET /screen; a part whose service is not running is absent. */
export interface Screen {
  generatedAt: string
  visitors?: { expected: number; onCampus: number; left: number; overstay: number; items: ScreenVisit[] }
  onCampus?: Record<string, number>
  passages?: ScreenPassage[]
  alarms?: ScreenAlarm[]
  devices?: { online: number; offline: number; items: ScreenDevice[] }
  attendance?: { present: number; expected: number; rate?: number | null }
}

/** How many rows of each list fit on the screen at 1920x1080 without scrolling. */
export const FIT = { visits: 9, alarms: 7, devices: 6, passages: 12 } as const

/** The roles the screen always shows, in this order; any other role present follows. */
export const ROLES = ['STUDENT', 'STAFF', 'VISITOR'] as const

/** The on-campus counts as rows: the three roles always, then other roles with someone on campus; the total. */
export function roleCounts(onCampus: Record<string, number> | undefined): { rows: { role: string; n: number }[]; total: number } {
  const m = onCampus ?? {}
  const rows: { role: string; n: number }[] = ROLES.map(role => ({ role, n: m[role] ?? 0 }))
  for (const [role, n] of Object.entries(m)) {
    if (!(ROLES as readonly string[]).includes(role) && n > 0) rows.push({ role, n })
  }
  return { rows, total: rows.reduce((s, r) => s + r.n, 0) }
}

/** The attendance rate as a percentage with one decimal ("87.5%"), or a dash when nobody is expected. */
export function percent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—'
  const p = Math.round(Math.min(1, Math.max(0, rate)) * 1000) / 10
  return `${p % 1 === 0 ? p.toFixed(0) : p.toFixed(1)}%`
}

/** A list cut to what fits, with how many were left out. */
export function fit<T>(items: T[] | undefined, max: number): { shown: T[]; more: number } {
  const all = items ?? []
  return { shown: all.slice(0, max), more: Math.max(0, all.length - max) }
}

/** The devices worth a line on the screen: those not online (the screen counts the rest). */
export function problemDevices(items: ScreenDevice[] | undefined): ScreenDevice[] {
  return (items ?? []).filter(d => d.status !== 'ONLINE')
}

/** A passage's verdict for its badge: denied, let through, or unknown (a gate that decides alone reported nothing). */
export function verdict(p: ScreenPassage): 'open' | 'denied' | 'unknown' {
  return p.open === true ? 'open' : p.open === false ? 'denied' : 'unknown'
}

/** The severity class of an alarm, for its colour. */
export function severityClass(severity: string): 'critical' | 'major' | 'warning' | 'info' {
  switch (severity) {
    case 'CRITICAL': return 'critical'
    case 'MAJOR': return 'major'
    case 'WARNING': return 'warning'
    default: return 'info'
  }
}

/**
 * How long ago something began, in words of the language: "45秒", "12分05秒", "3小时07分", "2天3小时" in zh-CN;
 * "45 s", "12 min 05 s", "3 h 07 min", "2 d 3 h" in English. A time in the future (a clock ahead of the server's)
 * counts as 0.
 */
export function formatAge(ms: number, lang: string): string {
  const s = Math.max(0, Math.floor((Number.isFinite(ms) ? ms : 0) / 1000))
  const d = Math.floor(s / 86400)
  const h = Math.floor((s % 86400) / 3600)
  const m = Math.floor((s % 3600) / 60)
  const sec = s % 60
  const two = (n: number) => String(n).padStart(2, '0')
  const zh = lang.startsWith('zh')
  if (d > 0) return zh ? `${d}天${h}小时` : `${d} d ${h} h`
  if (h > 0) return zh ? `${h}小时${two(m)}分` : `${h} h ${two(m)} min`
  if (m > 0) return zh ? `${m}分${two(sec)}秒` : `${m} min ${two(sec)} s`
  return zh ? `${sec}秒` : `${sec} s`
}

/** The age of an alarm at `now` (ms since the epoch). */
export function alarmAge(a: { firstAt: string }, now: number, lang: string): string {
  const t = Date.parse(a.firstAt)
  return Number.isNaN(t) ? '—' : formatAge(now - t, lang)
}

/** A time of day "08:05:09" in the browser's zone (the guard room's). */
export function clockTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
}

/** Whether a stream message changes what the screen shows: a passage, an alarm, a device, a visit, a gate event. */
export function relevant(kind: string, data: unknown): boolean {
  if (kind === 'passage' || kind === 'alarm' || kind === 'device' || kind === 'visit') return true
  if (kind !== 'event') return false
  const type = (data as { type?: unknown } | null)?.type
  return typeof type === 'string' && (type.startsWith('gate.') || type.startsWith('visit.'))
}

/** The parts the core always serves: while one is missing (the server is still starting), the screen reads again. */
export const CORE_PARTS = ['onCampus', 'passages', 'alarms', 'devices', 'attendance'] as const

/**
 * Whether an answer lacks a part the core serves (its service was not there yet, e.g. just after a restart): the screen
 * then reads again after a growing delay until it is complete. The visitors part is optional (no visitor service).
 */
export function incomplete(s: Screen | null | undefined): boolean {
  return !s || CORE_PARTS.some(k => s[k] === undefined || s[k] === null)
}

/** Whether this page address is the big screen (/gatehouse/screen, with or without a trailing slash). */
export function isScreenPath(pathname: string, base: string): boolean {
  const p = pathname.replace(/\/+$/, '')
  return p === `${base.replace(/\/+$/, '')}/screen`
}

/**
 * Coalesces reads: schedule() runs `run` once `wait` ms after the first call; calls meanwhile join that run, and calls
 * during a run make one more run after it. So a burst of events costs one or two reads, and the screen is never more
 * than `wait` ms plus one read behind the last event (a plain debounce would starve while passages keep coming).
 */
export function coalesce(run: () => Promise<void>, wait = 300) {
  let timer: ReturnType<typeof setTimeout> | undefined
  let running = false
  let again = false
  const schedule = () => {
    if (running) { again = true; return }
    if (timer === undefined) timer = setTimeout(fire, wait)
  }
  const fire = async () => {
    timer = undefined
    running = true
    try {
      await run()
    } catch {
      // the caller's run keeps its own error state
    } finally {
      running = false
      if (again) { again = false; schedule() }
    }
  }
  return {
    schedule,
    cancel() { clearTimeout(timer); timer = undefined; again = false },
  }
}
