// Visits (访客) as the visitors page and the visitor's phone page show and register them: the records of the API, the
// states in words, what each role may do with a visit in each state, the checks the server makes on a visitor and a
// window (so that a form says what is wrong before sending), and the ID number shown masked.
import { instantOf, localInput } from './leave'
import { wordOf, type Words } from './words'

/** The states of a visit (VisitState). */
export const VISIT_STATES = ['PENDING', 'APPROVED', 'REJECTED', 'ARRIVED', 'LEFT', 'EXPIRED', 'CANCELLED'] as const
export type VisitState = typeof VISIT_STATES[number]

/** A visit of the API (org.gatehouse.api.visitor.Visit). */
export interface Visit {
  id: number; personId: string; visitorName: string; phone?: string | null; idNumber?: string | null
  hostId: string; hostName?: string | null; purpose?: string | null; from: string; to: string; state: string
  photo: boolean; source: string; createdBy?: string | null; createdAt?: string | null
  decidedBy?: string | null; decidedAt?: string | null; note?: string | null; arrivedAt?: string | null
  leftAt?: string | null; lastSeenAt?: string | null; lastSeenDevice?: string | null; overstay: boolean
}

/** One place and time a visitor was seen (Sighting). */
export interface Sighting { visitId: number; deviceId: string; zoneId?: string | null; direction?: string | null;
  passageId?: number | null; at: string }

/** A host's invitation as POST /visits/invitations answers it: the link's path, and its absolute url when known. */
export interface Invitation { token: string; path: string; url?: string | null; hostId: string; hostName?: string | null;
  purpose?: string | null; from: string; to: string; expires: string; visitId?: number | null }

/** An invitation as the visitor's phone page reads it (GET /visit-invitations/{token}, no login). */
export interface InvitationView { hostName?: string | null; purpose?: string | null; from: string; to: string;
  expires?: string | null; state: 'open' | 'used' | 'expired' | string }

export const STATE_WORDS: Record<VisitState, Words> = {
  PENDING: { 'zh-CN': '待审批', en: 'Waiting for approval' },
  APPROVED: { 'zh-CN': '已批准', en: 'Approved' },
  REJECTED: { 'zh-CN': '已拒绝', en: 'Rejected' },
  ARRIVED: { 'zh-CN': '已到访', en: 'On campus' },
  LEFT: { 'zh-CN': '已离开', en: 'Left' },
  EXPIRED: { 'zh-CN': '已过期', en: 'Expired' },
  CANCELLED: { 'zh-CN': '已取消', en: 'Cancelled' },
}

export const SOURCE_WORDS: Record<string, Words> = {
  'walk-in': { 'zh-CN': '门卫室登记', en: 'Walk-in' },
  invitation: { 'zh-CN': '邀请链接', en: 'Invitation link' },
  staff: { 'zh-CN': '教职工登记', en: 'Registered by staff' },
}

/** A state in words (an unknown state as it is). */
export function stateWords(state: string | null | undefined, locale: string): string {
  if (!state) return '—'
  return wordOf(STATE_WORDS, state, locale) ?? state
}

export function sourceWords(source: string | null | undefined, locale: string): string {
  if (!source) return '—'
  return wordOf(SOURCE_WORDS, source, locale) ?? source
}

/** The badge class of a visit: an overstay is bad whatever its state. */
export function visitStateClass(v: Pick<Visit, 'state' | 'overstay'>): string {
  if (v.overstay) return 'bad'
  switch (v.state) {
    case 'APPROVED': case 'ARRIVED': return 'ok'
    case 'PENDING': return 'warn'
    case 'REJECTED': return 'bad'
    default: return ''
  }
}

export type VisitAction = 'approve' | 'reject' | 'cancel' | 'leave'

/** Who looks at a visit: the guard room (security or admin), and the staff person the user is linked to. */
export interface Viewer { security: boolean; personId?: string | null }

