import { describe, it, expect } from 'vitest'
import { ApiError } from '../src/api'
import { i18n } from '../src/i18n'
import { apiRefusal } from '../src/util/codeWords'
import zh from '../src/locales/zh-CN.json'
import en from '../src/locales/en.json'
import '../src/pages'

const CODES = ['enrolled-person', 'bad-risk', 'bad-expiry', 'bad-verdict', 'not-a-watchlist-alarm', 'bad-days', 'bad-window',
  'bad-fold', 'unknown-rule', 'unknown-entry']

describe('words of the watchlist and stranger alerts', () => {
  it('has zh-CN and en words for every new error code', () => {
    for (const m of [zh, en] as any[]) for (const c of CODES) expect(m.apiCode[c], c).toBeTruthy()
  })
  it('names the enrolled person a watchlist photo matches', () => {
    i18n.global.locale.value = 'en'
    expect(apiRefusal(new ApiError(409, 'enrolled-person', 'the photo matches Emma Liu (stu-0302)')))
      .toMatch(/already enrolled.*\(the photo matches Emma Liu \(stu-0302\)\)$/)
    i18n.global.locale.value = 'zh-CN'
  })
  it('has the same keys for the pages in both languages', () => {
    const keys = (o: any, p = ''): string[] => Object.entries(o).flatMap(([k, v]) =>
      v && typeof v === 'object' ? keys(v, `${p}${k}.`) : [`${p}${k}`])
    const g = i18n.global as any
    for (const area of ['watchlist', 'strangers']) {
      expect(keys(g.getLocaleMessage('zh-CN')[area]).sort(), area).toEqual(keys(g.getLocaleMessage('en')[area]).sort())
    }
  })
})
