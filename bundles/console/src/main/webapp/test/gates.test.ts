import { describe, it, expect } from 'vitest'
import { applyDevice, decisionClass, decisionOf, decisions, needsConfirm, progress, syncState, type Gate,
  type GateEvent }
  from '../src/pages/gates/gates'

const sync = (desired: number, synced: number, failed: number, pending: number) =>
  ({ deviceId: 'g', desired, synced, failed, pending, lastRun: null, lastError: null })

describe('gates', () => {
  it('cuts the sync bar into parts of the wanted persons, never above 100 %', () => {
    expect(progress(sync(10, 7, 2, 1))).toEqual({ synced: 70, failed: 20, pending: 10, other: 0 })
    expect(progress(sync(3, 1, 1, 0))).toEqual({ synced: 33, failed: 33, pending: 0, other: 34 })
    expect(progress(sync(0, 0, 0, 0))).toEqual({ synced: 100, failed: 0, pending: 0, other: 0 })
    // more persons counted than wanted (a removal still pending): the counted ones are the whole
    const p = progress(sync(2, 2, 1, 1))
    expect(p.synced + p.failed + p.pending + p.other).toBe(100)
    expect(progress(null).other).toBe(100)
  })
  it('says the state of a sync in one word', () => {
    expect(syncState({ sync: null })).toBe('none')
    expect(syncState({ sync: sync(5, 5, 0, 0) })).toBe('done')
    expect(syncState({ sync: sync(5, 3, 0, 2) })).toBe('running')
    expect(syncState({ sync: sync(5, 4, 1, 0) })).toBe('failed')
  })
  it('asks before a lasting door state only', () => {
    expect(needsConfirm('alwaysOpen')).toBe(true)
    expect(needsConfirm('alwaysClose')).toBe(true)
    expect(needsConfirm('open')).toBe(false)
    expect(needsConfirm('close')).toBe(false)
  })
  it('applies a device change from the stream to its gate only', () => {
    const gates: Gate[] = [{ device: { id: 'a', type: 'facegate', vendor: 'hikvision', name: 'A', status: 'ONLINE' }, mode: 'terminal', sync: null },
      { device: { id: 'b', type: 'facegate', vendor: 'http', name: 'B', status: 'ONLINE' }, mode: 'server', sync: null }]
    const next = applyDevice(gates, { id: 'a', status: 'OFFLINE' })
    expect(next.map(g => g.device.status)).toEqual(['OFFLINE', 'ONLINE'])
    expect(next[0].device.name).toBe('A')
    expect(gates[0].device.status).toBe('ONLINE')
  })
  it('reads the decision of a passage from the attributes of its event', () => {
    expect(decisionOf({ reason: 'no-leave-pass', open: 'false' })).toEqual({ reason: 'no-leave-pass', open: false })
    expect(decisionOf({ open: 'true' })).toEqual({ reason: null, open: true })
    expect(decisionOf(null)).toEqual({ reason: null, open: null })
    const passages = [{ id: 1, direction: 'in', time: '2026-12-02T00:00:00Z', deviceId: 'g', eventId: 'e1' },
      { id: 2, direction: 'out', time: '2026-12-02T01:00:00Z', deviceId: 'g', eventId: null },
      { id: 3, direction: 'in', time: '2026-12-02T02:00:00Z', deviceId: 'g', eventId: 'missing' }]
    const events: GateEvent[] = [{ id: 'e1', attributes: { reason: 'allowed', open: 'true' } },
      { id: 'e2', attributes: { passageId: '2', reason: 'stranger', open: 'false' } }]
    const d = decisions(passages, events)
    expect(d.get(1)).toEqual({ reason: 'allowed', open: true })
    expect(d.get(2)).toEqual({ reason: 'stranger', open: false })
    expect(d.has(3)).toBe(false)
    expect(decisionClass(d.get(1))).toBe('ok')
    expect(decisionClass(d.get(2))).toBe('bad')
    expect(decisionClass(undefined)).toBe('')
  })
})
