// Live updates of the outbox list: a message from the stream replaces its row, or joins the first page when it is
// new and matches the status filter; a row whose status no longer matches the filter leaves the list.
import type { Page } from '../../api'

export const STATUSES = ['QUEUED', 'SENT', 'DELIVERED', 'FAILED'] as const

export interface OutboxMessage {
  id: string; channel: string; filter?: string; kind: string; recipient?: string; subject?: string; status: string
  attempts: number; created: string; nextAttempt?: string; sentAt?: string; lastError?: string; provider?: string
  priority?: string; fallbackChannel?: string; channelUsed?: string; providerMessageId?: string
}

/**
 * The page after a live message: updated in place when listed; added on top of the first page when new and matching
 * (the total grows and the page keeps its size); removed when it no longer matches the filter.
 */
export function applyLive(page: Page<OutboxMessage>, m: OutboxMessage, status: string): Page<OutboxMessage> {
  const matches = !status || m.status === status
  const i = page.items.findIndex(x => x.id === m.id)
  if (i >= 0) {
    const items = [...page.items]
    if (matches) items[i] = { ...items[i], ...m }
    else items.splice(i, 1)
    return { ...page, items, total: matches ? page.total : Math.max(0, page.total - 1) }
  }
  if (!matches) return page
  if (page.offset > 0) return { ...page, total: page.total + 1 }
  return { ...page, items: [m, ...page.items].slice(0, page.limit), total: page.total + 1 }
}
