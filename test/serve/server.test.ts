// The server for real on loopback (in this thread: its worker is the built one, tested end to end in
// test/e2e/serve-browser.test.ts), fed a run's events by hand: what each endpoint answers, what a
// report may and may not do, and that a reader who stops reading is dropped without slowing take().
import { request } from 'node:http'
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readLesson } from '../../src/lesson/read.js'
import type { RunEvent } from '../../src/run/events.js'
import { type Http, startHttp } from '../../src/serve/http.js'
import { getJson, readSse } from '../../src/serve/sse-client.js'

const FIXTURE = new URL('../fixtures/lessons/ja/mini.md', import.meta.url).pathname

let s: Http
let base: string
const events: RunEvent[] = [
  {
    type: 'run-started',
    version: 1,
    lesson: 'mini',
    lang: 'ja',
    file: FIXTURE,
    args: ['img_42001', 'echo', 'hi'],
    cgroup: 'v1',
    steps: [
      { id: 'uuid', line: 20, title: 'uuid' },
      { id: 'veth-add', line: 30, title: 'veth' },
    ],
    leftOut: [],
    startAt: 0,
    interactive: false,
  },
  { type: 'intro' },
  { type: 'step-started', n: 1, total: 2, id: 'uuid', quiet: false },
  { type: 'block-started', step: 'uuid', role: 'step', line: 22, quiet: false, tty: false, code: 'uuid=ps_42001', readsTerminal: false },
  { type: 'block-output', step: 'uuid', chunk: '<b>not bold</b>\n' },
  { type: 'claim', step: 'uuid', line: 26, label: 'uuid は ps_ で始まる', status: 'held', exitStatus: 0, output: '' },
  { type: 'step-ended', step: 'uuid', status: 'done' },
]

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}
function http(method: string, path: string, o: { body?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers: o.headers, agent: false }, res => {
      let body = ''
      res.setEncoding('utf8').on('data', c => {
        body += c
      })
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end(o.body)
  })
}
const json = { 'Content-Type': 'application/json' }
const report = (r: Record<string, unknown>, headers = json): Promise<Answer> =>
  http('POST', '/report', { body: JSON.stringify(r), headers })
const good = (more: Record<string, unknown> = {}): Record<string, unknown> => ({
  room: s.code,
  name: '山田',
  lesson: 'mini',
  step: 'veth-add',
  n: 2,
  total: 4,
  held: 1,
  failed: [],
  ms: 1000,
  ...more,
})

beforeAll(async () => {
  const lesson = await readLesson({ name: 'mini', lang: 'ja', file: FIXTURE, outside: false })
  s = await startHttp({ listen: { host: '127.0.0.1', port: 0 }, lesson, lang: 'ja' })
  base = new URL(s.url).origin
  for (const e of events) s.feed.take(e)
})
afterAll(async () => {
  await s.close()
})

