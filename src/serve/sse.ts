// Server-sent events to many readers at once. A write never waits: a reader whose unread bytes pile up
// past the limit is dropped (its browser reconnects from where it was, with Last-Event-ID), so a
// stalled laptop on the Wi-Fi never slows the teacher's run.
import type { IncomingMessage, ServerResponse } from 'node:http'

/** unread bytes a reader may have on top of what it was sent when it joined */
export const SSE_LIMIT = 1 << 20
const HEARTBEAT_MS = 15_000

export const sseMessage = (id: number, data: string): string => `id: ${id}\ndata: ${data}\n\n`

/** where a reader starts: `?from=N`, or after the last id it saw when its EventSource reconnects */
export function startId(req: IncomingMessage, url: URL): number {
  const from = Number(url.searchParams.get('from') ?? 0)
  const last = Number(req.headers['last-event-id'] ?? Number.NaN)
  const start = Math.max(Number.isSafeInteger(from) && from > 0 ? from : 0, Number.isSafeInteger(last) && last >= 0 ? last + 1 : 0)
  return start
}

interface Reader {
  res: ServerResponse
  limit: number
}

export class SseChannel {
  private readonly readers = new Set<Reader>()
  private heartbeat: NodeJS.Timeout | undefined
  /** readers dropped for not reading */
  dropped = 0

  constructor(private readonly limit = SSE_LIMIT) {}

  get size(): number {
    return this.readers.size
  }

  /** the response becomes an event stream; `backlog` (what the reader missed) goes first */
  open(res: ServerResponse, backlog: string): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    })
    res.socket?.setNoDelay(true)
    const reader: Reader = { res, limit: this.limit + Buffer.byteLength(backlog) }
    res.write(`retry: 2000\n\n${backlog}`)
    res.on('drain', () => {
      reader.limit = this.limit
    })
    const forget = (): void => {
      this.readers.delete(reader)
    }
    res.on('close', forget)
    res.on('error', forget)
    this.readers.add(reader)
    if (!this.heartbeat) {
      this.heartbeat = setInterval(() => this.send(': ping\n\n'), HEARTBEAT_MS)
      this.heartbeat.unref()
    }
  }

  send(message: string): void {
    if (this.readers.size === 0) return
    // encoded once, not once per reader
    const bytes = Buffer.from(message)
    for (const r of this.readers) {
      if (r.res.writableLength > r.limit || r.res.destroyed) {
        this.drop(r)
        continue
      }
      try {
        r.res.write(bytes)
      } catch {
        this.drop(r)
      }
    }
  }

  private drop(r: Reader): void {
    this.readers.delete(r)
    this.dropped++
    r.res.destroy()
  }

  close(): void {
    if (this.heartbeat) clearInterval(this.heartbeat)
    this.heartbeat = undefined
    for (const r of this.readers) r.res.destroy()
    this.readers.clear()
  }
}
