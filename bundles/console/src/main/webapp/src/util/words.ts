// Maps of stable codes (reason codes, states) to words in each language, kept in plain .ts so that tests can check
// that every code has words.
import type { Locale } from '../i18n'

export type Words = Record<Locale, string>

/** The words for a code in a language (English when the language has none), or null for an unknown code. */
export function wordOf(map: Record<string, Words>, code: string, locale: string): string | null {
  const w = map[code]
  return w ? (w[locale as Locale] ?? w.en) : null
}