describe('the server', () => {
  it('prints a URL with a room code', () => {
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?room=[A-HJ-NP-Z2-9]{6}$/)
    expect(s.url.endsWith(s.code)).toBe(true)
  })

  it('serves the page so far, self-contained, with the run escaped', async () => {
    let page: Answer | undefined
    for (let i = 0; i < 100; i++) {
      page = await http('GET', '/')
      if (page.body.includes('data-step="uuid"')) break
      await new Promise(r => setTimeout(r, 50))
    }
    expect(page!.status).toBe(200)
    expect(page!.headers['content-security-policy']).toContain("default-src 'self'")
    expect(page!.body).toContain('data-step="uuid"')
    expect(page!.body).toContain('&lt;b&gt;not bold&lt;/b&gt;')
    // links may point outside (the lesson links to docs); nothing is loaded from there
    expect(page!.body).not.toMatch(/src="https?:|<link /)
    expect((await http('GET', '/presenter')).body).toContain('view-presenter')
    expect((await http('HEAD', '/')).body).toBe('')
  })

  it('the lesson and the raw events, from any point; a reconnect goes on after Last-Event-ID', async () => {
    expect(((await getJson(`${base}/lesson.json`)) as { name: string }).name).toBe('mini')
    const read = async (path: string, headers?: number): Promise<{ id: number; type: string }[]> => {
      const got: { id: number; type: string }[] = []
      const want = events.length - (headers === undefined ? Number(/from=(\d+)/.exec(path)?.[1] ?? 0) : headers + 1)
      if (headers !== undefined) {
        // readSse sends no Last-Event-ID: ask by hand, as a browser's EventSource does
        const res = await new Promise<string>(resolve => {
          const req = request(`${base}${path}`, { headers: { 'Last-Event-ID': String(headers) }, agent: false }, r => {
            let text = ''
            r.setEncoding('utf8').on('data', c => {
              text += c
              if ((text.match(/^id: /gm) ?? []).length >= want) {
                req.destroy()
                resolve(text)
              }
            })
          })
          req.end()
        })
        return [...res.matchAll(/^id: (\d+)\ndata: (.*)$/gm)].map(m => ({ id: Number(m[1]), type: JSON.parse(m[2]!).type }))
      }
      await readSse(`${base}${path}`, m => {
        got.push({ id: Number(m.id), type: (JSON.parse(m.data) as RunEvent).type })
        return got.length === want
      })
      return got
    }
    expect((await read('/events?from=0')).map(e => e.type)).toEqual(events.map(e => e.type))
    expect((await read('/events?from=5')).map(e => e.id)).toEqual([5, 6])
    expect((await read('/events?from=0', 4)).map(e => e.id)).toEqual([5, 6])
  })

  it('takes a good report and shows it, escaped, in the room', async () => {
    expect((await report(good({ failed: ['<img src=x onerror=alert(1)>'] }))).status).toBe(204)
    const room = await http('GET', '/room')
    expect(room.status).toBe(200)
    expect(room.body).toContain('data-name="山田"')
    expect(room.body).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(room.body).not.toContain('<img src=x')
    expect(room.body).toContain('data-stream="room/stream"')
  })

  it('bad requests get 4xx and change nothing', async () => {
    const before = (await http('GET', '/room')).body
    expect((await report(good({ room: s.code === 'ABCDEF' ? 'ABCDEG' : 'ABCDEF', name: 'x1' }))).status).toBe(403)
    expect((await http('POST', '/report', { body: '{"room":', headers: json })).status).toBe(400)
    expect((await report(good({ name: 'x2', run: 'rm -rf /' }))).status).toBe(400)
    expect((await report(good({ name: 'x3' }), { 'Content-Type': 'text/plain' })).status).toBe(415)
    expect((await report(good({ name: 'x4', failed: ['x'.repeat(3000)] }))).status).toBe(413)
    // no Content-Length: the body is counted as it comes
    expect((await http('POST', '/report', { body: 'x'.repeat(5000), headers: { ...json, 'Transfer-Encoding': 'chunked' } })).status).toBe(
      413,
    )
    expect((await http('GET', '/report')).status).toBe(405)
    expect((await http('POST', '/')).status).toBe(405)
    expect((await http('DELETE', '/events')).status).toBe(405)
    expect((await http('GET', '/etc/passwd')).status).toBe(404)
    expect((await http('GET', '/../../etc/passwd')).status).toBe(404)
    for (const inherited of ['/constructor', '/__proto__', '/toString', '/hasOwnProperty'])
      expect((await http('GET', inherited)).status).toBe(404)
    const after = (await http('GET', '/room')).body
    expect(after).toBe(before)
  })

  it('more than 5 reports a second from one learner: 429', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => report(good({ name: 'fast' }))))
    const statuses = answers.map(a => a.status)
    expect(statuses.filter(st => st === 204).length).toBe(5)
    expect(statuses.filter(st => st === 429).length).toBe(3)
    // another learner is not held back
    expect((await report(good({ name: 'other' }))).status).toBe(204)
  })

  it('a reader that stops reading is dropped; take() never waits for it', async () => {
    const feed = s.feed
    const stalled = ['/events?from=0', '/stream?from=0'].map(path => {
      const sock = connect(Number(new URL(base).port), '127.0.0.1')
      sock.write(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`)
      sock.pause()
      return sock
    })
    await new Promise(r => setTimeout(r, 200))
    const dropped = feed.eventReaders.dropped + feed.pageReaders.dropped
    const chunk = 'x'.repeat(64 * 1024)
    let slowest = 0
    const t0 = performance.now()
    for (let i = 0; i < 400; i++) {
      const t = performance.now()
      s.feed.take({ type: 'block-output', step: 'uuid', chunk })
      slowest = Math.max(slowest, performance.now() - t)
      if (i % 20 === 0) await new Promise(r => setImmediate(r))
    }
    const total = performance.now() - t0
    expect(feed.eventReaders.dropped + feed.pageReaders.dropped - dropped).toBeGreaterThanOrEqual(1)
    expect(total / 400).toBeLessThan(5)
    for (const sock of stalled) sock.destroy()
    expect(slowest).toBeLessThan(100)
  })

  it('closes: nothing listens any more', async () => {
    await s.close()
    await expect(http('GET', '/')).rejects.toThrow()
  })
})
