// The parent view's logic, without a browser: which child a binding names, notices read and unread, the snapshot
// address of a child's passage.
import { query } from '../../api'
import type { Person } from '../../session'
import { onDay, type PassageLike } from '../../util/presence'

/** One child of GET /me/children: the person and the binding's fields. */
export interface Child { person: Person | null; studentId?: string; relation?: string; preferredChannel?: string;
  consent?: boolean }

/** A passage of GET /me/children/{id}/passages (the same JSON as GET /passages). */
export interface Passage extends PassageLike { deviceId: string; zoneId?: string; personId?: string;
  temperature?: number; snapshot?: string | null }

/** One notice of GET /me/notices, as the parent received it. */
export interface MyNotice { id: string; occurrence?: string; title?: string; body?: string; language?: string;
  channel?: string; sentAt?: string; readAt?: string | null }

/** The guardian endpoints' reason codes for 403, and the words that explain them. */
export const PARENT_REFUSALS: Record<string, string> = {
  'no-person': 'parent.err.noPerson',
  'not-your-child': 'parent.err.notYourChild',
}

export function childId(c: Child): string {
  return c.studentId ?? c.person?.id ?? ''
}

export function snapshotPath(child: string, p: Passage): string | null {
  return p.snapshot ? `/me/children/${encodeURIComponent(child)}/passages/${p.id}/snapshot` : null
}

/** Today's passages and the earlier ones (at most `earlierMax`), newest first as given. */
export function splitByDay<T extends PassageLike>(passages: readonly T[], day: string, earlierMax = 10):
  { today: T[]; earlier: T[] } {
  return {
    today: passages.filter(p => onDay(p.time, day)),
    earlier: passages.filter(p => !onDay(p.time, day)).slice(0, earlierMax),
  }
}

/** A notice is sent once per occurrence: the id and the occurrence name one received message. */
export function noticeKey(n: MyNotice): string {
  return `${n.id}/${n.occurrence ?? ''}`
}

export function unreadCount(notices: readonly MyNotice[]): number {
  return notices.filter(n => !n.readAt).length
}

/** The address that marks a notice read (with its occurrence when there is one). */
export function readPath(n: MyNotice): string {
  return `/me/notices/${encodeURIComponent(n.id)}/read` + query({ occurrence: n.occurrence })
}
