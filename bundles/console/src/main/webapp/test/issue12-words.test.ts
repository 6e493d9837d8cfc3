import { describe, it, expect } from 'vitest'
import { ApiError } from '../src/api'
import { i18n } from '../src/i18n'
import { apiRefusal } from '../src/util/codeWords'
import zh from '../src/locales/zh-CN.json'
import en from '../src/locales/en.json'
import '../src/pages'
import '../src/util/windows'
import '../src/util/timeline'
import { dangerBody, dangerDraft, dangerProblems, latestWarnings, warningCamera } from '../src/pages/danger-zones/danger'

const CODES = ['unknown-zone', 'not-perimeter', 'reason-required', 'bad-until', 'not-danger-zone', 'bad-window', 'bad-fold',
  'unknown-device', 'unknown-person', 'no-live-view', 'link-expired', 'unknown-link', 'unknown-alarm',
  'bad-schedule', 'bad-kind', 'no-rule', 'bad-minutes', 'too-many-streams', 'no-frame']

describe('words of perimeter arming, danger zones, live view and the timeline', () => {
  it('has zh-CN and en words for every error code', () => {
    for (const m of [zh, en] as any[]) for (const c of CODES) expect(m.apiCode[c], c).toBeTruthy()
  })
  it('says a refusal in words with the server message', () => {
    i18n.global.locale.value = 'en'
    expect(apiRefusal(new ApiError(400, 'reason-required', 'a disarm needs a reason'))).toBe('Give a reason. (a disarm needs a reason)')
    i18n.global.locale.value = 'zh-CN'
    expect(apiRefusal(new ApiError(404, 'no-live-view', 'fence-n1'))).toMatch(/^这台设备没有实时画面/)
  })
  it('has the same keys for the pages in both languages', () => {
    const keys = (o: any, p = ''): string[] => Object.entries(o).flatMap(([k, v]) =>
      v && typeof v === 'object' ? keys(v, `${p}${k}.`) : [`${p}${k}`])
    const g = i18n.global as any
    for (const area of ['perimeter', 'danger', 'windows', 'timeline']) {
      expect(keys(g.getLocaleMessage('zh-CN')[area]).sort(), area).toEqual(keys(g.getLocaleMessage('en')[area]).sort())
    }
  })
})

describe('danger zone rule form', () => {
  it('builds the rule of a new chemical store, without its zone id', () => {
    const d = { ...dangerDraft(null), zoneId: 'chem-store', kind: 'CHEMICAL_STORE', allowedPersons: ['staff-li', 'staff-li'],
      cameraIds: ['cam-chem'] }
    d.allowed.push({ days: { mode: 'school', weekdays: [] }, from: '08:00', to: '17:00' })
    expect(dangerProblems(d)).toEqual({ fields: {}, windows: {} })
    expect(dangerBody(d)).toEqual({ kind: 'CHEMICAL_STORE', allowed: [{ days: 'school', from: '08:00', to: '17:00' }],
      allowedPersons: ['staff-li'], cameraIds: ['cam-chem'], severity: 'MAJOR', foldMinutes: 10, enabled: true })
  })
  it('finds a missing zone, a bad fold and a window without days', () => {
    const d = { ...dangerDraft(null), foldMinutes: '0' }
    d.allowed.push({ days: { mode: 'weekdays', weekdays: [] }, from: '08:00', to: '17:00' })
    expect(dangerProblems(d)).toEqual({ fields: { zoneId: 'missing', foldMinutes: 'bad-fold' }, windows: { 0: 'bad-days' } })
    expect(dangerProblems({ ...d, foldMinutes: '1.5' }).fields.foldMinutes).toBe('bad-fold')
    // a number input's v-model gives numbers
    expect(dangerProblems({ ...d, foldMinutes: 0 as unknown as string }).fields.foldMinutes).toBe('bad-fold')
    expect(dangerProblems({ ...d, foldMinutes: 15 as unknown as string }).fields.foldMinutes).toBeUndefined()
  })
  it('edits an existing rule as it is', () => {
    const r = { zoneId: 'pond', kind: 'WATER', allowed: [{ days: 'all', from: '07:00', to: '18:00' }], allowedPersons: [],
      cameraIds: ['cam-pond'], severity: 'CRITICAL', foldMinutes: 5, enabled: false }
    const { zoneId, ...body } = r
    expect(zoneId).toBe('pond')
    expect(dangerBody(dangerDraft(r))).toEqual(body)
  })
  it('keeps the warnings among alarms and picks the camera of a warning', () => {
    const a = (id: number, type: string, lastAt: string) => ({ id, type, lastAt })
    expect(latestWarnings([a(1, 'danger.warning', '2026-12-02T10:00:00Z'), a(2, 'fence.intrusion', '2026-12-02T11:00:00Z'),
      a(3, 'danger.warning', '2026-12-02T12:00:00Z'), a(1, 'danger.warning', '2026-12-02T10:00:00Z')]).map(w => w.id)).toEqual([3, 1])
    expect(latestWarnings([a(1, 'danger.warning', '2026-12-02T10:00:00Z'), a(3, 'danger.warning', '2026-12-02T12:00:00Z')], 1)
      .map(w => w.id)).toEqual([3])
    const rules = [{ zoneId: 'pond', kind: 'WATER', allowed: [], allowedPersons: [], cameraIds: ['cam-pond', 'cam-pond-2'],
      severity: 'MAJOR', foldMinutes: 10, enabled: true }]
    expect(warningCamera({ zoneId: 'pond', deviceId: 'cam-pond-2' }, rules)).toBe('cam-pond-2')
    expect(warningCamera({ zoneId: 'pond', deviceId: 'pir-1' }, rules)).toBe('cam-pond')
    expect(warningCamera({ zoneId: 'lab', deviceId: 'cam-lab' }, rules)).toBe('cam-lab')
    expect(warningCamera({ zoneId: 'lab', deviceId: null }, rules)).toBeNull()
  })
})
