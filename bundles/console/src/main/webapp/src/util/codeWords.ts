import { i18n } from '../i18n'
import { errorText, toApiError } from '../load'

/**
 * A code (a state, a channel, a reason) in words: the text at `<prefix>.<code>` when the messages have one,
 * otherwise the code itself (a new code the console does not know yet is still shown).
 */
export function codeWords(prefix: string, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—'
  const key = `${prefix}.${code}`
  return i18n.global.te(key) || i18n.global.te(key, 'en') ? i18n.global.t(key) : code
}

/**
 * A refusal of the server in words: the words for its reason code at `<prefix>.<code>` with the server's message
 * (which names the field or value), or errorText's words for its status when the code is not known here.
 */
export function refusalText(e: unknown, prefix: string): string {
  const err = toApiError(e)
  const key = `${prefix}.${err.code}`
  if (!i18n.global.te(key) && !i18n.global.te(key, 'en')) return errorText(err)
  return `${i18n.global.t(key)} (${err.message})`
}
