// --report: this learner's progress (never output), sent to the teacher's server, best-effort. Only
// the latest state is sent, one request at a time, at most a few a second; a server that is down,
// slow or refusing changes nothing for the run: take() returns at once, nothing throws, timers and
// sockets never hold the process, and flush() waits at most a second, only at the run's end.
import { request } from 'node:http'
import type { Renderer, RunEvent } from '../run/events.js'
import type { ReportTarget } from './address.js'
import type { Report } from './report.js'

const TIMEOUT_MS = 2000
/** under the server's 5 a second per learner */
const MIN_GAP_MS = 250
const LAST_WAIT_MS = 1000
const MAX_BACKOFF_MS = 10_000

/** a label as the server takes it: no control characters, at most 200 characters */
const cleanLabel = (l: string): string => [...l.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')].slice(0, 200).join('') || '?'

/** POST `body`; the HTTP status, or 0 when there was no answer (refused, timed out) */
export function post(url: string, body: string, timeoutMs = TIMEOUT_MS): Promise<number> {
  return new Promise(resolve => {
    let done = false
    const end = (status: number): void => {
      if (done) return
      done = true
      clearTimeout(timer)
      resolve(status)
    }
    const timer = setTimeout(() => {
      req.destroy()
      end(0)
    }, timeoutMs)
    timer.unref()
    const req = request(url, {
      method: 'POST',
      agent: false,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
    })
    req.on('socket', s => s.unref())
    req.on('response', res => {
      res.resume()
      end(res.statusCode ?? 0)
    })
    req.on('error', () => end(0))
    req.end(body)
  })
}

export class Reporter implements Renderer {
  private state: Omit<Report, 'ms'>
  private stepAt = performance.now()
  private version = 0
  private sent = 0
  private inFlight = false
  private timer: NodeJS.Timeout | undefined
  private lastSendAt = 0
  private failures = 0
  private ended = false
  private waiters: Array<() => void> = []
  /** the run's end: flush() waits until then at most, however often it is called */
  private deadline: number | undefined
  /** requests made, and answered with 2xx (for tests and the bench) */
  readonly stats = { requests: 0, accepted: 0 }

  private told = false

  /** `refused`: told once when the server turns a report down for good (a wrong room code: 403) */
  constructor(private readonly o: ReportTarget & { lesson: string; refused?: (status: number) => void }) {
    this.state = { room: o.code, name: o.name, lesson: o.lesson, step: '', n: 0, total: 0, held: 0, failed: [], ended: false }
  }

  take(e: RunEvent): void {
    try {
      this.apply(e)
    } catch {
      /* a report is never worth a broken run */
    }
  }

  private apply(e: RunEvent): void {
    const s = this.state
    if (e.type === 'step-started') {
      this.state = { ...s, step: e.id, n: e.n, total: e.total, held: 0, failed: [] }
      this.stepAt = performance.now()
    } else if (e.type === 'claim' && e.status !== 'interrupted') {
      if (e.status === 'held') s.held++
      else if (s.failed.length < 20) s.failed = [...s.failed, cleanLabel(e.label)]
    } else if (e.type === 'exercise-checked') {
      // under --yes the check first runs on the lab as it was: there, not passing is right
      const ok = e.after === 'nothing' ? !e.solved : e.solved
      if (e.after !== 'nothing' || !ok) {
        if (ok) s.held++
        else if (s.failed.length < 20) s.failed = [...s.failed, cleanLabel(e.label)]
      }
    } else if (e.type === 'run-ended') {
      s.ended = true
      this.ended = true
    } else if (e.type !== 'step-ended') return
    this.version++
    this.schedule(0)
  }

  private schedule(delay: number): void {
    if (this.inFlight || this.timer) return
    const wait = Math.max(delay, MIN_GAP_MS - (performance.now() - this.lastSendAt))
    if (wait <= 0) {
      this.send()
      return
    }
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.send()
    }, wait)
    this.timer.unref()
  }

  private send(): void {
    if (this.inFlight || this.sent === this.version) {
      this.settle()
      return
    }
    const version = this.version
    const body = JSON.stringify({ ...this.state, ms: Math.round(performance.now() - this.stepAt) })
    this.inFlight = true
    this.lastSendAt = performance.now()
    this.stats.requests++
    void post(this.o.url, body).then(status => {
      this.inFlight = false
      if (status >= 200 && status < 300) {
        this.stats.accepted++
        this.sent = version
        this.failures = 0
      } else if (status === 0 || status === 429 || status >= 500) this.failures++
      // any other 4xx: the server will not take this state however often it is sent; the next may do
      else {
        this.sent = version
        if (!this.told) {
          this.told = true
          this.o.refused?.(status)
        }
      }
      // at the run's end a failed try is the last: the run does not wait for the server to come back
      if (this.ended && this.failures > 0) this.settle(true)
      if (this.sent !== this.version) this.schedule(this.failures ? Math.min(500 * 2 ** (this.failures - 1), MAX_BACKOFF_MS) : 0)
      else this.settle()
    })
  }

  private settle(anyway = false): void {
    if (!anyway && !this.settled()) return
    for (const w of this.waiters.splice(0)) w()
  }

  /** during the run: at once; at its end, the last report gets one try of up to a second */
  async flush(): Promise<void> {
    if (!this.ended || this.settled()) return
    this.deadline ??= performance.now() + LAST_WAIT_MS
    const left = this.deadline - performance.now()
    if (left <= 0) return
    // a retry waiting for its turn goes now: the run does not wait out a backoff
    if (this.timer && !this.inFlight) {
      clearTimeout(this.timer)
      this.timer = undefined
      this.send()
    }
    if (this.settled()) return
    await new Promise<void>(resolve => {
      const timer = setTimeout(resolve, left)
      this.waiters.push(() => {
        clearTimeout(timer)
        resolve()
      })
    })
  }

  private settled(): boolean {
    return !this.inFlight && this.sent === this.version
  }
}
