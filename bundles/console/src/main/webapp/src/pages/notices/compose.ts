// The compose form of a notice: template preview, checks before sending, and the body of POST /notices.
import { today } from '../../load'
import { WEEKDAYS } from '../../util/weekdays'

export interface Variable { name: string; required: boolean; description: string }
export interface MessageKind { kind: string; description: string; variables: Variable[] }
export interface Template { kind: string; language: string; subject: string; body: string; custom: boolean }

export type Repeat = 'ONCE' | 'WEEKLY'
export const DAYS = WEEKDAYS
export const PRIORITIES = ['LOW', 'NORMAL', 'CRITICAL'] as const
export const LANGUAGES = ['zh-CN', 'en'] as const

export interface Schedule { repeat: Repeat; at?: string; day?: string; time?: string; until?: string }
export interface Text { language: string; title: string; body: string }
export interface NoticeBody {
  texts?: Text[]; templateKind?: string; variables?: Record<string, string>; audience: string
  schedule: Schedule; priority: string
}

/** Variables the server fills in per recipient when the notice gives no value. */
export const AUTO_VARIABLES = ['school', 'guardian', 'student']

export interface ComposeForm {
  source: 'template' | 'text'
  templateKind: string
  variables: Record<string, string>
  /** Free text per language; a language with an empty title and body is left out. */
  texts: Record<string, { title: string; body: string }>
  audience: string
  /** 'now', 'at' (once at a time) or 'weekly'. */
  when: 'now' | 'at' | 'weekly'
  /** datetime-local value (YYYY-MM-DDTHH:mm) for 'at'. */
  at: string
  day: string
  /** HH:mm for 'weekly'. */
  time: string
  /** YYYY-MM-DD, last date for 'weekly'. */
  until: string
  priority: string
}

export function emptyForm(): ComposeForm {
  return { source: 'template', templateKind: '', variables: {}, texts: { 'zh-CN': { title: '', body: '' },
    en: { title: '', body: '' } }, audience: '', when: 'now', at: '', day: 'MONDAY', time: '08:00', until: '',
  priority: 'NORMAL' }
}

/** The notice kinds (templates a notice may use: notice.*). */
export function noticeKinds(kinds: MessageKind[]): MessageKind[] {
  return kinds.filter(k => k.kind.startsWith('notice.'))
}

/** The variables a person has to fill in (the ones the server does not fill in itself). */
export function askedVariables(kind: MessageKind | undefined): Variable[] {
  return kind ? kind.variables.filter(v => !AUTO_VARIABLES.includes(v.name)) : []
}

export interface Segment { text: string; variable?: string; missing?: boolean }

/**
 * A template's text with the values put in, as segments: literal text, a filled variable, or a variable without a
 * value (missing: shown as a placeholder; the server fills in school, guardian and student per recipient).
 */
export function preview(template: string, values: Record<string, string>): Segment[] {
  const out: Segment[] = []
  const re = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g
  let last = 0
  for (let m = re.exec(template); m; m = re.exec(template)) {
    if (m.index > last) out.push({ text: template.slice(last, m.index) })
    const name = m[1]
    const v = values[name]?.trim()
    out.push(v ? { text: v, variable: name } : { text: name, variable: name, missing: true })
    last = m.index + m[0].length
  }
  if (last < template.length) out.push({ text: template.slice(last) })
  return out
}

/** A problem found before sending: an i18n key (below notices.problem.) and its parameters. */
export interface Problem { key: string; params?: Record<string, string> }


/** Checks the form; an empty list means it can be sent. */
export function check(f: ComposeForm, kind: MessageKind | undefined, now = new Date()): Problem[] {
  const p: Problem[] = []
  if (f.source === 'template') {
    if (!kind) p.push({ key: 'noTemplate' })
    for (const v of askedVariables(kind)) {
      if (v.required && !f.variables[v.name]?.trim()) p.push({ key: 'missingValue', params: { name: v.name } })
    }
  } else {
    const filled = LANGUAGES.filter(l => f.texts[l]?.title.trim() || f.texts[l]?.body.trim())
    if (filled.length === 0) p.push({ key: 'noText' })
    for (const l of filled) {
      const t = f.texts[l]
      if (!t.title.trim()) p.push({ key: 'noTitle', params: { language: l } })
      else if (t.title.length > 200) p.push({ key: 'titleTooLong', params: { language: l } })
      if (!t.body.trim()) p.push({ key: 'noBody', params: { language: l } })
      else if (t.body.length > 4000) p.push({ key: 'bodyTooLong', params: { language: l } })
    }
  }
  if (!f.audience) p.push({ key: 'noAudience' })
  if (f.when === 'at') {
    const at = new Date(f.at)
    if (!f.at || Number.isNaN(at.getTime())) p.push({ key: 'noTime' })
    else if (at.getTime() <= now.getTime()) p.push({ key: 'pastTime' })
  } else if (f.when === 'weekly') {
    if (!(DAYS as readonly string[]).includes(f.day)) p.push({ key: 'noDay' })
    if (!/^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(f.time)) p.push({ key: 'noTime' })
    if (!/^\d{4}-\d{2}-\d{2}$/.test(f.until)) p.push({ key: 'noUntil' })
    else if (f.until < today(now)) p.push({ key: 'pastUntil' })
  }
  return p
}

/** The body of POST /notices for a checked form. */
export function toBody(f: ComposeForm): NoticeBody {
  const schedule: Schedule = f.when === 'now' ? { repeat: 'ONCE' }
    : f.when === 'at' ? { repeat: 'ONCE', at: new Date(f.at).toISOString() }
      : { repeat: 'WEEKLY', day: f.day, time: f.time, until: f.until }
  const body: NoticeBody = { audience: f.audience, schedule, priority: f.priority || 'NORMAL' }
  if (f.source === 'template') {
    body.templateKind = f.templateKind
    const vars: Record<string, string> = {}
    for (const [k, v] of Object.entries(f.variables)) if (v?.trim()) vars[k] = v.trim()
    body.variables = vars
  } else {
    body.texts = LANGUAGES.filter(l => f.texts[l]?.title.trim() || f.texts[l]?.body.trim())
      .map(l => ({ language: l, title: f.texts[l].title.trim(), body: f.texts[l].body.trim() }))
  }
  return body
}

export interface Stats { recipients: number; queued: number; sent: number; delivered: number; failed: number; read: number }

/** Shares of the delivery states in percent (of the recipients), for the bars. */
export function shares(s: Stats | null | undefined): Record<'queued' | 'sent' | 'delivered' | 'failed' | 'read', number> {
  const total = s?.recipients ?? 0
  const pct = (n: number) => total > 0 ? Math.round(1000 * n / total) / 10 : 0
  return { queued: pct(s?.queued ?? 0), sent: pct(s?.sent ?? 0), delivered: pct(s?.delivered ?? 0),
    failed: pct(s?.failed ?? 0), read: pct(s?.read ?? 0) }
}
