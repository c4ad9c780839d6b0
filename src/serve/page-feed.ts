// One language's page of the teacher's run: its HTML renderer, the fragments it made, and the
// browsers reading them. A late joiner gets the page as assembled so far, then the stream.
import type { Lang } from '../core/context.js'
import { applyFragment, type Fragment } from '../html/fragment.js'
import { HtmlRenderer } from '../html/renderer.js'
import type { Lesson } from '../lesson/types.js'
import type { RunEvent } from '../run/events.js'
import { SseChannel, sseMessage } from './sse.js'

export class PageFeed {
  private readonly fragments: Fragment[] = []
  private readonly lines: string[] = []
  readonly readers = new SseChannel()
  private readonly html: HtmlRenderer | undefined
  /** the page so far, applied up to `applied` fragments (lazily: only when a page is asked for) */
  private body = ''
  private applied = 0

  constructor(lesson: Lesson, lang: Lang) {
    let html: HtmlRenderer | undefined
    try {
      html = new HtmlRenderer(lesson, lang, f => this.fragment(f))
    } catch {
      // no page, but `follow` still works
    }
    this.html = html
  }

  /**
   * The page's data-ms must say when the run took the event (`at`, Date.now() in the run's thread),
   * not when it reached this thread: the renderer reads the clock as it takes an event.
   */
  take(event: RunEvent, at: number): void {
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

  private fragment(f: Fragment): void {
    const seq = this.fragments.length
    const own = f.seq === seq ? f : { ...f, seq }
    const line = JSON.stringify(own)
    this.fragments.push(own)
    this.lines.push(line)
    this.readers.send(sseMessage(seq, line))
  }

  /** the page's main content as it is now (what a late joiner gets before the stream) */
  page(): { body: string; nextSeq: number } {
    for (; this.applied < this.fragments.length; this.applied++) this.body = applyFragment(this.body, this.fragments[this.applied]!)
    return { body: this.body, nextSeq: this.applied }
  }

  fragmentsFrom(from: number): string {
    let out = ''
    for (let i = from; i < this.lines.length; i++) out += sseMessage(i, this.lines[i]!)
    return out
  }
}
