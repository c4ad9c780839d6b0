// The workshop room under load, on loopback: a real `run bocker_run --yes --serve` with 40 followers
// of the page's stream and 40 learners reporting, against the same run with nobody watching. Rounds
// interleave the two. Reports:
//   the teacher's lesson time (run-started → run-ended, from --events; and the process's wall time
//   up to the lesson's end) with and without the room, and their ratio (medians);
//   event-to-page latency: each fragment's data-ms (Date.now() when the run's event was taken) against
//   when a follower received it (same machine, same clock), median / p95 / max;
//   what the followers got (every fragment?) and how the reports were answered.
// Usage (root, lab provisioned): npm run build && node bench/room-load.mjs [rounds=5] [followers=40] [reporters=40]
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { get, request } from 'node:http'
import { createServer } from 'node:net'
import { getPriority, setPriority, tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const DIST = new URL('../dist', import.meta.url).pathname
const { SseParser } = await import(pathToFileURL(`${DIST}/serve/sse-client.js`).href)
const CLI = `${DIST}/cli.js`
const rounds = Number(process.argv[2] ?? 5)
/**
 * BENCH_CLIENTS_NICE=N: the followers and reporters (this process) run at nice N, the teacher's runs
 * at this process's nice before: on a machine of few CPUs the clients stand for the learners'
 * laptops, which in a room are not the teacher's CPUs.
 */
const CLIENTS_NICE = Number(process.env.BENCH_CLIENTS_NICE ?? 0)
const TEACHER_NICE = getPriority()
if (CLIENTS_NICE !== 0) setPriority(TEACHER_NICE + CLIENTS_NICE)
const FOLLOWERS = Number(process.argv[3] ?? 40)
const REPORTERS = Number(process.argv[4] ?? 40)
/** each simulated learner reports this often: a --yes run reports a few times a second at most */
const REPORT_EVERY_MS = 500
const dir = mkdtempSync(join(tmpdir(), 'bl-room-bench-'))

const median = xs => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length === 0 ? Number.NaN : s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]
}

async function freePort() {
  const s = createServer()
  await new Promise(r => s.listen(0, '127.0.0.1', r))
  const port = s.address().port
  await new Promise(r => s.close(r))
  return port
}

/** one run of the teacher's lesson; `onUrl` is called once the server is up */
async function teacherRun(serve, onUrl) {
  const events = join(dir, `run-${Math.random().toString(36).slice(2)}.jsonl`)
  const args = ['run', 'bocker_run', '--yes', '--events', events]
  if (serve) args.push('--serve', `127.0.0.1:${await freePort()}`)
  return await new Promise(resolve => {
    const t0 = performance.now()
    const child = spawn('node', [CLI, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, NO_COLOR: '1', LANG: 'C.UTF-8' },
    })
    if (CLIENTS_NICE !== 0) setPriority(child.pid, TEACHER_NICE)
    let out = ''
    let wall
    let told = false
    child.stdout.setEncoding('utf8').on('data', d => {
      out += d
      const url = /http:\/\/127\.0\.0\.1:\d+\/\?room=\w{6}/.exec(out)
      if (url && !told) {
        told = true
        onUrl?.(url[0])
      }
      // the lesson is over: a served run stays up for its followers until Ctrl-C
      if (wall === undefined && /Lesson complete|still serving/.test(out)) {
        wall = performance.now() - t0
        if (serve) setTimeout(() => child.kill('SIGINT'), 300)
      }
    })
    child.on('exit', code => {
      const lines = readFileSync(events, 'utf8')
        .trimEnd()
        .split('\n')
        .map(l => JSON.parse(l))
      rmSync(events, { force: true })
      resolve({
        code,
        wall: wall ?? performance.now() - t0,
        lessonMs: lines.at(-1).ms - lines[0].ms,
        ok: lines.at(-1).type === 'run-ended',
      })
    })
  })
}

function follower(origin, latencies) {
  const state = { fragments: 0, req: undefined }
  const joined = Date.now()
  state.req = get(`${origin}/stream?from=0`, res => {
    res.setEncoding('utf8')
    // the fragment's JSON is not parsed: this process shares the machine with the teacher's run
    const parser = new SseParser(m => {
      const now = Date.now()
      state.fragments++
      const ms = Number(/data-ms=\\"(\d+)\\"/.exec(m.data)?.[1])
      // what was made before this follower joined came as its backlog: not a live latency
      if (ms >= joined) latencies.push(now - ms)
    })
    res.on('data', c => parser.push(c))
  })
  state.req.on('error', () => undefined)
  return state
}

