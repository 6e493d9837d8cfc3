import { describe, it, expect } from 'vitest'
import { ApiError } from '../src/api'
import { i18n } from '../src/i18n'
import { VISIT_CODES, visitRefusal } from '../src/util/codeWords'
import { residentIdValid, STATE_WORDS, VISIT_STATES, concernsVisit, countByState, eventVisitId, fieldOfCode, invitationLink, invitationPhase,
  inviteBody, inviteProblems, inviteWindow, isMasked, isVisitEvent, isVisitorPassage, maskIdNumber, newVisitDraft,
  normalIdNumber, stateWords, tokenOf, trailRows, visitActions, visitBody, visitDraftProblems, visitStateClass,
  visitorProblems, walkInWindow, windowProblems } from '../src/util/visit'
import { fitWithin, cameraProblem, cameraWords, photoName, sendsAsIs } from '../src/util/camera'
import { addMessages } from '../src/i18n'
import { visitMessages } from '../src/visit/messages'
import { pages } from '../src/pages'
// the API's states and error codes, read from its source so that a new one without words fails here
import stateJava from '../../../../../api/src/main/java/org/gatehouse/api/visitor/VisitState.java?raw'

const NOW = new Date(2026, 11, 2, 14, 0, 0)

describe('visit states in words', () => {
  it('knows every state of VisitState.java, in zh-CN and en', () => {
    const java = /enum\s+VisitState\s*\{([^}]*)\}/.exec(stateJava)![1].split(',').map(s => s.trim()).filter(Boolean)
    expect([...VISIT_STATES]).toEqual(java)
    for (const s of java) {
      const w = STATE_WORDS[s as keyof typeof STATE_WORDS]
      expect(/[\u4e00-\u9fff]/.test(w['zh-CN']), s).toBe(true)
      expect(w.en.trim(), s).not.toBe('')
    }
    expect(stateWords('PENDING', 'zh-CN')).toBe('待审批')
    expect(stateWords('ARRIVED', 'en')).toBe('On campus')
    expect(stateWords('NEW_STATE', 'en')).toBe('NEW_STATE')
    expect(stateWords(null, 'en')).toBe('—')
  })
  it('marks an overstay bad whatever its state, a waiting visit as a warning', () => {
    expect(visitStateClass({ state: 'ARRIVED', overstay: true })).toBe('bad')
    expect(visitStateClass({ state: 'ARRIVED', overstay: false })).toBe('ok')
    expect(visitStateClass({ state: 'PENDING', overstay: false })).toBe('warn')
    expect(visitStateClass({ state: 'LEFT', overstay: false })).toBe('')
  })
  it('counts the visits per state and the overstays', () => {
    const c = countByState([{ state: 'PENDING', overstay: false }, { state: 'ARRIVED', overstay: true },
      { state: 'ARRIVED', overstay: false }])
    expect(c.PENDING).toBe(1)
    expect(c.ARRIVED).toBe(2)
    expect(c.LEFT).toBe(0)
    expect(c.overstay).toBe(1)
  })
})

describe('who may do what with a visit', () => {
  const guard = { security: true, personId: null }
  const host = { security: false, personId: 'staff-1' }
  const other = { security: false, personId: 'staff-2' }
  it('lets the guard room and the host decide a waiting visit, and cancel an approved one', () => {
    expect(visitActions({ state: 'PENDING', hostId: 'staff-1' }, guard)).toEqual(['approve', 'reject', 'cancel'])
    expect(visitActions({ state: 'PENDING', hostId: 'staff-1' }, host)).toEqual(['approve', 'reject', 'cancel'])
    expect(visitActions({ state: 'APPROVED', hostId: 'staff-1' }, host)).toEqual(['cancel'])
  })
  it('gives another teacher nothing, and only the guard room marks a visitor as gone', () => {
    expect(visitActions({ state: 'PENDING', hostId: 'staff-1' }, other)).toEqual([])
    expect(visitActions({ state: 'ARRIVED', hostId: 'staff-1' }, guard)).toEqual(['leave'])
    expect(visitActions({ state: 'ARRIVED', hostId: 'staff-1' }, host)).toEqual([])
    for (const s of ['REJECTED', 'LEFT', 'EXPIRED', 'CANCELLED']) expect(visitActions({ state: s, hostId: 'x' }, guard)).toEqual([])
  })
})

