// --serve: the teacher's run, read-only, for followers (browser page, presenter view, `follow`), and
// the room (learners' reports). The server runs in a worker thread (worker.ts, http.ts): the run's
// take() only posts the event there, so followers and reporters never take the lesson's time.
import { Worker } from 'node:worker_threads'
import { UsageError } from '../core/errors.js'
import { ownSignals } from '../core/signal-owners.js'
import type { Renderer, RunEvent } from '../run/events.js'
import type { ServeOptions } from './http.js'
import type { FromWorker, ToWorker } from './worker.js'

export interface Serving {
  /** takes the run's events */
  renderer: Renderer
  url: string
  code: string
  stop: () => Promise<void>
  /** resolves when the server stopped (Ctrl-C, SIGTERM) */
  untilStopped: Promise<void>
}

const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']

export async function startServer(o: ServeOptions): Promise<Serving> {
  const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: o })
  const first = await new Promise<FromWorker>((resolve, reject) => {
    worker.once('message', resolve)
    worker.once('error', reject)
    worker.once('exit', code => reject(new Error(`exit ${code}`)))
  }).catch((e: Error): FromWorker => ({ type: 'failed', error: e.message }))
  worker.removeAllListeners()
  if (first.type === 'failed') {
    await worker.terminate()
    throw new UsageError('serve.listenFailed', { address: `${o.listen.host}:${o.listen.port}`, error: first.error })
  }
  // a server that fails later is gone; the run goes on
  worker.on('error', () => undefined)
  let gone = false
  const exited = new Promise<void>(resolve =>
    worker.once('exit', () => {
      gone = true
      resolve()
    }),
  )
  // until the run is over (untilStopped asked for), the server must not keep a crashed run's process alive
  worker.unref()
  let holding = false
  let release = (): void => {}
  const started = performance.now()
  const post = (m: ToWorker): void => {
    if (gone) return
    try {
      worker.postMessage(m)
    } catch {
      /* an event the page cannot have is not worth the run */
    }
  }
  const renderer: Renderer = {
    take: (event: RunEvent) => post({ type: 'event', event, ms: Math.round(performance.now() - started), at: Date.now() }),
    // the run never waits for its followers
    flush: async () => {},
  }

  const onSignal = (): void => void stop()
  let stopping: Promise<void> | undefined
  const stop = async (): Promise<void> => {
    stopping ??= (async () => {
      for (const s of STOP_SIGNALS) process.off(s, onSignal)
      release()
      post({ type: 'stop' })
      const late = setTimeout(() => void worker.terminate(), 2000)
      await exited
      clearTimeout(late)
    })()
    await stopping
  }
  return {
    renderer,
    url: first.url,
    code: first.code,
    stop,
    // asked for once the run is over: from then on the server holds the process, until a signal
    get untilStopped(): Promise<void> {
      if (!holding && !stopping) {
        holding = true
        worker.ref()
        for (const s of STOP_SIGNALS) process.on(s, onSignal)
        release = ownSignals()
      }
      return stopping ?? exited
    },
  }
}