function reporter(origin, code, i, counts) {
  let stop = false
  let n = 0
  const loop = () => {
    if (stop) return
    n++
    const body = JSON.stringify({
      room: code,
      name: `learner-${i}`,
      lesson: 'bocker_run',
      step: `step-${n % 30}`,
      n: (n % 30) + 1,
      total: 30,
      held: n % 3,
      failed: n % 7 === 0 ? ['veth0 is up'] : [],
      ms: (n * 137) % 60000,
      ended: false,
    })
    const req = request(`${origin}/report`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, agent: false }, res => {
      res.resume()
      counts[res.statusCode] = (counts[res.statusCode] ?? 0) + 1
      setTimeout(loop, REPORT_EVERY_MS)
    })
    req.on('error', () => {
      counts.error = (counts.error ?? 0) + 1
      setTimeout(loop, REPORT_EVERY_MS)
    })
    req.setTimeout(2000, () => req.destroy())
    req.end(body)
  }
  setTimeout(loop, Math.random() * REPORT_EVERY_MS)
  return () => {
    stop = true
  }
}

const plain = []
const served = []
const latencies = []
const counts = {}
const delivery = []
for (let r = 0; r < rounds; r++) {
  for (const serve of r % 2 === 0 ? [false, true] : [true, false]) {
    if (!serve) {
      const res = await teacherRun(false)
      // a lesson's check can fail on a loaded machine (the OOM exercise, a ping): that run's time says nothing
      if (!res.ok || res.code !== 0) {
        console.log(`round ${r + 1} plain : the run failed (exit ${res.code}), not counted`)
        continue
      }
      plain.push(res)
      console.log(`round ${r + 1} plain : lesson ${res.lessonMs} ms, wall ${res.wall.toFixed(0)} ms`)
      continue
    }
    const followers = []
    const stops = []
    const roundLat = []
    const res = await teacherRun(true, url => {
      const { origin, searchParams } = new URL(url)
      for (let i = 0; i < FOLLOWERS; i++) followers.push(follower(origin, roundLat))
      for (let i = 0; i < REPORTERS; i++) stops.push(reporter(origin, searchParams.get('room'), i, counts))
    })
    for (const s of stops) s()
    for (const f of followers) f.req.destroy()
    if (!res.ok || res.code !== 0) {
      console.log(`round ${r + 1} served: the run failed (exit ${res.code}), not counted`)
      continue
    }
    served.push(res)
    latencies.push(...roundLat)
    const got = followers.map(f => f.fragments)
    // a follower dropped for not reading would have missed the fragments after it
    delivery.push({ dropped: got.filter(n => n < Math.max(...got)).length })
    console.log(
      `round ${r + 1} served: lesson ${res.lessonMs} ms, wall ${res.wall.toFixed(0)} ms; ` +
        `latency median ${median(roundLat).toFixed(0)} ms, p95 ${pct(roundLat, 95).toFixed(0)} ms; fragments per follower ${Math.min(...got)}–${Math.max(...got)}`,
    )
  }
}
rmSync(dir, { recursive: true, force: true })

const mPlain = median(plain.map(x => x.lessonMs))
const mServed = median(served.map(x => x.lessonMs))
const wPlain = median(plain.map(x => x.wall))
const wServed = median(served.map(x => x.wall))
console.log('')
console.log(
  `${rounds} rounds, ${FOLLOWERS} followers of /stream and ${REPORTERS} reporters (one every ${REPORT_EVERY_MS} ms each)${CLIENTS_NICE ? `, clients at nice +${CLIENTS_NICE}` : ''}`,
)
console.log(`teacher's lesson time, median: ${mPlain} ms alone, ${mServed} ms served: ratio ${(mServed / mPlain).toFixed(3)}`)
console.log(
  `teacher's wall time to the lesson's end, median: ${wPlain.toFixed(0)} ms alone, ${wServed.toFixed(0)} ms served: ratio ${(wServed / wPlain).toFixed(3)}`,
)
console.log(
  `event-to-page latency over ${latencies.length} fragments: median ${median(latencies).toFixed(0)} ms, p95 ${pct(latencies, 95).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms`,
)
console.log(`followers dropped: ${delivery.reduce((n, d) => n + d.dropped, 0)}; reports answered: ${JSON.stringify(counts)}`)
