// Reading a server-sent event stream and a JSON document over http (for `follow`: Node 20 has no
// EventSource). Small on purpose: the room's server is the only one it talks to.
import { get, type IncomingMessage } from 'node:http'

export interface SseMessage {
  id: string | undefined
  data: string
}

/** splits a stream's text into messages (fields: id, data; comments and retry ignored) */
export class SseParser {
  private buffer = ''
  private data: string[] = []
  private id: string | undefined

  constructor(private readonly onMessage: (m: SseMessage) => void) {}

  push(text: string): void {
    const b = this.buffer + text
    const ends = /\r\n|\r|\n/g
    let at = 0
    for (let m = ends.exec(b); m; m = ends.exec(b)) {
      // a lone \r at the end may be the first half of \r\n
      if (m[0] === '\r' && m.index === b.length - 1) break
      this.line(b.slice(at, m.index))
      at = m.index + m[0].length
    }
    this.buffer = b.slice(at)
  }

  private line(line: string): void {
    if (line === '') {
      if (this.data.length > 0) this.onMessage({ id: this.id, data: this.data.join('\n') })
      this.data = []
      return
    }
    if (line.startsWith(':')) return
    const colon = line.indexOf(':')
    const field = colon < 0 ? line : line.slice(0, colon)
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
    if (field === 'data') this.data.push(value)
    else if (field === 'id') this.id = value
  }
}

function open(url: string, timeoutMs: number): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = get(url, { agent: false, headers: { Accept: 'text/event-stream, application/json' } }, res => {
      req.setTimeout(0)
      if (res.statusCode !== 200) {
        res.resume()
        reject(new Error(`HTTP ${res.statusCode}`))
      } else resolve(res)
    })
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timed out')))
    req.on('error', reject)
  })
}

export async function getJson(url: string, timeoutMs = 5000): Promise<unknown> {
  const res = await open(url, timeoutMs)
  let text = ''
  res.setEncoding('utf8')
  for await (const chunk of res) text += chunk as string
  return JSON.parse(text) as unknown
}

/**
 * Reads the stream at `url` until it ends (resolves), breaks (rejects), or `onMessage` returns true
 * (the reader is done: resolves).
 */
export async function readSse(url: string, onMessage: (m: SseMessage) => boolean, timeoutMs = 5000): Promise<void> {
  const res = await open(url, timeoutMs)
  res.setEncoding('utf8')
  await new Promise<void>((resolve, reject) => {
    let done = false
    const parser = new SseParser(m => {
      if (done) return
      let last = false
      try {
        last = onMessage(m)
      } catch (e) {
        last = true
        reject(e)
      }
      if (last) {
        done = true
        res.destroy()
        resolve()
      }
    })
    res.on('data', (chunk: string) => parser.push(chunk))
    res.on('end', () => resolve())
    res.on('close', () => (res.complete ? resolve() : reject(new Error('connection closed'))))
    res.on('error', reject)
  })
}
