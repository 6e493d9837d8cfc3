import { i18n } from '../i18n'

/**
 * A code (a state, a channel, a reason) in words: the text at `<prefix>.<code>` when the messages have one,
 * otherwise the code itself (a new code the console does not know yet is still shown).
 */
export function codeWords(prefix: string, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—'
  const key = `${prefix}.${code}`
  return i18n.global.te(key) || i18n.global.te(key, 'en') ? i18n.global.t(key) : code
}
