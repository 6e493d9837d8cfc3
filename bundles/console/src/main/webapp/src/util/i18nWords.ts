// Codes, states and enums in words: the message under `key` when there is one, else the fallback (the code itself).
import { i18n } from '../i18n'

export function wordsOr(key: string, fallback: string): string {
  const g = i18n.global
  return g.te(key) || g.te(key, 'en') ? g.t(key) : fallback
}

/** A message key for a code that may hold dots (vue-i18n reads dots as a path): gate.passage -> gate_passage. */
export function codeKey(prefix: string, code: string): string {
  return `${prefix}.${code.replace(/\./g, '_')}`
}