describe('ID numbers are shown masked', () => {
  it('keeps the first 4 and the last 4 of an identity card number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X')
    expect(maskIdNumber('110101199003074477')).toBe('1101**********4477')
  })
  it('leaves a number the server masked as it is, and hides most of a short document number', () => {
    expect(maskIdNumber('3601**********1234')).toBe('3601**********1234')
    expect(maskIdNumber('E1234567')).toBe('E1****67')
    expect(maskIdNumber('AB1234')).toBe('AB**34')
    expect(maskIdNumber('AB12')).toBe('****')
    expect(maskIdNumber(null)).toBe('—')
  })
  it('tells a masked number from a full one', () => {
    for (const id of ['110101199003074477', 'E12345678', 'AB1234']) {
      expect(isMasked(id), id).toBe(false)
      expect(isMasked(maskIdNumber(id)), id).toBe(true)
    }
    expect(isMasked('3601*4567890121234')).toBe(false)
    expect(isMasked(null)).toBe(true)
  })
})

describe('a visitor and a window are checked before sending', () => {
  const ok = { name: '张三', phone: '138 0013 8000', idNumber: '11010519491231002x' }
  it('accepts a good visitor and upper-cases the x of an identity card', () => {
    expect(visitorProblems(ok)).toEqual({})
    expect(normalIdNumber('11010519491231002x')).toBe('11010519491231002X')
    expect(normalIdNumber(' e 123 4567 ')).toBe('E1234567')
    expect(residentIdValid('110101199003074477')).toBe(true)
    expect(visitorProblems({ ...ok, idNumber: 'g1234567' })).toEqual({})
    expect(visitorProblems({ ...ok, phone: '+86 (138) 0013-8000' })).toEqual({})
    expect(visitorProblems({ name: 'A', phone: '', idNumber: '' })).toEqual({})
  })
  it('says which field is wrong, with the server codes', () => {
    expect(visitorProblems({ ...ok, name: ' ' })).toEqual({ name: 'missing-name' })
    expect(visitorProblems({ ...ok, name: 'x'.repeat(101) })).toEqual({ name: 'bad-name' })
    expect(visitorProblems({ ...ok, phone: '1234' })).toEqual({ phone: 'bad-phone' })
    expect(visitorProblems({ ...ok, phone: '138-abc-8000' })).toEqual({ phone: 'bad-phone' })
    expect(visitorProblems({ ...ok, phone: '1'.repeat(21) })).toEqual({ phone: 'bad-phone' })
    expect(visitorProblems({ ...ok, phone: '' }, true)).toEqual({ phone: 'missing-phone' })
    expect(visitorProblems({ ...ok, idNumber: '12345' })).toEqual({ idNumber: 'bad-id-number' })
    expect(visitorProblems({ ...ok, idNumber: '3601-0219' })).toEqual({ idNumber: 'bad-id-number' })
    expect(visitorProblems({ ...ok, idNumber: '110101199003074478' })).toEqual({ idNumber: 'bad-id-number' })
    expect(visitorProblems({ ...ok, phone: '138+0013' })).toEqual({ phone: 'bad-phone' })
  })
  it('refuses a window that ends before it starts or lies in the past', () => {
    expect(windowProblems('2026-12-02T14:00', '2026-12-02T16:00', NOW)).toEqual({})
    expect(windowProblems('2026-12-02T13:57', '2026-12-02T16:00', NOW)).toEqual({})
    expect(windowProblems('2026-12-02T13:50', '2026-12-02T16:00', NOW)).toEqual({ from: 'past' })
    expect(windowProblems('2026-12-02T15:00', '2026-12-02T15:00', NOW)).toEqual({ to: 'window' })
    expect(windowProblems('2026-12-02T15:00', '2026-12-02T14:30', NOW)).toEqual({ to: 'window' })
    expect(windowProblems('2026-12-01T09:00', '2026-12-01T10:00', NOW)).toEqual({ from: 'past', to: 'past' })
    expect(windowProblems('', '2026-12-02T16:00', NOW)).toEqual({ from: 'required' })
    expect(windowProblems('2026-12-02T15:00', '', NOW)).toEqual({ to: 'required' })
  })
  it('starts a walk-in now for two hours, an invitation tomorrow morning', () => {
    expect(walkInWindow(new Date(2026, 11, 2, 14, 7, 45))).toEqual({ from: '2026-12-02T14:07', to: '2026-12-02T16:07' })
    expect(inviteWindow(NOW)).toEqual({ from: '2026-12-03T09:00', to: '2026-12-03T12:00' })
    expect(windowProblems(walkInWindow(NOW).from, walkInWindow(NOW).to, NOW)).toEqual({})
  })
  it('checks a whole registration and builds its body', () => {
    const d = { ...newVisitDraft(NOW), ...ok, purpose: '家长会' }
    expect(visitDraftProblems(d, NOW)).toEqual({ hostId: 'required' })
    d.hostId = 'staff-1'
    expect(visitDraftProblems(d, NOW)).toEqual({})
    expect(visitDraftProblems({ ...d, purpose: 'x'.repeat(201) }, NOW)).toEqual({ purpose: 'long' })
    expect(visitBody(d)).toEqual({ visitor: { name: '张三', phone: '138 0013 8000', idNumber: '11010519491231002X' },
      hostId: 'staff-1', purpose: '家长会', from: new Date(2026, 11, 2, 14, 0).toISOString(),
      to: new Date(2026, 11, 2, 16, 0).toISOString() })
    expect(visitBody({ ...d, phone: ' ', idNumber: '', purpose: '' }).visitor).toEqual({ name: '张三', phone: null, idNumber: null })
  })
  it('lets a teacher invite without naming a host, and the guard room only with one', () => {
    const d = { hostId: '', purpose: '', ...inviteWindow(NOW) }
    expect(inviteProblems(d, false, NOW)).toEqual({})
    expect(inviteProblems(d, true, NOW)).toEqual({ hostId: 'required' })
    expect(inviteBody(d)).toEqual({ purpose: null, from: new Date(2026, 11, 3, 9).toISOString(),
      to: new Date(2026, 11, 3, 12).toISOString() })
    expect(inviteBody({ ...d, hostId: 'staff-1' }).hostId).toBe('staff-1')
  })
})

