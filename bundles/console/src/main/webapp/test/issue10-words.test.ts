import { describe, it, expect } from 'vitest'
import { ApiError, fileNameOf } from '../src/api'
import { i18n } from '../src/i18n'
import { apiRefusal } from '../src/util/codeWords'
import { DAY_STATUSES } from '../src/pages/attendance/records'
import { LEAVE_STATES } from '../src/util/leave'
import zh from '../src/locales/zh-CN.json'
import en from '../src/locales/en.json'

const REASONS = ['allowed', 'repeat', 'stranger', 'not-allowed', 'outside-hours', 'expired', 'no-leave-pass', 'fever',
  'terminal-denied']
const CODES = ['no-leave-pass', 'not-pending', 'bad-window', 'link-expired', 'bad-range', 'bad-term', 'bad-rule', 'not-built']

describe('words of issue 10', () => {
  it('has zh-CN and en words for every decision reason, day status, leave state and new error code', () => {
    for (const m of [zh, en] as any[]) {
      for (const r of REASONS) expect(m.gateReason[r], r).toBeTruthy()
      for (const s of DAY_STATUSES) expect(m.dayStatus[s], s).toBeTruthy()
      for (const s of LEAVE_STATES) expect(m.leaveState[s], s).toBeTruthy()
      for (const c of CODES) expect(m.apiCode[c], c).toBeTruthy()
    }
  })
  it('says a refusal with a known code in words, with the server message', () => {
    i18n.global.locale.value = 'en'
    expect(apiRefusal(new ApiError(409, 'not-pending', 'pass 7 is APPROVED')))
      .toBe('This leave pass was already decided; it cannot be approved or rejected again. (pass 7 is APPROVED)')
    expect(apiRefusal(new ApiError(503, 'unavailable', 'down'))).toBe('This service is unavailable right now: down')
    i18n.global.locale.value = 'zh-CN'
  })
  it('reads the file name of a download', () => {
    expect(fileNameOf('attachment; filename="attendance-3-2.xlsx"')).toBe('attendance-3-2.xlsx')
    expect(fileNameOf('attachment; filename=report.csv')).toBe('report.csv')
    expect(fileNameOf("attachment; filename=\"a.csv\"; filename*=UTF-8''%E8%80%83%E5%8B%A4.csv")).toBe('考勤.csv')
    expect(fileNameOf('inline')).toBeNull()
    expect(fileNameOf(null)).toBeNull()
  })
})
