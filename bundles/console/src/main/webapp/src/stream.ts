// The one live stream of the console: GET /gatehouse/api/stream, read with fetch() so that the bearer token
// travels in a header (EventSource cannot send one). Reconnects with a growing delay.
import { reactive } from 'vue'
import { API_BASE, authHeaders } from './api'
import { SseParser, backoff } from './sse'

export type StreamKind = 'hello' | 'event' | 'alarm' | 'passage' | 'outbox' | 'device' | 'visit' | 'overflow'
type Listener = (data: any) => void

const listeners = new Map<string, Set<Listener>>()
export const streamState = reactive({ connected: false, error: '' as string, received: 0 })
let controller: AbortController | null = null
let attempt = 0
let timer: ReturnType<typeof setTimeout> | undefined

/** Subscribes to one kind; returns the function that unsubscribes (call it in onUnmounted). */
export function onStream(kind: StreamKind, f: Listener): () => void {
  if (!listeners.has(kind)) listeners.set(kind, new Set())
  listeners.get(kind)!.add(f)
  return () => listeners.get(kind)?.delete(f)
}

function dispatch(kind: string, raw: string) {
  let data: unknown = raw
  try { data = JSON.parse(raw) } catch { /* plain text */ }
  streamState.received++
  for (const f of listeners.get(kind) ?? []) {
    try { f(data) } catch (e) { console.warn('stream listener failed', e) }
  }
}

export function startStream() {
  stopStream()
  const c = new AbortController()
  controller = c
  void run(c)
}

export function stopStream() {
  controller?.abort()
  controller = null
  clearTimeout(timer)
  streamState.connected = false
}

async function run(c: AbortController) {
  try {
    const res = await fetch(`${API_BASE}/stream`, {
      headers: { Accept: 'text/event-stream', 'X-Requested-With': 'gatehouse-console', ...authHeaders() }, signal: c.signal, credentials: 'omit' })
    if (!res.ok || !res.body) {
      streamState.error = `HTTP ${res.status}`
      if (res.status === 401 || res.status === 403) return
      throw new Error(streamState.error)
    }
    streamState.connected = true
    streamState.error = ''
    attempt = 0
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
    const parser = new SseParser()
    for (;;) {
      const { value, done } = await reader.read()
      if (done) break
      for (const m of parser.push(value)) dispatch(m.event, m.data)
    }
  } catch (e) {
    if (c.signal.aborted) return
    streamState.error = e instanceof Error ? e.message : String(e)
  }
  if (c.signal.aborted || controller !== c) return
  streamState.connected = false
  timer = setTimeout(() => { if (controller === c) void run(c) }, backoff(attempt++))
}
