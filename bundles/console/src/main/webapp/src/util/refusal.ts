// A refusal (HTTP 403) explained in words: the reason code the server sends picks the page's own text, so that a
// parent or a teacher reads what to do ("ask the school to link your account") instead of a bare "forbidden".

export interface Refused { status: number; code: string }

/**
 * The i18n key that explains a refusal, or null when the error is not a 403 (the generic error text applies).
 *
 * @param keys     reason code -> i18n key
 * @param fallback key for a 403 with another code (null: the generic text)
 */
export function refusalKey(e: Refused | null | undefined, keys: Record<string, string>,
                           fallback: string | null = null): string | null {
  if (!e || e.status !== 403) return null
  return keys[e.code] ?? fallback
}
