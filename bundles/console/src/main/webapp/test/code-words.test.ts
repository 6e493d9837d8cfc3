import { describe, it, expect } from 'vitest'
import { ApiError } from '../src/api'
import { i18n } from '../src/i18n'
import { codeWords, refusalText } from '../src/util/codeWords'

describe('codes in words', () => {
  i18n.global.mergeLocaleMessage('en', { test: { state: { OPEN: 'Open' }, reason: { 'bad-post': 'The post is not valid' } } })
  i18n.global.locale.value = 'en'
  it('says a known code in words and shows an unknown one as it is', () => {
    expect(codeWords('test.state', 'OPEN')).toBe('Open')
    expect(codeWords('test.state', 'NEW')).toBe('NEW')
    expect(codeWords('test.state', null)).toBe('—')
  })
  it('says a known refusal in words with the server message, else the status in words', () => {
    expect(refusalText(new ApiError(400, 'bad-post', 'post must be lower-kebab case'), 'test.reason'))
      .toBe('The post is not valid (post must be lower-kebab case)')
    expect(refusalText(new ApiError(400, 'other', 'no'), 'test.reason')).toBe('The request was refused: no')
  })
})
