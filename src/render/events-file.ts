// --events FILE: every event of a run as one JSON line, with the milliseconds since the run began
// (docs/events.md). Written as it happens, so a follower can read the file while the run goes on.
import { closeSync, openSync, writeSync } from 'node:fs'
import type { Renderer, RunEvent } from '../run/events.js'

export class EventsFile implements Renderer {
  private readonly fd: number
  private readonly started = performance.now()

  /** `path` is created or truncated; '-' is not special (use /dev/stdout for that) */
  constructor(path: string) {
    this.fd = openSync(path, 'w')
  }

  take(event: RunEvent): void {
    const ms = Math.round(performance.now() - this.started)
    writeSync(this.fd, JSON.stringify({ ms, ...event }) + '\n')
    if (event.type === 'run-ended') closeSync(this.fd)
  }

  async flush(): Promise<void> {}
}
