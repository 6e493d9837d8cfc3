import { describe, it, expect } from 'vitest'
import { actionBody, actionProblems, armingChip, bypassBounds, concernsZone, instantOf, localInput,
  MAX_BYPASS_HOURS } from '../src/pages/perimeter/perimeter'
import { i18n } from '../src/i18n'
import '../src/pages'

describe('arming chip', () => {
  it('says armed, disarmed, and bypassed before either', () => {
    expect(armingChip({ armed: true, bypass: null })).toEqual({ state: 'armed', cls: 'bad' })
    expect(armingChip({ armed: false })).toEqual({ state: 'disarmed', cls: 'ok' })
    const bypass = { zoneId: 'north-fence', reason: 'gardener', until: '2026-12-02T20:00:00Z' }
    expect(armingChip({ armed: true, bypass }).state).toBe('bypassed')
    expect(armingChip({ armed: false, bypass }).state).toBe('bypassed')
  })
  it('has the chip and source words in both languages', () => {
    const g = i18n.global
    for (const [loc, armed, manual] of [['zh-CN', '已布防', '手动'], ['en', 'Armed', 'By hand']]) {
      g.locale.value = loc as 'zh-CN' | 'en'
      expect(g.t('perimeter.chip.' + armingChip({ armed: true }).state)).toBe(armed)
      expect(g.t('perimeter.sourceOf.manual')).toBe(manual)
      expect(g.t('perimeter.chip.bypassed')).not.toBe('perimeter.chip.bypassed')
    }
    g.locale.value = 'zh-CN'
  })
})

describe('arming actions', () => {
  const now = new Date(2026, 11, 2, 18, 0)
  it('offers a bypass of two hours by default, at most the maximum', () => {
    const b = bypassBounds(now)
    expect(b.until).toBe('2026-12-02T20:00')
    expect(b.min).toBe('2026-12-02T18:00')
    expect(b.max).toBe(localInput(new Date(now.getTime() + MAX_BYPASS_HOURS * 3_600_000)))
  })
  it('needs a reason to disarm or bypass, and a future end within the maximum for a bypass', () => {
    expect(actionProblems('arm', '', '', now)).toEqual({})
    expect(actionProblems('disarm', '  ', '', now)).toEqual({ reason: 'reason-required' })
    expect(actionProblems('disarm', 'x'.repeat(501), '', now)).toEqual({ reason: 'reason-required' })
    expect(actionProblems('disarm', '夜间施工', '', now)).toEqual({})
    expect(actionProblems('disarm', '夜间施工', '2026-12-02T17:00', now)).toEqual({ until: 'bad-until' })
    expect(actionProblems('bypass', 'gardener', '', now)).toEqual({ until: 'bad-until' })
    expect(actionProblems('bypass', 'gardener', '2026-12-02T20:00', now)).toEqual({})
    expect(actionProblems('bypass', '', '2026-12-06T20:00', now)).toEqual({ reason: 'reason-required', until: 'bad-until' })
  })
  it('sends the reason and the end as an instant, only when given', () => {
    expect(actionBody('', '')).toEqual({})
    expect(actionBody(' gardener ', '2026-12-02T20:00')).toEqual({ reason: 'gardener',
      until: new Date(2026, 11, 2, 20, 0).toISOString() })
    expect(instantOf('not a time')).toBeNull()
  })
})

describe('stream events of a card', () => {
  it('takes the arming and fence events of its own zone only', () => {
    expect(concernsZone({ type: 'zone.disarmed', zoneId: 'north-fence' }, 'north-fence')).toBe(true)
    expect(concernsZone({ type: 'zone.bypass.ended', zoneId: 'north-fence' }, 'north-fence')).toBe(true)
    expect(concernsZone({ type: 'fence.wire.cut', zoneId: 'north-fence' }, 'north-fence')).toBe(true)
    expect(concernsZone({ type: 'fence.intrusion', zoneId: 'south-fence' }, 'north-fence')).toBe(false)
    expect(concernsZone({ type: 'gate.passage', zoneId: 'north-fence' }, 'north-fence')).toBe(false)
    expect(concernsZone(null, 'north-fence')).toBe(false)
  })
})
