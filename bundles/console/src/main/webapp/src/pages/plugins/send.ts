// Sends a JSON request like api.post/put, but keeps the whole error body: a 400 invalid-config answer may list the
// problem of each field, which ApiError (code and message only) would drop.
import { API_BASE, ApiError, authHeaders } from '../../api'
import { logout } from '../../session'

export class BodyError extends ApiError {
  constructor(status: number, code: string, message: string, public body: unknown) {
    super(status, code, message)
  }
}

export async function sendJson<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response
  try {
    res = await fetch(API_BASE + path, { method, credentials: 'omit',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'X-Requested-With': 'gatehouse-console',
        ...authHeaders() },
      body: body === undefined ? undefined : JSON.stringify(body) })
  } catch (e) {
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e))
  }
  const text = await res.text()
  let json: unknown = undefined
  try { json = text ? JSON.parse(text) : undefined } catch { json = text }
  if (!res.ok) {
    if (res.status === 401) logout(true)
    const b = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>
    throw new BodyError(res.status, String(b.error ?? `http-${res.status}`),
      String(b.message ?? (res.statusText || `HTTP ${res.status}`)), json)
  }
  return json as T
}
