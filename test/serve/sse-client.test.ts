import { describe, expect, it } from 'vitest'
import { sseMessage } from '../../src/serve/sse.js'
import { type SseMessage, SseParser } from '../../src/serve/sse-client.js'

describe('SseParser', () => {
  it('reads messages split anywhere, with \\n, \\r\\n or \\r, ignoring comments and retry', () => {
    const text = `retry: 2000\n\n${sseMessage(0, '{"a":1}')}: ping\n\nid: 1\r\ndata: x\r\ndata: y\r\n\r\nid: 2\rdata:z\r\r\n`
    for (const size of [1, 2, 3, 7, text.length]) {
      const got: SseMessage[] = []
      const p = new SseParser(m => got.push(m))
      for (let i = 0; i < text.length; i += size) p.push(text.slice(i, i + size))
      expect(got, String(size)).toEqual([
        { id: '0', data: '{"a":1}' },
        { id: '1', data: 'x\ny' },
        { id: '2', data: 'z' },
      ])
    }
  })
})
