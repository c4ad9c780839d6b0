// The learner's side of the room: whatever the server does (not there, silent, refusing, failing),
// the run's take() returns at once and flush() waits at most a second, only at the run's end.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { RunEvent } from '../../src/run/events.js'
import { Reporter } from '../../src/serve/reporter.js'

const servers: Server[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections()
    await new Promise(r => s.close(r))
  }
})

async function serve(handle: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<string> {
  const s = createServer((req, res) => {
    let body = ''
    req.on('data', c => {
      body += c
    })
    req.on('end', () => handle(req, res, body))
  })
  servers.push(s)
  await new Promise<void>(r => s.listen(0, '127.0.0.1', r))
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}/report`
}

/** a port nobody listens on */
async function closedPort(): Promise<string> {
  const s = createServer()
  await new Promise<void>(r => s.listen(0, '127.0.0.1', r))
  const port = (s.address() as AddressInfo).port
  await new Promise(r => s.close(r))
  return `http://127.0.0.1:${port}/report`
}

const started = (n: number, id: string): RunEvent => ({ type: 'step-started', n, total: 3, id, quiet: false })
const claim = (step: string, label: string, status: 'held' | 'failed'): RunEvent => ({
  type: 'claim',
  step,
  line: 1,
  label,
  status,
  exitStatus: status === 'held' ? 0 : 1,
  output: '',
})
const ended: RunEvent = { type: 'run-ended', outcome: { status: 'done', failedClaims: 0, failedSteps: [], exercises: {} } }

function run(r: Reporter): number {
  const t0 = performance.now()
  r.take(started(1, 's1'))
  r.take(claim('s1', 'one', 'held'))
  r.take({ type: 'step-ended', step: 's1', status: 'done' })
  r.take(started(2, 's2'))
  r.take(claim('s2', 'two', 'failed'))
  r.take(claim('s2', 'three', 'held'))
  r.take({ type: 'step-ended', step: 's2', status: 'done' })
  r.take(ended)
  return performance.now() - t0
}

describe('Reporter', () => {
  it('sends the latest state, one request at a time; the last one is waited for at the end', async () => {
    const got: Record<string, unknown>[] = []
    let inFlight = 0
    let most = 0
    const url = await serve((_q, res, body) => {
      inFlight++
      most = Math.max(most, inFlight)
      setTimeout(() => {
        inFlight--
        got.push(JSON.parse(body))
        res.writeHead(204).end()
      }, 50)
    })
    const r = new Reporter({ url, code: 'ABC234', name: '山田', lesson: 'bocker_run' })
    expect(run(r)).toBeLessThan(20)
    await r.flush()
    expect(most).toBe(1)
    // the first report went at once; the rest were folded into the latest
    expect(got.length).toBeLessThanOrEqual(3)
    expect(got.at(-1)).toMatchObject({
      room: 'ABC234',
      name: '山田',
      lesson: 'bocker_run',
      step: 's2',
      n: 2,
      total: 3,
      held: 1,
      failed: ['two'],
      ended: true,
    })
    expect(Object.keys(got.at(-1)!).sort()).toEqual(['ended', 'failed', 'held', 'lesson', 'ms', 'n', 'name', 'room', 'step', 'total'])
  })

  it('a flush during the run does not wait', async () => {
    const url = await serve(() => undefined)
    const r = new Reporter({ url, code: 'ABC234', name: 'a', lesson: 'l' })
    r.take(started(1, 's1'))
    const t0 = performance.now()
    await r.flush()
    expect(performance.now() - t0).toBeLessThan(20)
  })

  it('a server that is not there: take is quick, nothing throws, flush does not wait for it', async () => {
    const r = new Reporter({ url: await closedPort(), code: 'ABC234', name: 'a', lesson: 'l' })
    expect(run(r)).toBeLessThan(20)
    const t0 = performance.now()
    await r.flush()
    expect(performance.now() - t0).toBeLessThan(100)
    expect(r.stats.accepted).toBe(0)
  })

  it('a server that never answers: flush still ends within a second', async () => {
    const url = await serve(() => undefined)
    const r = new Reporter({ url, code: 'ABC234', name: 'a', lesson: 'l' })
    expect(run(r)).toBeLessThan(20)
    const t0 = performance.now()
    await r.flush()
    expect(performance.now() - t0).toBeLessThan(1100)
  })

  it('a failing server (500) is tried again, with a growing wait; a 403 is not', async () => {
    const times: number[] = []
    let answer = 500
    const url = await serve((_q, res) => {
      times.push(performance.now())
      res.writeHead(times.length < 4 ? answer : 204).end()
    })
    const r = new Reporter({ url, code: 'ABC234', name: 'a', lesson: 'l' })
    r.take(started(1, 's1'))
    await new Promise(res => setTimeout(res, 4200))
    // 0, 0.5, 1.5, 3.5 s
    expect(times.length).toBe(4)
    const gaps = times.slice(1).map((t, i) => t - times[i]!)
    expect(gaps[1]!).toBeGreaterThan(gaps[0]! * 1.5)
    expect(r.stats.accepted).toBe(1)

    times.length = 0
    answer = 403
    const told: number[] = []
    const r2 = new Reporter({ url, code: 'ABC234', name: 'b', lesson: 'l', refused: status => told.push(status) })
    r2.take(started(1, 's1'))
    await new Promise(res => setTimeout(res, 800))
    expect(times.length).toBe(1)
    // the learner hears of it once (a wrong room code), however many reports follow
    r2.take(started(2, 's2'))
    await new Promise(res => setTimeout(res, 800))
    expect(told).toEqual([403])
  })

  it('an exercise: its check counts as held or failed; under --yes a first check that does not pass is right', async () => {
    const got: Record<string, unknown>[] = []
    const url = await serve((_q, res, body) => {
      got.push(JSON.parse(body))
      res.writeHead(204).end()
    })
    const r = new Reporter({ url, code: 'ABC234', name: 'a', lesson: 'l' })
    r.take(started(1, 'ex'))
    r.take({ type: 'exercise-checked', step: 'ex', label: 'pinged', after: 'nothing', solved: false, output: 'x' })
    r.take({ type: 'exercise-checked', step: 'ex', label: 'pinged', after: 'solution', solved: true, output: '' })
    r.take(ended)
    await r.flush()
    expect(got.at(-1)).toMatchObject({ held: 1, failed: [] })
  })
})

describe('Reporter at the end', () => {
  it('however often flush is called, it waits a second in all', async () => {
    const r = new Reporter({ url: await closedPort(), code: 'ABC234', name: 'a', lesson: 'l' })
    run(r)
    const t0 = performance.now()
    await r.flush()
    await r.flush()
    await r.flush()
    expect(performance.now() - t0).toBeLessThan(1100)
  })
})
