// --events FILE: every event of a run as one JSON line, with the milliseconds since the run began
// (docs/events.md). Written as it happens, so a follower can read the file while the run goes on.
import { closeSync, openSync, writeSync } from 'node:fs'
import type { Renderer, RunEvent } from '../run/events.js'

export class EventsFile implements Renderer {
  private fd: number | undefined
  private readonly started = performance.now()

  /**
   * `path` is created or emptied. A write that fails (a full disk, a reader gone) stops the file, not
   * the run: `failed` is told once, and the run goes on to its teardown.
   */
  constructor(
    path: string,
    private readonly failed: (error: string) => void,
  ) {
    this.fd = openSync(path, 'w')
  }

  take(event: RunEvent): void {
    if (this.fd === undefined) return
    try {
      writeSync(this.fd, `${JSON.stringify({ ms: Math.round(performance.now() - this.started), ...event })}\n`)
      if (event.type === 'run-ended') this.close()
    } catch (e) {
      this.close()
      this.failed((e as Error).message)
    }
  }

  async flush(): Promise<void> {}

  private close(): void {
    const fd = this.fd
    this.fd = undefined
    try {
      if (fd !== undefined) closeSync(fd)
    } catch {
      /* closed already */
    }
  }
}