/** Whether the viewer hosts the visit (a teacher linked to the host). */
export function isHost(v: Pick<Visit, 'hostId'>, who: Viewer): boolean {
  return !!who.personId && who.personId === v.hostId
}

/**
 * What a viewer may do with a visit: the host or the guard room approves or rejects a waiting one and cancels a
 * waiting or approved one; the guard room marks an arrived visitor as gone.
 */
export function visitActions(v: Pick<Visit, 'state' | 'hostId'>, who: Viewer): VisitAction[] {
  const decides = who.security || isHost(v, who)
  if (!decides) return []
  switch (v.state) {
    case 'PENDING': return ['approve', 'reject', 'cancel']
    case 'APPROVED': return ['cancel']
    case 'ARRIVED': return who.security ? ['leave'] : []
    default: return []
  }
}

/** Whether an action asks for a note first (a rejection or cancellation gives its reason). */
export function takesNote(a: VisitAction): boolean {
  return a === 'reject' || a === 'cancel'
}

/**
 * An ID number as the console shows it, masked as the server masks it: the first 4 and the last 4 characters kept
 * (3601**********1234), 2 and 2 of a number shorter than 12. A number the server already masked stays as it is.
 */
export function maskIdNumber(id: string | null | undefined): string {
  if (!id) return '—'
  const s = id.trim()
  const keep = s.length >= 12 ? 4 : 2
  if (s.length <= keep * 2) return '*'.repeat(s.length)
  return s.slice(0, keep) + '*'.repeat(s.length - keep * 2) + s.slice(s.length - keep)
}

/** Whether an ID number as shown hides its middle (the check that no full number reaches the screen). */
export function isMasked(shown: string | null | undefined): boolean {
  if (!shown || shown === '—') return true
  return /\*{2,}/.test(shown)
}

const PHONE = /^\+?[0-9]{5,20}$/
const ID_NUMBER = /^[A-Z0-9]{6,32}$/
const RESIDENT_ID = /^[0-9]{17}[0-9X]$/
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
export const NAME_MAX = 100
export const PURPOSE_MAX = 200

/** A visitor as typed in a form. */
export interface VisitorDraft { name: string; phone: string; idNumber: string }

/** The ID number as the server keeps it: spaces dropped, upper case. */
export function normalIdNumber(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase()
}

/** The phone as the server keeps it: spaces, dashes and brackets dropped. */
export function normalVisitorPhone(raw: string): string {
  return raw.replace(/[\s()-]/g, '')
}

/** Whether an 18-character resident identity card number has the right check character (GB 11643). */
export function residentIdValid(n: string): boolean {
  if (!RESIDENT_ID.test(n)) return false
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(n[i]) * ID_WEIGHTS[i]
  return '10X98765432'[sum % 11] === n[17]
}

/**
 * The problems of a visitor, by field, as the server's codes: missing-name, bad-name, missing-phone (when needPhone),
 * bad-phone (5..20 digits, an optional leading +; spaces, dashes and brackets allowed), bad-id-number (a resident
 * card number with its check character right, or 6..32 letters and digits).
 */
export function visitorProblems(d: VisitorDraft, needPhone = false): Record<string, string> {
  const out: Record<string, string> = {}
  const name = d.name.trim()
  if (!name) out.name = 'missing-name'
  else if (name.length > NAME_MAX) out.name = 'bad-name'
  const phone = normalVisitorPhone(d.phone)
  if (!phone) { if (needPhone) out.phone = 'missing-phone' }
  else if (!PHONE.test(phone)) out.phone = 'bad-phone'
  const id = normalIdNumber(d.idNumber)
  if (id && (RESIDENT_ID.test(id) ? !residentIdValid(id) : !ID_NUMBER.test(id))) out.idNumber = 'bad-id-number'
  return out
}

/** How far in the past a window may start (the server allows 5 minutes). */
export const PAST_GRACE_MS = 5 * 60_000

