import { describe, it, expect } from 'vitest'
import { STEP_KINDS, timelineSteps, type AlarmStep } from '../src/util/timeline'
import { i18n } from '../src/i18n'

describe('alarm timeline', () => {
  const steps: AlarmStep[] = [
    { time: '2026-12-02T10:00:05Z', kind: 'raised', actor: 'system', detail: 'fence.intrusion in north-fence' },
    { time: '2026-12-02T10:00:00Z', kind: 'event', actor: 'fence-n1', detail: 'E130 zone 001', data: { eventId: 'e1' } },
    { time: '2026-12-02T10:00:06Z', kind: 'message', actor: 'system', detail: 'to staff-zhao',
      data: { recipient: 'staff-zhao', channel: 'sms' } },
    { time: '2026-12-02T10:00:06Z', kind: 'failed', actor: 'sms', detail: 'sms', data: { attempt: '1', error: 'timeout' } },
    { time: '2026-12-02T10:05:06Z', kind: 'reminded', actor: null },
    { time: '2026-12-02T10:06:00Z', kind: 'acknowledged', actor: 'guard1', detail: 'on my way' },
    { time: '2026-12-02T10:07:00Z', kind: 'teleported', actor: 'x' },
  ]
  it('puts the steps in time order, the server order for equal times', () => {
    expect(timelineSteps(steps).map(s => s.kind))
      .toEqual(['event', 'raised', 'message', 'failed', 'reminded', 'acknowledged', 'teleported'])
    expect(timelineSteps(null)).toEqual([])
  })
  it('gives each kind its icon and class, and an unknown kind a plain mark', () => {
    const v = timelineSteps(steps)
    expect(v.find(s => s.kind === 'failed')).toMatchObject({ known: true, icon: STEP_KINDS.failed.icon, cls: 'bad' })
    expect(v.find(s => s.kind === 'acknowledged')).toMatchObject({ cls: 'ok', actor: 'guard1', detail: 'on my way' })
    expect(v.find(s => s.kind === 'teleported')).toMatchObject({ known: false, icon: '•' })
    expect(v.find(s => s.kind === 'reminded')?.actor).toBe('')
  })
  it('adds the facts the detail does not already say', () => {
    const v = timelineSteps(steps)
    expect(v.find(s => s.kind === 'message')?.facts).toBe('channel=sms')
    expect(v.find(s => s.kind === 'failed')?.facts).toBe('attempt=1 error=timeout')
    expect(v.find(s => s.kind === 'event')?.facts).toBe('')
  })
  it('names every kind in both languages', () => {
    const g = i18n.global as any
    for (const loc of ['zh-CN', 'en']) for (const k of Object.keys(STEP_KINDS)) {
      expect(g.getLocaleMessage(loc).timeline.kind[k], `${loc} ${k}`).toBeTruthy()
    }
  })
})
