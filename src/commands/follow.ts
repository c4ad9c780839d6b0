// `bocker-learn follow URL`: a teacher's run (served with --serve) in this terminal, with the same
// renderer as a run of one's own: the lesson from /lesson.json, then the run's events from /events.
// Read-only: no prompt, nothing runs here. A late joiner sees everything so far.
import kleur from 'kleur'
import { UsageError } from '../core/errors.js'
import { mirrorLesson } from '../lesson/mirror.js'
import type { Lesson } from '../lesson/types.js'
import { mirrorEvent } from '../render/mirror-events.js'
import { TerminalRenderer } from '../render/terminal/renderer.js'
import { t } from '../render/words/index.js'
import type { RunEvent } from '../run/events.js'
import { getJson, readSse } from '../serve/sse-client.js'
import type { Command } from './command.js'
import { parseFlags } from './options.js'

/** a stream that breaks is tried again this many times, a second apart, from where it broke */
const RETRIES = 5

const follow: Command = {
  usage: 'bocker-learn follow URL [--lang ja|en]',
  async run(argv, ctx) {
    const { values, positionals } = parseFlags(argv, {}, this.usage)
    if (values.help) {
      ctx.out(t(ctx.lang, 'cli.usage', { usage: this.usage }))
      return 'done'
    }
    const given = positionals[0]
    if (!given || positionals.length > 1) throw new UsageError('cli.usage', { usage: this.usage })
    const base = serverOf(given)
    let lesson: Lesson
    try {
      lesson = (await getJson(`${base}/lesson.json`)) as Lesson
      if (typeof lesson?.name !== 'string' || !Array.isArray(lesson.steps)) throw new Error('not a lesson')
    } catch (e) {
      throw new UsageError('follow.unreachable', { url: given, error: (e as Error).message })
    }
    ctx.out(t(ctx.lang, 'follow.joined', { lesson: lesson.name, url: base }))
    const mine = lesson.lang === ctx.lang ? undefined : await mirrorLesson(lesson, ctx.lang)
    if (lesson.lang !== ctx.lang && !mine) ctx.out(t(ctx.lang, 'follow.teacherLanguage', { lang: lesson.lang }))
    const renderer = new TerminalRenderer(mine ?? lesson, {
      lang: ctx.lang,
      color: kleur.enabled && process.stdout.isTTY === true,
      out: write,
      err: ctx.err,
    })
    let next = 0
    let ended = false
    let lastError = ''
    for (let attempt = 0; !ended && !ctx.signal?.aborted && attempt <= RETRIES; attempt++) {
      if (attempt > 0) await new Promise(resolve => setTimeout(resolve, 1000))
      try {
        await readSse(`${base}/events?from=${next}`, m => {
          const id = Number(m.id)
          if (Number.isSafeInteger(id) && id < next) return false
          const event = JSON.parse(m.data) as RunEvent
          next = (Number.isSafeInteger(id) ? id : next) + 1
          attempt = 0
          renderer.take(mine ? mirrorEvent(event, lesson, mine) : event)
          ended = event.type === 'run-ended'
          // the reader of our output has gone (`| head`): nothing more to show
          return ended || ctx.signal?.aborted === true
        })
        lastError = 'connection closed'
      } catch (e) {
        lastError = (e as Error).message
      }
    }
    await renderer.flush()
    if (ctx.signal?.aborted) return 'done'
    if (!ended) throw new UsageError('follow.lost', { url: base, error: lastError })
    return 'done'
  },
}

/** the server's origin from the URL the teacher shared (its page, presenter view or room) */
function serverOf(given: string): string {
  try {
    const u = new URL(given)
    if (u.protocol === 'http:' && u.username === '' && u.password === '') return u.origin
  } catch {
    /* said below */
  }
  throw new UsageError('follow.badUrl', { url: given })
}

function write(text: string): void {
  try {
    process.stdout.write(text)
  } catch {
    /* the reader has gone */
  }
}

export default follow
