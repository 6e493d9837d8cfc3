import { i18n } from '../i18n'
import { errorText, toApiError } from '../load'

/** The text at a message key when zh-CN or en defines it, otherwise the fallback. */
export function wordsOr(key: string, fallback: string): string {
  const g = i18n.global
  return g.te(key) || g.te(key, 'en') ? g.t(key) : fallback
}

/** A message key for a code that may hold dots (vue-i18n reads dots as a path): gate.passage -> gate_passage. */
export function codeKey(prefix: string, code: string): string {
  return `${prefix}.${code.replace(/\./g, '_')}`
}

/**
 * A code (a state, a channel, a reason) in words: the text at `<prefix>.<code>` when the messages have one,
 * otherwise the code itself (a new code the console does not know yet is still shown).
 */
export function codeWords(prefix: string, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—'
  return wordsOr(`${prefix}.${code}`, code)
}

/**
 * A refusal of the server in words: the words for its reason code at `<prefix>.<code>` with the server's message
 * (which names the field or value), or errorText's words for its status when the code is not known here.
 */
export function refusalText(e: unknown, prefix: string): string {
  const err = toApiError(e)
  const words = wordsOr(`${prefix}.${err.code}`, '')
  return words ? `${words} (${err.message})` : errorText(err)
}

/**
 * A refusal of the server in words from the shared codes (`apiCode.<code>` in src/locales: no-leave-pass, not-pending,
 * bad-window, bad-range, bad-term, bad-rule, not-built ...), or errorText's words for its status.
 */
export function apiRefusal(e: unknown): string {
  return refusalText(e, 'apiCode')
}
