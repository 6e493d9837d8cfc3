import { describe, it, expect } from 'vitest'
import { askedVariables, check, emptyForm, noticeKinds, preview, shares, toBody, type ComposeForm,
  type MessageKind } from '../src/pages/notices/compose'

const closure: MessageKind = { kind: 'notice.closure', description: 'School closure', variables: [
  { name: 'school', required: true, description: '' }, { name: 'date', required: true, description: '' },
  { name: 'reason', required: true, description: '' }, { name: 'resume', required: false, description: '' },
  { name: 'guardian', required: false, description: '' }] }
const now = new Date('2026-12-02T08:00:00')

function form(f: Partial<ComposeForm>): ComposeForm {
  return { ...emptyForm(), audience: 'class:3-2', ...f }
}

describe('notice compose', () => {
  it('offers notice kinds only and asks for the variables the server does not fill in', () => {
    expect(noticeKinds([closure, { kind: 'alarm', description: '', variables: [] }]).map(k => k.kind)).toEqual(['notice.closure'])
    expect(askedVariables(closure).map(v => v.name)).toEqual(['date', 'reason', 'resume'])
  })
  it('previews a template with the values and marks the missing ones', () => {
    expect(preview('【{{school}}】{{ date }} closed: {{reason}}', { date: '12-03', reason: ' ' })).toEqual([
      { text: '【' }, { text: 'school', variable: 'school', missing: true }, { text: '】' },
      { text: '12-03', variable: 'date' }, { text: ' closed: ' }, { text: 'reason', variable: 'reason', missing: true }])
    expect(preview('no placeholders', {})).toEqual([{ text: 'no placeholders' }])
  })
  it('checks template values, audience and schedule', () => {
    const keys = (f: ComposeForm, k?: MessageKind) => check(f, k, now).map(p => p.key)
    expect(keys(form({ templateKind: 'notice.closure', variables: { date: '12-03' } }), closure)).toEqual(['missingValue'])
    expect(keys(form({ audience: '' }))).toEqual(['noTemplate', 'noAudience'])
    expect(keys(form({ templateKind: 'notice.closure', variables: { date: 'd', reason: 'r' }, when: 'at',
      at: '2026-12-01T08:00' }), closure)).toEqual(['pastTime'])
    expect(keys(form({ templateKind: 'notice.closure', variables: { date: 'd', reason: 'r' }, when: 'weekly',
      time: '25:00', until: '2026-12-01' }), closure)).toEqual(['noTime', 'pastUntil'])
    expect(keys(form({ templateKind: 'notice.closure', variables: { date: 'd', reason: 'r' }, when: 'weekly',
      day: 'FRIDAY', time: '16:30', until: '2027-01-31' }), closure)).toEqual([])
  })
  it('checks free texts per language', () => {
    const f = form({ source: 'text' })
    expect(check(f, undefined, now).map(p => p.key)).toEqual(['noText'])
    f.texts.en = { title: 'Closed', body: '' }
    expect(check(f, undefined, now)).toEqual([{ key: 'noBody', params: { language: 'en' } }])
    f.texts.en.body = 'x'.repeat(4001)
    expect(check(f, undefined, now).map(p => p.key)).toEqual(['bodyTooLong'])
  })
  it('builds the body of POST /notices', () => {
    expect(toBody(form({ templateKind: 'notice.closure', variables: { date: ' 12-03 ', reason: 'snow', resume: '' },
      priority: 'CRITICAL' }))).toEqual({ audience: 'class:3-2', schedule: { repeat: 'ONCE' }, priority: 'CRITICAL',
      templateKind: 'notice.closure', variables: { date: '12-03', reason: 'snow' } })
    const f = form({ source: 'text', when: 'weekly', day: 'MONDAY', time: '07:30', until: '2027-01-31' })
    f.texts['zh-CN'] = { title: ' 通知 ', body: '内容' }
    expect(toBody(f)).toEqual({ audience: 'class:3-2', priority: 'NORMAL',
      schedule: { repeat: 'WEEKLY', day: 'MONDAY', time: '07:30', until: '2027-01-31' },
      texts: [{ language: 'zh-CN', title: '通知', body: '内容' }] })
    const at = toBody(form({ when: 'at', at: '2026-12-24T09:15' }))
    expect(at.schedule).toEqual({ repeat: 'ONCE', at: new Date('2026-12-24T09:15').toISOString() })
  })
  it('gives the shares of the delivery states', () => {
    expect(shares({ recipients: 3, queued: 1, sent: 0, delivered: 2, failed: 0, read: 1 }))
      .toEqual({ queued: 33.3, sent: 0, delivered: 66.7, failed: 0, read: 33.3 })
    expect(shares(null).read).toBe(0)
  })
})
