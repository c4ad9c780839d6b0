// The teacher's run as the server keeps it: every event (for `follow`), and the page's fragments (for
// browsers), in the teacher's language and, when asked for, in the lesson's mirror. take() stores,
// writes to the readers' buffers and returns; nothing here is ever awaited by the run, and nothing
// a reader does can make it throw.
import type { Lang } from '../core/context.js'
import type { Lesson } from '../lesson/types.js'
import { mirrorEvent } from '../render/mirror-events.js'
import type { Renderer, RunEvent } from '../run/events.js'
import { PageFeed } from './page-feed.js'
import { SseChannel, sseMessage } from './sse.js'

export class RunFeed implements Renderer {
  /** each event as a JSON line, with `ms` since the run began (as --events writes it) */
  private readonly events: string[] = []
  /** each event as taken, until the page in the other language is made from them */
  private taken: Array<{ event: RunEvent; at: number }> = []
  readonly eventReaders = new SseChannel()
  private readonly pages = new Map<Lang, PageFeed>()
  private readonly started = performance.now()
  ended = false

  /** `mirror`: the lesson in the other language, whose page is made on the first request for it */
  constructor(
    private readonly lesson: Lesson,
    private readonly lang: Lang,
    private readonly mirror?: Lesson,
  ) {
    this.pages.set(lang, new PageFeed(lesson, lang))
  }

  take(event: RunEvent): void {
    this.takeAt(event, Math.round(performance.now() - this.started), Date.now())
  }

  /** an event the run took `ms` after it began, at `at` (Date.now() in the run's thread) */
  takeAt(event: RunEvent, ms: number, at: number): void {
    const line = JSON.stringify({ ms, ...event })
    this.events.push(line)
    if (this.mirror && !this.pages.has(this.mirror.lang as Lang)) this.taken.push({ event, at })
    this.eventReaders.send(sseMessage(this.events.length - 1, line))
    if (event.type === 'run-ended') this.ended = true
    for (const [lang, page] of this.pages) page.take(this.inLanguage(event, lang), at)
  }

  /** the run never waits for its followers */
  async flush(): Promise<void> {}

  /** the languages a page can be had in: the teacher's first */
  get langs(): Lang[] {
    return this.mirror ? [this.lang, this.mirror.lang as Lang] : [this.lang]
  }

  /** the page in `lang` (the teacher's when there is no mirror in it) */
  pageIn(lang: Lang | undefined): PageFeed {
    const made = this.pages.get(lang ?? this.lang)
    if (made) return made
    if (!this.mirror || lang !== this.mirror.lang) return this.pages.get(this.lang)!
    const page = new PageFeed(this.mirror, lang)
    for (const { event, at } of this.taken.splice(0)) page.take(this.inLanguage(event, lang), at)
    this.pages.set(lang, page)
    return page
  }

  private inLanguage(event: RunEvent, lang: Lang): RunEvent {
    return lang === this.lang || !this.mirror ? event : mirrorEvent(event, this.lesson, this.mirror)
  }

  get pageReaders(): SseChannel {
    return this.pageIn(this.lang).readers
  }

  eventsFrom(from: number): string {
    let out = ''
    for (let i = from; i < this.events.length; i++) out += sseMessage(i, this.events[i]!)
    return out
  }

  close(): void {
    this.eventReaders.close()
    for (const page of this.pages.values()) page.readers.close()
  }
}
