import { reactive, onMounted } from 'vue'
import { ApiError } from './api'
import { i18n } from './i18n'

export interface Loaded<T> { loading: boolean; error: ApiError | null; data: T | null; reload: () => Promise<void> }

/** Loads data for one panel; a failure stays in that panel (a 403 or 503 never blanks the page). */
export function useLoad<T>(fn: () => Promise<T>, immediate = true): Loaded<T> {
  const state = reactive({
    loading: false,
    error: null as ApiError | null,
    data: null as T | null,
    async reload() {
      state.loading = true
      try {
        state.data = await fn() as any
        state.error = null
      } catch (e) {
        state.error = toApiError(e)
      } finally {
        state.loading = false
      }
    },
  })
  if (immediate) onMounted(() => { void state.reload() })
  return state as Loaded<T>
}

export function toApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, 'client', e instanceof Error ? e.message : String(e))
}

/** An error in words for people: the status says what happened, the server's message says why. */
export function errorText(e: unknown): string {
  const err = toApiError(e)
  const t = i18n.global.t
  switch (err.status) {
    case 0: return t('error.network', { message: err.message })
    case 400: case 409: case 422: return t('error.invalid', { message: err.message })
    case 401: return t('error.signin')
    case 403: return t('error.forbidden')
    case 404: return t('error.notFound', { message: err.message })
    case 413: return t('error.tooLarge')
    case 429: return t('error.throttled', { seconds: err.retryAfter ?? '?' })
    case 503: return t('error.unavailable', { message: err.message })
    default: return t('error.server', { status: err.status, message: err.message })
  }
}

/** A date-time in the current language, or a dash. */
export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return d.toLocaleString(i18n.global.locale.value, { hour12: false })
}

/** Today's date as YYYY-MM-DD in local time. */
export function today(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}