describe('invitations and the live stream', () => {
  it('makes the link absolute', () => {
    expect(invitationLink({ url: null, path: '/gatehouse/visit/abc' }, 'http://10.0.0.5:8181/'))
      .toBe('http://10.0.0.5:8181/gatehouse/visit/abc')
    expect(invitationLink({ url: 'https://school.example/gatehouse/visit/abc', path: '/gatehouse/visit/abc' }, 'http://x'))
      .toBe('https://school.example/gatehouse/visit/abc')
  })
  it('reads the token of the phone page', () => {
    expect(tokenOf('/gatehouse/visit/AbC-12_x')).toBe('AbC-12_x')
    expect(tokenOf('/gatehouse/visit/AbC/')).toBe('AbC')
    expect(tokenOf('/gatehouse/visit/')).toBeNull()
    expect(tokenOf('/gatehouse/')).toBeNull()
    expect(tokenOf('/other/visit/abc', '/other')).toBe('abc')
  })
  it('tells the page what to show for each invitation state and refusal', () => {
    expect(invitationPhase('open')).toBe('open')
    expect(invitationPhase('used')).toBe('used')
    expect(invitationPhase('invitation-used', 410)).toBe('used')
    expect(invitationPhase('invitation-expired', 410)).toBe('expired')
    expect(invitationPhase('unknown-invitation', 404)).toBe('unknown')
    expect(invitationPhase('not-found', 404)).toBe('unknown')
    expect(invitationPhase('no-face', 422)).toBeNull()
    expect(fieldOfCode('bad-phone')).toBe('phone')
    expect(fieldOfCode('bad-id-number')).toBe('idNumber')
    expect(fieldOfCode('no-face')).toBeNull()
  })
  it('knows the visit events and the visitors passages', () => {
    const e = { type: 'visit.approved', attributes: { visitId: '12', hostId: 'staff-1', state: 'APPROVED' } }
    expect(isVisitEvent(e)).toBe(true)
    expect(eventVisitId(e)).toBe(12)
    expect(isVisitEvent({ type: 'leave.approved' })).toBe(false)
    expect(eventVisitId({ type: 'visit.left' })).toBeNull()
    expect(isVisitorPassage({ personId: 'visitor-12' })).toBe(true)
    expect(isVisitorPassage({ personId: 'stu-0301', role: 'STUDENT' })).toBe(false)
    const v = { id: 12, personId: 'visitor-12' }
    expect(concernsVisit(e, v)).toBe(true)
    expect(concernsVisit({ ...e, attributes: { visitId: '13' } }, v)).toBe(false)
    expect(concernsVisit({ type: 'visit.overstay' }, v)).toBe(true)
    expect(concernsVisit({ id: 5, personId: 'visitor-12', direction: 'in' }, v)).toBe(true)
    expect(concernsVisit({ id: 6, personId: 'visitor-13', direction: 'in' }, v)).toBe(false)
  })
  it('names the gates of a trail, oldest first', () => {
    const rows = trailRows([
      { visitId: 1, deviceId: 'cam-2', at: '2026-12-02T06:10:00Z' },
      { visitId: 1, deviceId: 'gate-1', direction: 'in', at: '2026-12-02T06:00:00Z' }],
    [{ id: 'gate-1', name: '南门闸机' }])
    expect(rows.map(r => r.deviceName)).toEqual(['南门闸机', 'cam-2'])
  })
})

