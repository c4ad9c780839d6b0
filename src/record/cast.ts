// --record FILE.cast: what the terminal showed, as an asciicast v2 file (header line, then
// [seconds, "o", text] lines), written as it happens: a run that ends abruptly leaves a file that plays
// up to that moment.
import { closeSync, fstatSync, ftruncateSync, openSync, writeSync } from 'node:fs'

export interface CastSize {
  width: number
  height: number
  title: string
}

export class CastRecorder {
  private fd: number | undefined
  private readonly started = performance.now()
  /** bytes of whole lines in the file: a line cut short by a full disk is cut off there */
  private size = 0
  /** a surrogate pair's first half at the end of a write waits for its second half */
  private pendingHigh = ''

  /**
   * `path` is created or emptied. A write that fails (a full disk, the file removed) stops the
   * recording, not the run: `failed` is told once, and every later write is ignored.
   */
  constructor(
    private readonly path: string,
    size: CastSize,
    private readonly failed: (error: string) => void,
  ) {
    try {
      this.fd = openSync(path, 'w')
    } catch (e) {
      this.stop((e as Error).message)
      return
    }
    this.line(castHeader(size, Math.floor(Date.now() / 1000), process.env))
  }

  write(text: string): void {
    if (this.fd === undefined) return
    let data = this.pendingHigh + text
    this.pendingHigh = ''
    if (/[\ud800-\udbff]$/.test(data)) {
      this.pendingHigh = data.slice(-1)
      data = data.slice(0, -1)
    }
    if (data === '') return
    this.line(castEvent(this.seconds(), data))
  }

  private seconds(): number {
    return (performance.now() - this.started) / 1000
  }

  close(): void {
    // a first half that never got its second is said as U+FFFD
    if (this.pendingHigh !== '') this.line(castEvent(this.seconds(), this.pendingHigh))
    this.pendingHigh = ''
    const fd = this.fd
    this.fd = undefined
    try {
      if (fd !== undefined) closeSync(fd)
    } catch {
      /* closed already */
    }
  }

  private line(json: string): void {
    const fd = this.fd
    if (fd === undefined) return
    const bytes = Buffer.from(`${json}\n`)
    try {
      // a file removed (or its folder) takes writes without complaint: they would be lost
      if (fstatSync(fd).nlink === 0) throw new Error(`ENOENT: ${this.path} was removed while recording`)
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done)
      this.size += bytes.length
    } catch (e) {
      try {
        ftruncateSync(fd, this.size)
      } catch {
        /* the file keeps a cut line: players stop there */
      }
      this.stop((e as Error).message)
    }
  }

  private stop(error: string): void {
    this.close()
    this.failed(error)
  }
}

/** the first line: the terminal's size, when, and what it was */
export function castHeader(size: CastSize, timestamp: number, env: NodeJS.ProcessEnv): string {
  const cells = (n: number, fallback: number): number => (Number.isInteger(n) && n > 0 ? n : fallback)
  const terminal: Record<string, string> = {}
  for (const name of ['TERM', 'SHELL'] as const) if (env[name]) terminal[name] = env[name]
  return JSON.stringify({
    version: 2,
    width: cells(size.width, 80),
    height: cells(size.height, 24),
    timestamp,
    title: size.title,
    env: terminal,
  })
}

/**
 * One output event. A terminal turns "\n" into "\r\n" on its way out (onlcr); `asciinema play` puts
 * the terminal in raw mode, so the file must carry the "\r" itself or lines would stair-step.
 * A lone surrogate becomes U+FFFD: JSON would take it, but it is no UTF-8 and players choke on it.
 */
export function castEvent(seconds: number, text: string): string {
  const data = text.replace(/\r?\n/g, '\r\n').replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
  return `[${seconds.toFixed(6)}, "o", ${JSON.stringify(data)}]`
}

// without a `failed` from the caller: said on stderr in the run's language (main.js is loaded by then)
