import { describe, it, expect } from 'vitest'
import type { Page } from '../src/api'
import { applyLive, type OutboxMessage } from '../src/pages/outbox/live'

function msg(id: string, status: string, extra: Partial<OutboxMessage> = {}): OutboxMessage {
  return { id, channel: 'sms', kind: 'notice', status, attempts: 0, created: '2026-12-02T08:00:00Z', ...extra }
}
function page(items: OutboxMessage[], total = items.length, offset = 0, limit = 3): Page<OutboxMessage> {
  return { items, total, offset, limit }
}

describe('outbox live updates', () => {
  it('updates a listed message in place', () => {
    const p = applyLive(page([msg('a', 'QUEUED'), msg('b', 'QUEUED')]), msg('b', 'SENT', { attempts: 1 }), '')
    expect(p.items.map(m => [m.id, m.status, m.attempts])).toEqual([['a', 'QUEUED', 0], ['b', 'SENT', 1]])
    expect(p.total).toBe(2)
  })
  it('adds a new matching message on top of the first page, keeping the page size', () => {
    const p = applyLive(page([msg('a', 'QUEUED'), msg('b', 'QUEUED'), msg('c', 'QUEUED')], 5), msg('d', 'QUEUED'), 'QUEUED')
    expect(p.items.map(m => m.id)).toEqual(['d', 'a', 'b'])
    expect(p.total).toBe(6)
  })
  it('counts but does not show a new message on a later page', () => {
    const p = applyLive(page([msg('a', 'QUEUED')], 4, 3), msg('d', 'QUEUED'), '')
    expect(p.items.map(m => m.id)).toEqual(['a'])
    expect(p.total).toBe(5)
  })
  it('drops a message that leaves the filter and ignores one that does not match', () => {
    const start = page([msg('a', 'QUEUED'), msg('b', 'QUEUED')])
    const p = applyLive(start, msg('a', 'FAILED', { lastError: 'no route' }), 'QUEUED')
    expect(p.items.map(m => m.id)).toEqual(['b'])
    expect(p.total).toBe(1)
    expect(applyLive(start, msg('z', 'DELIVERED'), 'QUEUED')).toBe(start)
  })
})
