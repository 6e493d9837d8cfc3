import { describe, it, expect } from 'vitest'
import { addMessages } from '../src/i18n'
import { wordsOr, codeKey } from '../src/util/codeWords'

describe('words', () => {
  addMessages({ 'zh-CN': { t1: { kind: { gate_passage: '闸机通行' } } }, en: { t1: { kind: { gate_passage: 'Gate passage' } } } })
  it('names a dotted code through its key, else falls back to the code', () => {
    expect(codeKey('t1.kind', 'gate.passage')).toBe('t1.kind.gate_passage')
    expect(wordsOr(codeKey('t1.kind', 'gate.passage'), 'gate.passage')).toBe('闸机通行')
    expect(wordsOr(codeKey('t1.kind', 'fence.cut'), 'fence.cut')).toBe('fence.cut')
  })
})
