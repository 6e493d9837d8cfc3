import { reactive } from 'vue'
import { api, ApiError, setToken, whenUnauthorized, API_BASE } from './api'
import { startStream, stopStream } from './stream'

export interface Person { id: string; name: string; role: string; phone?: string; email?: string; language?: string; group?: string }
export interface Me { user: string; roles: string[]; person: Person | null; homeroom: string | null }

export const session = reactive({
  me: null as Me | null,
  expired: false,
})

/** Whether the signed-in user has one of the roles (admin has every role). */
export function can(roles: readonly string[] | undefined): boolean {
  const mine = session.me?.roles ?? []
  if (mine.includes('admin')) return true
  if (!roles || roles.length === 0) return true
  return roles.some(r => r === '*' || mine.includes(r))
}

/** A teacher without a wider role: the server restricts it to its homeroom class, the pages say which. */
export function isTeacherOnly(): boolean {
  const r = session.me?.roles ?? []
  return r.includes('teacher') && !r.some(x => x === 'admin' || x === 'security' || x === 'integrator')
}

/** A guardian without a staff role sees only the phone-sized parent view. */
export function isParentOnly(): boolean {
  const r = session.me?.roles ?? []
  return r.includes('guardian') && !r.some(x => ['admin', 'security', 'integrator', 'teacher'].includes(x))
}

export async function login(user: string, password: string): Promise<void> {
  const basic = btoa(String.fromCharCode(...new TextEncoder().encode(`${user}:${password}`)))
  let res: Response
  try {
    res = await fetch(`${API_BASE}/auth/token`, { method: 'POST', credentials: 'omit',
      headers: { Authorization: `Basic ${basic}`, Accept: 'application/json', 'X-Requested-With': 'gatehouse-console' } })
  } catch (e) {
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e))
  }
  if (!res.ok) {
    let body: any = {}
    try { body = await res.json() } catch { /* empty */ }
    const retry = Number(res.headers.get('Retry-After'))
    throw new ApiError(res.status, body.error ?? `http-${res.status}`, body.message ?? res.statusText,
      Number.isFinite(retry) && retry > 0 ? retry : undefined)
  }
  const issued = await res.json() as { token: string; user: string; roles: string[] }
  setToken(issued.token)
  try {
    session.me = await api.get<Me>('/me')
  } catch (e) {
    // an older server without /me: the token's roles are enough to show the pages
    if (!(e instanceof ApiError) || e.status !== 404) { setToken(null); throw e }
    session.me = { user: issued.user, roles: issued.roles, person: null, homeroom: null }
  }
  session.expired = false
  startStream()
}

export function logout(expired = false) {
  stopStream()
  setToken(null)
  session.me = null
  session.expired = expired
}

whenUnauthorized(() => logout(true))