/**
 * The problems of a window typed in two datetime-local inputs: from/to 'required', from 'past' (starts more than 5
 * minutes ago), to 'window' (not after the start) or 'past' (already over).
 */
export function windowProblems(from: string, to: string, now = new Date()): Record<string, string> {
  const out: Record<string, string> = {}
  const f = instantOf(from)
  const e = instantOf(to)
  if (!f) out.from = 'required'
  if (!e) out.to = 'required'
  if (f && Date.parse(f) < now.getTime() - PAST_GRACE_MS) out.from = 'past'
  if (e && f && Date.parse(e) <= Date.parse(f)) out.to = 'window'
  else if (e && Date.parse(e) <= now.getTime()) out.to = 'past'
  return out
}

/** A window as typed: from and to, datetime-local values. */
export interface WindowDraft { from: string; to: string }

/** A walk-in's window: from this minute, for two hours. */
export function walkInWindow(now = new Date()): WindowDraft {
  const from = new Date(now)
  from.setSeconds(0, 0)
  return { from: localInput(from), to: localInput(new Date(from.getTime() + 2 * 3600_000)) }
}

/** An invitation's window: tomorrow 9:00 to 12:00. */
export function inviteWindow(now = new Date()): WindowDraft {
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 9, 0)
  const to = new Date(from.getTime() + 3 * 3600_000)
  return { from: localInput(from), to: localInput(to) }
}

/** A registration as typed in the walk-in form. */
export interface VisitDraft extends VisitorDraft, WindowDraft { hostId: string; purpose: string }

export function newVisitDraft(now = new Date()): VisitDraft {
  return { name: '', phone: '', idNumber: '', hostId: '', purpose: '', ...walkInWindow(now) }
}

/** The problems of a registration: the visitor's, the window's, host 'required', purpose 'long'. */
export function visitDraftProblems(d: VisitDraft, now = new Date()): Record<string, string> {
  const out = { ...visitorProblems(d), ...windowProblems(d.from, d.to, now) }
  if (!d.hostId.trim()) out.hostId = 'required'
  if (d.purpose.trim().length > PURPOSE_MAX) out.purpose = 'long'
  return out
}

const orNull = (s: string) => (s.trim() ? s.trim() : null)

/** The JSON body of POST /visits for a valid draft. */
export function visitBody(d: VisitDraft) {
  return {
    visitor: { name: d.name.trim(), phone: orNull(d.phone), idNumber: orNull(normalIdNumber(d.idNumber)) },
    hostId: d.hostId.trim(), purpose: orNull(d.purpose), from: instantOf(d.from)!, to: instantOf(d.to)!,
  }
}

/** An invitation as typed: the host (empty for a teacher: its own), purpose and window. */
export interface InviteDraft extends WindowDraft { hostId: string; purpose: string }

export function inviteProblems(d: InviteDraft, needHost: boolean, now = new Date()): Record<string, string> {
  const out = windowProblems(d.from, d.to, now)
  if (needHost && !d.hostId.trim()) out.hostId = 'required'
  if (d.purpose.trim().length > PURPOSE_MAX) out.purpose = 'long'
  return out
}

/** The JSON body of POST /visits/invitations (no hostId: the teacher's own). */
export function inviteBody(d: InviteDraft) {
  const body: Record<string, string | null> = { purpose: orNull(d.purpose), from: instantOf(d.from)!, to: instantOf(d.to)! }
  if (d.hostId.trim()) body.hostId = d.hostId.trim()
  return body
}

/** The link to give the visitor: the server's url, made absolute against the console's origin when it is a path. */
export function invitationLink(inv: Pick<Invitation, 'url' | 'path'>, origin: string): string {
  const u = inv.url || inv.path
  return /^https?:\/\//.test(u) ? u : origin.replace(/\/$/, '') + (u.startsWith('/') ? u : '/' + u)
}