describe('refusals and texts in words', () => {
  const CODES = ['bad-window', 'duplicate-visit', 'unknown-host', 'bad-id-number', 'bad-phone', 'invitation-expired',
    'invitation-used', 'unknown-invitation', 'bad-state']
  it('has zh-CN and en words for every visitor code', () => {
    for (const c of CODES) {
      expect(/[\u4e00-\u9fff]/.test(VISIT_CODES[c]?.['zh-CN'] ?? ''), c).toBe(true)
      expect(VISIT_CODES[c].en.trim(), c).not.toBe('')
    }
  })
  it('says a visitor refusal, a face refusal and another refusal in words', () => {
    i18n.global.locale.value = 'en'
    expect(visitRefusal(new ApiError(409, 'duplicate-visit', 'phone 13800138000 has visit 4')))
      .toBe(`${VISIT_CODES['duplicate-visit'].en} (phone 13800138000 has visit 4)`)
    expect(visitRefusal(new ApiError(422, 'several-faces', 'several-faces'))).toMatch(/several faces/)
    expect(visitRefusal(new ApiError(413, 'payload-too-large', 'too large'))).toMatch(/large/i)
    i18n.global.locale.value = 'zh-CN'
    expect(visitRefusal(new ApiError(410, 'invitation-used', ''))).toBe(VISIT_CODES['invitation-used']['zh-CN'])
  })
  it('has the same keys in zh-CN and en on the visitors page and the phone page', () => {
    const keys = (o: unknown, p = ''): string[] => o && typeof o === 'object'
      ? Object.entries(o).flatMap(([k, v]) => keys(v, p ? `${p}.${k}` : k)) : [p]
    const visitorsPage = pages.find(p => p.name === 'visitors')!
    expect(pages.find(p => p.name === 'visit')?.path).toBe('/visits/:id')
    for (const m of [visitorsPage.messages!, visitMessages]) {
      expect(keys(m['zh-CN']).sort()).toEqual(keys(m.en).sort())
    }
    addMessages(visitMessages)
  })
  it('says why the camera did not open, and scales a big photo down', () => {
    expect(cameraProblem({ name: 'NotAllowedError' })).toBe('denied')
    expect(cameraProblem(new Error('x'))).toBe('failed')
    expect(cameraWords('not-found', 'zh-CN')).toMatch(/摄像头/)
    expect(fitWithin(4000, 3000)).toEqual({ width: 1600, height: 1200 })
    expect(fitWithin(640, 480)).toEqual({ width: 640, height: 480 })
    expect(sendsAsIs({ size: 200_000, type: 'image/jpeg' })).toBe(true)
    expect(sendsAsIs({ size: 4_000_000, type: 'image/jpeg' })).toBe(false)
    expect(sendsAsIs({ size: 900_000, type: 'image/heic' })).toBe(false)
    const file = new File([new Uint8Array(3)], 'IMG_1.HEIC', { type: 'image/heic' })
    const jpeg = new Blob([new Uint8Array(2)], { type: 'image/jpeg' })
    expect(photoName(file, file, 'selfie.jpg')).toBe('IMG_1.HEIC')
    expect(photoName(file, jpeg, 'selfie.jpg')).toBe('selfie.jpg')
  })
})
