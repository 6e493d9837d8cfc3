// A parser for server-sent events (text/event-stream), fed with text chunks as they arrive.
// Pure, so the unit tests exercise it without a server.

export interface SseMessage { event: string; data: string; id?: string }

export class SseParser {
  private buffer = ''
  private event = ''
  private data: string[] = []
  private id: string | undefined

  /** Feeds a chunk; returns the messages it completed. */
  push(chunk: string): SseMessage[] {
    this.buffer += chunk
    const out: SseMessage[] = []
    let nl: number
    while ((nl = this.nextLineEnd()) >= 0) {
      let line = this.buffer.slice(0, nl)
      const skip = this.buffer[nl] === '\r' && this.buffer[nl + 1] === '\n' ? 2 : 1
      this.buffer = this.buffer.slice(nl + skip)
      if (line.endsWith('\r')) line = line.slice(0, -1)
      if (line === '') {
        if (this.data.length > 0) {
          out.push({ event: this.event || 'message', data: this.data.join('\n'), id: this.id })
        }
        this.event = ''
        this.data = []
        continue
      }
      if (line.startsWith(':')) continue
      const colon = line.indexOf(':')
      const field = colon < 0 ? line : line.slice(0, colon)
      let value = colon < 0 ? '' : line.slice(colon + 1)
      if (value.startsWith(' ')) value = value.slice(1)
      if (field === 'event') this.event = value
      else if (field === 'data') this.data.push(value)
      else if (field === 'id') this.id = value
    }
    return out
  }

  private nextLineEnd(): number {
    const n = this.buffer.indexOf('\n')
    const r = this.buffer.indexOf('\r')
    if (r >= 0 && (n < 0 || r < n)) {
      // a lone \r at the very end may be the first half of \r\n: wait for more
      return r === this.buffer.length - 1 ? -1 : r
    }
    return n
  }
}

/** The delay before reconnect attempt n (0-based): 1, 2, 4 ... up to 30 s. */
export function backoff(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5))
}