/** Whether a live event (kind event or visit) is about a visit (types visit.*). */
export function isVisitEvent(e: unknown): boolean {
  return !!e && typeof e === 'object' && typeof (e as { type?: unknown }).type === 'string'
    && (e as { type: string }).type.startsWith('visit.')
}

/** Whether a live passage is a visitor's (its person is a visit's VISITOR person visitor-<id>, or its role says so). */
export function isVisitorPassage(p: unknown): boolean {
  if (!p || typeof p !== 'object') return false
  const o = p as { personId?: unknown; role?: unknown }
  return (typeof o.personId === 'string' && o.personId.startsWith('visitor-')) || o.role === 'VISITOR'
}

/** How many visits of a list are in each state, and how many overstay. */
export function countByState(visits: readonly Pick<Visit, 'state' | 'overstay'>[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(VISIT_STATES.map(s => [s, 0]))
  out.overstay = 0
  for (const v of visits) {
    out[v.state] = (out[v.state] ?? 0) + 1
    if (v.overstay) out.overstay++
  }
  return out
}

/** A trail's rows with the gate's name (from GET /devices) and the direction, oldest first. */
export function trailRows(trail: readonly Sighting[], devices: readonly { id: string; name?: string | null }[]) {
  const names = new Map(devices.map(d => [d.id, d.name || d.id]))
  return [...trail].sort((a, b) => a.at.localeCompare(b.at))
    .map(s => ({ ...s, deviceName: names.get(s.deviceId) ?? s.deviceId }))
}

/** The token of the visitor's page /gatehouse/visit/<token> (null when the path has none). */
export function tokenOf(pathname: string, base = '/gatehouse/'): string | null {
  const prefix = base.replace(/\/?$/, '/') + 'visit/'
  if (!pathname.startsWith(prefix)) return null
  const rest = pathname.slice(prefix.length).split('/')[0]
  if (!rest) return null
  try { return decodeURIComponent(rest) } catch { return null }
}

/** The visit a live event is about (attribute visitId), or null. */
export function eventVisitId(e: unknown): number | null {
  if (!e || typeof e !== 'object') return null
  const o = e as { visitId?: unknown; attributes?: Record<string, unknown> }
  const raw = o.attributes?.visitId ?? o.visitId
  const n = Number(raw)
  return raw !== undefined && raw !== null && Number.isInteger(n) && n > 0 ? n : null
}

/** What the visitor's page shows: the form, or why it cannot (used, expired, unknown), or the done state. */
export type InvitationPhase = 'open' | 'used' | 'expired' | 'unknown' | 'done'

/**
 * The phase for an invitation's state (open, used, expired) or a refusal's code (invitation-used, invitation-expired,
 * unknown-invitation; a 404 or 410 without a known code), or null when neither says so.
 */
export function invitationPhase(stateOrCode: string | null | undefined, status = 0): InvitationPhase | null {
  switch (stateOrCode) {
    case 'open': return 'open'
    case 'used': case 'invitation-used': return 'used'
    case 'expired': case 'invitation-expired': return 'expired'
    case 'unknown-invitation': return 'unknown'
    default: return status === 404 ? 'unknown' : status === 410 ? 'expired' : null
  }
}

/** The form field a refusal of the visitor's details is about (bad-phone -> phone ...), or null. */
export function fieldOfCode(code: string): keyof VisitorDraft | null {
  switch (code) {
    case 'missing-name': case 'bad-name': return 'name'
    case 'bad-phone': case 'missing-phone': return 'phone'
    case 'bad-id-number': return 'idNumber'
    default: return null
  }
}

/** Whether a live event or passage concerns one visit: its visit.* events (one without a visit id too), its visitor's passages. */
export function concernsVisit(data: unknown, visit: { id: number; personId?: string | null }): boolean {
  if (isVisitEvent(data)) {
    const id = eventVisitId(data)
    return id === null || id === visit.id
  }
  return isVisitorPassage(data) && !!visit.personId && (data as { personId?: unknown }).personId === visit.personId
}
