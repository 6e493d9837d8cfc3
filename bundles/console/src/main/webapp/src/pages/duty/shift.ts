// A duty shift in the form and in the API (DutyService.Shift), and the checks before saving.
import { WEEKDAYS } from '../../util/weekdays'

export interface Shift {
  id: string; siteId?: string; personId: string; post: string; days: string[]; start: string; end: string
  from?: string; until?: string
}

export interface ShiftForm {
  id: string; siteId: string; personId: string; post: string; days: string[]; start: string; end: string
  from: string; until: string
}

/** Posts the server knows by name (any lower-kebab post is allowed). */
export const KNOWN_POSTS = ['guard-room', 'leader', 'gate', 'patrol']

const ID = /^[A-Za-z0-9_.:-]{1,64}$/
const POST = /^[a-z0-9]+(-[a-z0-9]+)*$/
const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

/** HH:mm of a LocalTime the API writes as 08:00 or 08:00:00. */
export function hhmm(time: string | null | undefined): string {
  return (time ?? '').slice(0, 5)
}

export function emptyShift(): ShiftForm {
  return { id: '', siteId: '', personId: '', post: 'guard-room', days: [], start: '08:00', end: '20:00', from: '', until: '' }
}

export function fromShift(s: Shift): ShiftForm {
  return { id: s.id, siteId: s.siteId ?? '', personId: s.personId, post: s.post, days: [...s.days],
    start: hhmm(s.start), end: hhmm(s.end), from: s.from ?? '', until: s.until ?? '' }
}

/** Problems (i18n keys below duty.problem.) of a form; empty when it can be saved. */
export function checkShift(f: ShiftForm, isNew: boolean, existingIds: readonly string[] = []): string[] {
  const p: string[] = []
  if (isNew && f.id.trim()) {
    if (!ID.test(f.id.trim())) p.push('badId')
    else if (existingIds.includes(f.id.trim())) p.push('idTaken')
  }
  if (!f.personId.trim()) p.push('noPerson')
  if (!POST.test(f.post.trim()) || f.post.trim().length > 64) p.push('badPost')
  if (!TIME.test(f.start)) p.push('noStart')
  if (!TIME.test(f.end)) p.push('noEnd')
  if (f.from && !DATE.test(f.from)) p.push('badDate')
  else if (f.until && !DATE.test(f.until)) p.push('badDate')
  else if (f.from && f.until && f.until < f.from) p.push('datesOrder')
  return p
}

/** The body of POST /duty or PUT /duty/{id}: empty optional fields left out, days in week order. */
export function toShiftBody(f: ShiftForm): Shift {
  const s: Shift = { id: f.id.trim(), personId: f.personId.trim(), post: f.post.trim(),
    days: WEEKDAYS.filter(d => f.days.includes(d)), start: f.start, end: f.end }
  if (!s.id) delete (s as Partial<Shift>).id
  if (f.siteId) s.siteId = f.siteId
  if (f.from) s.from = f.from
  if (f.until) s.until = f.until
  return s
}

/** 'day' (start equals end: the whole day), 'overnight' (end at or before start) or 'same' (ends the same day). */
export function span(s: { start: string; end: string }): 'day' | 'overnight' | 'same' {
  const a = hhmm(s.start)
  const b = hhmm(s.end)
  return a === b ? 'day' : b < a ? 'overnight' : 'same'
}
