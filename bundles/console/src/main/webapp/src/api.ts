// The REST client. The bearer token lives in this module's memory only (never in localStorage or a cookie):
// a reload signs the user out, which is the price of keeping the token out of reach of other scripts.

/** The API's address, next to the console: /gatehouse/ + api. */
export const API_BASE = `${import.meta.env.BASE_URL}api`

/** An error answer of the API, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(public status: number, public code: string, message: string, public retryAfter?: number) {
    super(message)
  }
}

export interface Page<T> { items: T[]; total: number; offset: number; limit: number }

let token: string | null = null
let onUnauthorized: (() => void) | null = null

export function setToken(t: string | null) { token = t }
export function currentToken() { return token }
/** Called when a request with a token gets 401 (the token expired or was revoked). */
export function whenUnauthorized(f: () => void) { onUnauthorized = f }

export function authHeaders(): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {}
}

/** Builds a query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v))
  }
  const s = q.toString()
  return s ? `?${s}` : ''
}

async function errorOf(res: Response): Promise<ApiError> {
  let code = `http-${res.status}`
  let message = res.statusText || `HTTP ${res.status}`
  try {
    const body = await res.json()
    if (body && typeof body === 'object') {
      code = body.error ?? code
      message = body.message ?? message
    }
  } catch { /* not JSON */ }
  const retry = Number(res.headers.get('Retry-After'))
  return new ApiError(res.status, code, message, Number.isFinite(retry) && retry > 0 ? retry : undefined)
}

export interface RequestOptions { headers?: Record<string, string>; raw?: boolean }

/** Sends one request; JSON bodies in and out. Throws ApiError. */
export async function request<T = unknown>(method: string, path: string, body?: unknown,
                                          opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'X-Requested-With': 'gatehouse-console',
    ...authHeaders(), ...opts.headers }
  let payload: BodyInit | undefined
  if (body instanceof Blob || body instanceof FormData || typeof body === 'string') {
    payload = body as BodyInit
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json'
    payload = JSON.stringify(body)
  }
  let res: Response
  try {
    res = await fetch(API_BASE + path, { method, headers, body: payload, credentials: 'omit' })
  } catch (e) {
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e))
  }
  if (!res.ok) {
    const err = await errorOf(res)
    if (res.status === 401 && token && onUnauthorized) onUnauthorized()
    throw err
  }
  if (opts.raw) return res as unknown as T
  if (res.status === 204 || res.headers.get('Content-Length') === '0') return undefined as T
  const type = res.headers.get('Content-Type') ?? ''
  return (type.includes('json') ? await res.json() : await res.text()) as T
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, body, opts),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  del: <T>(path: string) => request<T>('DELETE', path),
  /** An image or other binary as an object URL (the caller revokes it). */
  async blobUrl(path: string): Promise<string> {
    const res = await request<Response>('GET', path, undefined, { raw: true, headers: { Accept: 'image/*' } })
    return URL.createObjectURL(await res.blob())
  },
  /** A file download (a report): its content and the name the server gives it in Content-Disposition. */
  async download(path: string, fallbackName: string): Promise<{ blob: Blob; name: string }> {
    const res = await request<Response>('GET', path, undefined, { raw: true, headers: { Accept: '*/*' } })
    return { blob: await res.blob(), name: fileNameOf(res.headers.get('Content-Disposition')) ?? fallbackName }
  },
}

/** The file name of a Content-Disposition header (filename*=UTF-8'' first, then filename=), or null. */
export function fileNameOf(header: string | null | undefined): string | null {
  if (!header) return null
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)
  if (star) {
    try { return decodeURIComponent(star[1].trim().replace(/^"|"$/g, '')) } catch { /* fall through */ }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(header)
  if (!plain) return null
  const name = (plain[2] ?? plain[1]).trim()
  return name || null
}

/** Hands a downloaded file to the browser as a save (a temporary link to an object URL). */
export function saveFile(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
