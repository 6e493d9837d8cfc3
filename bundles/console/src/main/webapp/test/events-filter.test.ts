import { describe, it, expect } from 'vitest'
import { matches, eventQuery, emptyFilter, localToIso, rangeInverted, mayHaveSnapshot, mergeLive, typeMatches,
  type SecurityEvent } from '../src/pages/events/filter'

const ev = (over: Partial<SecurityEvent> = {}): SecurityEvent => ({ id: 'e1', time: '2026-12-02T08:00:00Z',
  type: 'fence.intrusion', zoneId: 'north-fence', deviceId: 'fence-n1', ...over })

describe('events filter', () => {
  it('matches everything when empty', () => {
    expect(matches(emptyFilter(), ev())).toBe(true)
  })
  it('matches zone, device and type exactly, and a type ending in * as a prefix', () => {
    const f = { ...emptyFilter(), zone: 'north-fence', device: 'fence-n1', type: 'fence.intrusion' }
    expect(matches(f, ev())).toBe(true)
    expect(matches({ ...f, zone: 'pond' }, ev())).toBe(false)
    expect(matches({ ...f, device: 'gate-1' }, ev())).toBe(false)
    expect(matches({ ...f, type: 'fence' }, ev())).toBe(false)
    expect(matches({ ...f, type: 'fence.*' }, ev())).toBe(true)
    expect(typeMatches('*', 'x')).toBe(true)
  })
  it('keeps the time range: from inclusive, to exclusive', () => {
    const at = new Date('2026-12-02T08:00:00Z')
    const local = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16)
    const f = { ...emptyFilter(), from: local(at) }
    expect(matches(f, ev())).toBe(true)
    expect(matches({ ...f, to: local(at) }, ev())).toBe(false)
    expect(matches({ ...emptyFilter(), to: local(new Date(at.getTime() + 60000)) }, ev())).toBe(true)
    expect(localToIso(local(at))).toBe('2026-12-02T08:00:00.000Z')
    expect(rangeInverted({ ...emptyFilter(), from: '2026-12-02T09:00', to: '2026-12-02T08:00' })).toBe(true)
    expect(rangeInverted({ ...emptyFilter(), from: '2026-12-02T08:00' })).toBe(false)
  })
  it('builds the query with only what is set', () => {
    expect(eventQuery({ ...emptyFilter(), type: ' gate.passage ', zone: 'main-gate' }, 50, 50)).toEqual({
      from: undefined, to: undefined, type: 'gate.passage', zone: 'main-gate', device: undefined, offset: 50, limit: 50 })
    expect(localToIso('')).toBeUndefined()
    expect(localToIso('nonsense')).toBeUndefined()
  })
  it('knows which events may have a snapshot', () => {
    expect(mayHaveSnapshot(ev())).toBe(false)
    expect(mayHaveSnapshot(ev({ snapshotRef: 'snap/1' }))).toBe(true)
    expect(mayHaveSnapshot(ev({ type: 'gate.passage' }))).toBe(true)
    expect(mayHaveSnapshot(ev({ type: 'passage' }))).toBe(true)
    expect(mayHaveSnapshot(ev({ type: 'gate.passages' }))).toBe(false)
  })
  it('puts live events first, each once', () => {
    const merged = mergeLive([ev({ id: 'b' }), ev({ id: 'a' })], [ev({ id: 'a' }), ev({ id: 'c' })], 3)
    expect(merged.map(e => e.id)).toEqual(['b', 'a', 'c'])
  })
})
