// The teacher's run as the server keeps it: every event (for `follow`), and the page's fragments (for
// browsers). take() stores, writes to the readers' buffers and returns; nothing here is ever awaited
// by the run, and nothing a reader does can make it throw.
import type { Lang } from '../core/context.js'
import { applyFragment, type Fragment } from '../html/fragment.js'
import { HtmlRenderer } from '../html/renderer.js'
import type { Lesson } from '../lesson/types.js'
import type { Renderer, RunEvent } from '../run/events.js'
import { SseChannel, sseMessage } from './sse.js'

export class RunFeed implements Renderer {
  /** each event as a JSON line, with `ms` since the run began (as --events writes it) */
  private readonly events: string[] = []
  private readonly fragments: Fragment[] = []
  private readonly fragmentLines: string[] = []
  readonly eventReaders = new SseChannel()
  readonly pageReaders = new SseChannel()
  private readonly html: HtmlRenderer | undefined
  private readonly started = performance.now()
  /** the page so far, applied up to `applied` fragments (lazily: only when a page is asked for) */
  private body = ''
  private applied = 0
  ended = false

  constructor(lesson: Lesson, lang: Lang) {
    let html: HtmlRenderer | undefined
    try {
      html = new HtmlRenderer(lesson, lang, f => this.fragment(f))
    } catch {
      // no page, but `follow` still works
    }
    this.html = html
  }

  take(event: RunEvent): void {
    this.takeAt(event, Math.round(performance.now() - this.started), Date.now())
  }

  /**
   * An event the run took `ms` after it began, at `at` (Date.now() in the run's thread). The page's
   * data-ms must say when the run took the event, not when it reached this thread: the renderer
   * reads the clock as it takes an event, so the clock says `at` meanwhile.
   */
  takeAt(event: RunEvent, ms: number, at: number): void {
    const line = JSON.stringify({ ms, ...event })
    this.events.push(line)
    this.eventReaders.send(sseMessage(this.events.length - 1, line))
    if (event.type === 'run-ended') this.ended = true
    const now = Date.now
    Date.now = () => at
    try {
      this.html?.take(event)
    } catch {
      // a page that cannot show an event must not stop the rest
    } finally {
      Date.now = now
    }
  }

  /** the run never waits for its followers */
  async flush(): Promise<void> {}

  private fragment(f: Fragment): void {
    const seq = this.fragments.length
    const own = f.seq === seq ? f : { ...f, seq }
    const line = JSON.stringify(own)
    this.fragments.push(own)
    this.fragmentLines.push(line)
    this.pageReaders.send(sseMessage(seq, line))
  }

  get nextSeq(): number {
    return this.fragments.length
  }

  /** the page's main content as it is now (what a late joiner gets before the stream) */
  page(): { body: string; nextSeq: number } {
    for (; this.applied < this.fragments.length; this.applied++) this.body = applyFragment(this.body, this.fragments[this.applied]!)
    return { body: this.body, nextSeq: this.applied }
  }

  eventsFrom(from: number): string {
    let out = ''
    for (let i = from; i < this.events.length; i++) out += sseMessage(i, this.events[i]!)
    return out
  }

  fragmentsFrom(from: number): string {
    let out = ''
    for (let i = from; i < this.fragmentLines.length; i++) out += sseMessage(i, this.fragmentLines[i]!)
    return out
  }

  close(): void {
    this.eventReaders.close()
    this.pageReaders.close()
  }
}
