// `bocker-learn export LESSON --html DIR [--from-events FILE]`: a static handout, DIR/index.html. With
// the events of a real run (`run --events FILE`), the run's outputs, changes, pictures and claims,
// replayed through the same HTML renderer the live page uses. Nothing runs; a bad events file writes nothing.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { UsageError } from '../core/errors.js'
import { assemble, type Fragment } from '../html/fragment.js'
import { lessonHtml } from '../html/lesson-html.js'
import { htmlPage } from '../html/page.js'
import { HtmlRenderer } from '../html/renderer.js'
import { findLesson } from '../lesson/catalog.js'
import { readLesson } from '../lesson/read.js'
import type { Lesson } from '../lesson/types.js'
import { t } from '../render/words/index.js'
import type { RunEvent } from '../run/events.js'
import type { Command } from './command.js'
import { parseFlags } from './options.js'

const USAGE = 'bocker-learn export <lesson> --html DIR [--from-events FILE] [--lang ja|en]'

/** the JSON lines of `run --events`: each an object with a type; one of them the run's start */
export function readEvents(path: string): RunEvent[] {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    throw new UsageError('export.cannotRead', { path, error: (e as NodeJS.ErrnoException).code ?? String(e) })
  }
  const events: RunEvent[] = []
  const lines = text.split('\n')
  for (const [i, line] of lines.entries()) {
    if (!line.trim()) continue
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (e) {
      throw new UsageError('export.badEvents', { path, line: i + 1, problem: (e as Error).message.split('\n')[0]! })
    }
    if (!value || typeof value !== 'object' || Array.isArray(value) || typeof (value as { type?: unknown }).type !== 'string')
      throw new UsageError('export.badEvents', { path, line: i + 1, problem: 'no "type"' })
    events.push(value as RunEvent)
  }
  if (!events.some(e => e.type === 'run-started')) throw new UsageError('export.badEvents', { path, line: 1, problem: 'no "run-started"' })
  return events
}

/** the handout's body: the events replayed through the HTML renderer and assembled */
export async function replayHtml(lesson: Lesson, lang: 'ja' | 'en', events: RunEvent[]): Promise<string> {
  const fragments: Fragment[] = []
  const renderer = new HtmlRenderer(lesson, lang, f => fragments.push(f))
  for (const e of events) renderer.take(e)
  await renderer.flush()
  return assemble(fragments)
}

function checkDir(dir: string): void {
  try {
    if (!statSync(dir).isDirectory()) throw new UsageError('export.notDir', { path: dir })
  } catch (e) {
    if (e instanceof UsageError) throw e
    /* missing: made below */
  }
}

const exportCommand: Command = {
  usage: USAGE,
  async run(argv, ctx) {
    const { values, positionals } = parseFlags(argv, { html: { type: 'string' }, 'from-events': { type: 'string' } }, USAGE)
    if (values.help) {
      ctx.out(t(ctx.lang, 'cli.usage', { usage: USAGE }))
      return 'done'
    }
    const eventsPath = values['from-events'] === undefined ? undefined : resolve(values['from-events'])
    const events = eventsPath === undefined ? undefined : readEvents(eventsPath)
    const started = events?.find(e => e.type === 'run-started')
    const name = positionals[0] ?? started?.lesson
    if (!name) throw new UsageError('cli.whichLesson', { usage: USAGE })
    if (values.html === undefined) throw new UsageError('export.usage', { usage: USAGE })
    const dir = resolve(values.html)
    checkDir(dir)
    const lesson = await readLesson(findLesson(name, ctx.lang))
    if (started && started.lesson !== lesson.name)
      throw new UsageError('export.otherLesson', { path: eventsPath!, other: started.lesson, lesson: lesson.name })
    const body = events ? await replayHtml(lesson, ctx.lang, events) : await lessonHtml(lesson, ctx.lang)
    const page = htmlPage({ lang: ctx.lang, title: `${lesson.name} — ${t(ctx.lang, 'html.handout')}`, body, view: 'handout' })
    const file = join(dir, 'index.html')
    try {
      mkdirSync(dir, { recursive: true })
      writeFileSync(file, page)
    } catch (e) {
      throw new UsageError('export.cannotWrite', { path: dir, error: (e as NodeJS.ErrnoException).code ?? String(e) })
    }
    ctx.out(t(ctx.lang, 'export.written', { path: file }))
    return 'done'
  },
}
export default exportCommand
