// The server's thread: the run's thread only posts it events (server.ts), so highlighting the page,
// writing to 40 followers and reading 40 learners' reports never take the run's own time, and a
// failure here never reaches the run.
import { readlinkSync } from 'node:fs'
import { setPriority } from 'node:os'
import { parentPort, workerData } from 'node:worker_threads'
import type { RunEvent } from '../run/events.js'
import { type ServeOptions, startHttp } from './http.js'

export type ToWorker = { type: 'event'; event: RunEvent; ms: number; at: number } | { type: 'stop' }
export type FromWorker = { type: 'ready'; url: string; code: string } | { type: 'failed'; error: string }

/** how much less this thread counts than the run's own when the CPUs are busy (nice 0 → 10) */
const NICE = 10

// On Linux a thread has its own nice value: with the CPUs busy, the run's thread and its shell come
// first, and the page catches up when the lesson waits (as it mostly does).
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop())
  if (tid > 0 && tid !== process.pid) setPriority(tid, NICE)
} catch {
  /* not Linux, or not allowed: the same priority as the run */
}

const port = parentPort!
const o = workerData as ServeOptions
try {
  const http = await startHttp(o)
  port.on('message', (m: ToWorker) => {
    if (m.type === 'event') http.feed.takeAt(m.event, m.ms, m.at)
    else void http.close().finally(() => process.exit(0))
  })
  port.postMessage({ type: 'ready', url: http.url, code: http.code } satisfies FromWorker)
} catch (e) {
  const err = e as NodeJS.ErrnoException
  port.postMessage({ type: 'failed', error: err.code ?? err.message } satisfies FromWorker)
}
