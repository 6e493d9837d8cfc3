// Early-leave passes (请假) as the leave page and the parent view show and request them: states, what can be done
// with a pass in each state, the request's checks, and the local date-time inputs turned into instants.
import { today } from '../load'

/** The states of a pass (LeavePass.state). */
export const LEAVE_STATES = ['PENDING', 'APPROVED', 'REJECTED', 'CANCELLED', 'USED'] as const

/** A pass of the API; the staff list adds the student's name and class. */
export interface LeavePass { id: number; studentId: string; from: string; to: string; reason?: string | null;
  state: string; requestedBy?: string | null; decidedBy?: string | null; created?: string | null;
  studentName?: string | null; group?: string | null }

/** A request as typed: local date-times (YYYY-MM-DDTHH:mm) of a datetime-local input. */
export interface LeaveDraft { studentId: string; from: string; to: string; reason: string }

export type LeaveAction = 'approve' | 'reject' | 'cancel'

/** The badge class of a state. */
export function leaveStateClass(state: string): string {
  switch (state) {
    case 'APPROVED': case 'USED': return 'ok'
    case 'PENDING': return 'warn'
    case 'REJECTED': return 'bad'
    default: return ''
  }
}

/** What a decider may do with a pass: a waiting one is approved, rejected or cancelled; an approved one cancelled. */
export function leaveActions(p: Pick<LeavePass, 'state'>): LeaveAction[] {
  if (p.state === 'PENDING') return ['approve', 'reject', 'cancel']
  if (p.state === 'APPROVED') return ['cancel']
  return []
}

/** A local date-time input's value (YYYY-MM-DDTHH:mm) as an ISO instant, or null when it is not one. */
export function instantOf(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null
  const d = new Date(local)
  return Number.isNaN(d.getTime()) ? null : d.toISOString()
}

/** A date as the value of a datetime-local input, in local time. */
export function localInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${today(d)}T${p(d.getHours())}:${p(d.getMinutes())}`
}

/** A fresh request: from the next quarter hour, for two hours. */
export function newDraft(studentId = '', now = new Date()): LeaveDraft {
  const from = new Date(now)
  from.setSeconds(0, 0)
  from.setMinutes(Math.ceil((from.getMinutes() + 1) / 15) * 15)
  const to = new Date(from.getTime() + 2 * 3600_000)
  return { studentId, from: localInput(from), to: localInput(to), reason: '' }
}

/** The longest reason the form takes. */
export const REASON_MAX = 500

/**
 * The problems of a request, by field: required, window (the end is not after the start), long (reason).
 * @param needStudent whether the form names the student (the parent view's child is given)
 */
export function leaveProblems(d: LeaveDraft, needStudent = true): Record<string, string> {
  const out: Record<string, string> = {}
  if (needStudent && !d.studentId.trim()) out.studentId = 'required'
  const from = instantOf(d.from)
  const to = instantOf(d.to)
  if (!from) out.from = 'required'
  if (!to) out.to = 'required'
  else if (from && to <= from) out.to = 'window'
  if (!d.reason.trim()) out.reason = 'required'
  else if (d.reason.trim().length > REASON_MAX) out.reason = 'long'
  return out
}

/** The JSON body of a request (POST /leave-passes; the parent's path names the child and takes no studentId). */
export function leaveBody(d: LeaveDraft, withStudent = true): Record<string, string> {
  const body: Record<string, string> = { from: instantOf(d.from)!, to: instantOf(d.to)!, reason: d.reason.trim() }
  if (withStudent) body.studentId = d.studentId.trim()
  return body
}

/** Whether a live event is about leave passes (types leave.*), so the list is read again. */
export function isLeaveEvent(e: unknown): boolean {
  return !!e && typeof e === 'object' && typeof (e as { type?: unknown }).type === 'string'
    && (e as { type: string }).type.startsWith('leave.')
}

/** Passes newest first. */
export function newestFirst<T extends Pick<LeavePass, 'from' | 'id'>>(passes: readonly T[]): T[] {
  return [...passes].sort((a, b) => b.from.localeCompare(a.from) || b.id - a.id)
}
