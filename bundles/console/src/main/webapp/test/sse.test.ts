import { describe, it, expect } from 'vitest'
import { SseParser, backoff } from '../src/sse'

describe('SseParser', () => {
  it('parses a message split across chunks', () => {
    const p = new SseParser()
    expect(p.push('event: alarm\nda')).toEqual([])
    expect(p.push('ta: {"id":1}\n')).toEqual([])
    expect(p.push('\n')).toEqual([{ event: 'alarm', data: '{"id":1}', id: undefined }])
  })
  it('joins data lines, keeps the id, skips comments and handles CRLF', () => {
    const p = new SseParser()
    const out = p.push(': ping\r\n\r\nid: 7\r\nevent: event\r\ndata: a\r\ndata: b\r\n\r\n')
    expect(out).toEqual([{ event: 'event', data: 'a\nb', id: '7' }])
  })
  it('names a message without event field "message" and ignores empty blocks', () => {
    const p = new SseParser()
    expect(p.push('\n\ndata:x\n\n')).toEqual([{ event: 'message', data: 'x', id: undefined }])
  })
  it('waits when a chunk ends in the middle of CRLF', () => {
    const p = new SseParser()
    expect(p.push('data: y\r')).toEqual([])
    expect(p.push('\n\r\n')).toEqual([{ event: 'message', data: 'y', id: undefined }])
  })
})

describe('backoff', () => {
  it('doubles from 1 s and stops at 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map(backoff)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000])
  })
})
