// The server itself (in its worker thread, see server.ts): the run's page, presenter view and raw
// events for followers, the room and its reports. Node's http only. Nothing a request says can run
// anything or change the run: the only POST is a report, checked field by field, that changes the
// room's table.
import { randomInt } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { networkInterfaces } from 'node:os'
import type { Lang } from '../core/context.js'
import { codeHtml } from '../html/highlight-html.js'
import { htmlPage } from '../html/page.js'
import { stepView } from '../html/step-html.js'
import { mirrorLesson } from '../lesson/mirror.js'
import type { Lesson } from '../lesson/types.js'
import { CODE_ALPHABET, type Listen } from './address.js'
import { RunFeed } from './feed.js'
import { RateLimit } from './rate-limit.js'
import { parseReport, REPORT_MAX_BYTES } from './report.js'
import { RoomFeed } from './room-feed.js'
import { startId } from './sse.js'

// the pages are the server's own; even so, nothing from elsewhere may load (a LAN with no internet)
const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
}

/** the longest the run waits for the page's warm-up (a long lesson warms partly) */
const WARM_MS = 1500

export const roomCode = (): string => Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')

/** the address to print: listening on every interface, the first LAN address is the one to share */
function shareHost(host: string): string {
  if (host !== '0.0.0.0') return host
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address
  return '127.0.0.1'
}

export interface Http {
  feed: RunFeed
  url: string
  code: string
  close: () => Promise<void>
}

/** listening, or the listen error (EADDRINUSE…) thrown */
export interface ServeOptions {
  listen: Listen
  lesson: Lesson
  lang: Lang
  /** the room's "stuck" floor (--stuck-after); the room's default when not given */
  stuckAfterMs?: number
}

export async function startHttp(o: ServeOptions): Promise<Http> {
  const code = roomCode()
  // the highlighter loads, and runs once over the lesson (its first pass is twice as slow), before
  // the run starts: not while the first steps are on their way to the page
  await codeHtml(':', 'bash').catch(() => undefined)
  await Promise.race([
    Promise.all(o.lesson.steps.map(async s => await stepView(s, o.lang).catch(() => undefined))),
    new Promise(resolve => setTimeout(resolve, WARM_MS)),
  ])
  // (a lesson shown in a language it is not written in, for want of a copy, has no mirror either)
  const mirror = o.lesson.lang === o.lang ? await mirrorLesson(o.lesson, o.lang === 'ja' ? 'en' : 'ja') : undefined
  const feed = new RunFeed(o.lesson, o.lang, mirror)
  const lessonJson = JSON.stringify(o.lesson)
  const perLearner = new RateLimit(5, 5)
  // a room behind one NAT shares an address; a guess at the room code still gets nowhere at this rate
  const perAddress = new RateLimit(200, 200)
  let room: RoomFeed | undefined

  // ?lang=en: the page in the lesson's mirror, when this machine has one (else the teacher's language)
  const langOf = (url: URL): Lang => {
    const asked = url.searchParams.get('lang')
    return feed.langs.find(l => l === asked) ?? o.lang
  }
  const page = (view: 'live' | 'presenter', url: URL): string => {
    const lang = langOf(url)
    const { body, nextSeq } = feed.pageIn(lang).page()
    return htmlPage({ lang, title: o.lesson.name, body, view, nextSeq, langs: feed.langs, query: url.searchParams })
  }
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, url: URL) => void> = {
    '/': (_q, res, url) => send(res, 200, PAGE_HEADERS, page('live', url)),
    '/presenter': (_q, res, url) => send(res, 200, PAGE_HEADERS, page('presenter', url)),
    '/room': (_q, res) =>
      send(
        res,
        200,
        PAGE_HEADERS,
        htmlPage({ lang: o.lang, title: o.lesson.name, body: room!.body(), view: 'room', nextSeq: room!.nextSeq }),
      ),
    '/stream': (req, res, url) => {
      const page = feed.pageIn(langOf(url))
      page.readers.open(res, page.fragmentsFrom(startId(req, url)))
    },
    '/events': (req, res, url) => feed.eventReaders.open(res, feed.eventsFrom(startId(req, url))),
    '/room/stream': (req, res, url) => room!.channel.open(res, room!.backlog(startId(req, url))),
    '/lesson.json': (_q, res) =>
      send(res, 200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }, lessonJson),
    '/favicon.ico': (_q, res) => send(res, 204, {}, ''),
  }

  /** what a report gets: 204 taken, or why not */
  const judge = (body: string, address: string): number => {
    const r = parseReport(body)
    if (!r) return 400
    if (!perAddress.take(address) || !perLearner.take(`${address}|${r.name}`)) return 429
    if (r.room !== code) return 403
    // a full room takes no one new
    if (!room!.report(`${address}|${r.name}`, r)) return 429
    return 204
  }
  const report = (req: IncomingMessage, res: ServerResponse): void => {
    if (Number(req.headers['content-length'] ?? 0) > REPORT_MAX_BYTES) {
      refuse(res, 413, { Connection: 'close' })
      return
    }
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      refuse(res, 415)
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > REPORT_MAX_BYTES) refuse(res, 413, { Connection: 'close' })
      else chunks.push(c)
    })
    req.on('end', () => {
      if (res.headersSent) return
      const status = judge(Buffer.concat(chunks).toString('utf8'), req.socket.remoteAddress ?? '')
      if (status === 204) send(res, 204, {}, '')
      else refuse(res, status, status === 429 ? { 'Retry-After': '1' } : {})
    })
    req.on('error', () => undefined)
  }

  const server = createServer((req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://room')
      // own routes only: not /constructor, /toString…
      const route = Object.hasOwn(routes, url.pathname) ? routes[url.pathname] : undefined
      if (url.pathname === '/report') {
        if (req.method === 'POST') report(req, res)
        else refuse(res, 405, { Allow: 'POST' })
      } else if (!route) refuse(res, 404)
      else if (req.method !== 'GET' && req.method !== 'HEAD') refuse(res, 405, { Allow: 'GET, HEAD' })
      else route(req, res, url)
    } catch {
      if (!res.headersSent) refuse(res, 500)
      else res.destroy()
    }
  })
  // a report trickling in byte by byte must not hold a socket for long
  server.requestTimeout = 10_000
  server.headersTimeout = 10_000
  server.on('connection', socket => {
    socket.on('error', () => undefined)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(o.listen.port, o.listen.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  server.on('error', () => undefined)
  const port = (server.address() as AddressInfo).port
  const url = `http://${shareHost(o.listen.host)}:${port}/?room=${code}`
  room = new RoomFeed(o.lang, code, url, o.stuckAfterMs)

  return {
    feed,
    url,
    code,
    close: async () => {
      feed.close()
      room!.close()
      await new Promise<void>(resolve => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(body) })
  res.end(res.req.method === 'HEAD' ? undefined : body)
}

function refuse(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  if (res.headersSent) return
  send(res, status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers }, `${status}\n`)
}
