// Where a run's events go besides the terminal: --events FILE (JSON lines), --record FILE.cast (what
// the terminal showed, as asciicast v2), --serve [ADDR:]PORT (followers in a browser or a terminal,
// and the room's reports; --stuck-after SECONDS tunes the room), --report URL --name NAME (this learner's progress, to the teacher's server).
// Every one is checked before anything runs; none of them can stop or slow the lesson.
import { accessSync, constants, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { Context } from '../core/context.js'
import { UsageError } from '../core/errors.js'
import type { Lesson } from '../lesson/types.js'
import { CastRecorder } from '../record/cast.js'
import { EventsFile } from '../render/events-file.js'
import { t } from '../render/words/index.js'
import type { Renderer } from '../run/events.js'
import { parseListen, parseReportTarget, parseStuckAfter } from '../serve/address.js'
import { Reporter } from '../serve/reporter.js'
import { type Serving, startServer } from '../serve/server.js'

export interface OutputFlags {
  events?: string
  record?: string
  serve?: string
  report?: string
  name?: string
  stuckAfter?: string
}

export interface Outputs {
  /** what the terminal renderer writes with */
  out: (text: string) => void
  err: (line: string) => void
  renderers: Renderer[]
  /** after the run: the recording closed; a server keeps serving until Ctrl-C */
  finish: () => Promise<void>
}

/** the flags' values checked, before anything runs (one-line errors, exit 2) */
export function checkOutputs(f: OutputFlags): void {
  if (f.events !== undefined) writablePath(f.events, 'run.eventsPath')
  if (f.record !== undefined) writablePath(f.record, 'run.recordPath')
  if (f.serve !== undefined) parseListen(f.serve)
  if (f.stuckAfter !== undefined && f.serve === undefined) throw new UsageError('serve.stuckAfterNeedsServe')
  if (f.stuckAfter !== undefined) parseStuckAfter(f.stuckAfter)
  if ((f.report === undefined) !== (f.name === undefined)) throw new UsageError('run.reportNeedsName')
  if (f.report !== undefined) parseReportTarget(f.report, f.name!)
}

export async function openOutputs(f: OutputFlags, lesson: Lesson, ctx: Context, write: (text: string) => void): Promise<Outputs> {
  const renderers: Renderer[] = []
  const closing: Array<() => Promise<void>> = []
  if (f.events !== undefined) {
    const path = resolve(f.events)
    renderers.push(new EventsFile(path, error => ctx.err(t(ctx.lang, 'run.eventsFailed', { path, error }))))
  }
  if (f.record !== undefined) {
    const path = resolve(f.record)
    // the terminal's own width (the renderer wraps prose at most at 100, command output is as wide as it is)
    const size = { width: process.stdout.columns || 80, height: process.stdout.rows || 24, title: lesson.name }
    const cast = new CastRecorder(path, size, error => ctx.err(t(ctx.lang, 'run.recordFailed', { path, error })))
    // everything this process writes to the terminal, the questions and menus included; a child that
    // owns the terminal (a tty step, a learner's shell) writes past us and is not in the recording
    const untee = [tee(process.stdout, cast), tee(process.stderr, cast)]
    closing.push(async () => {
      for (const u of untee) u()
      cast.close()
    })
  }
  if (f.report !== undefined) {
    const target = parseReportTarget(f.report, f.name!)
    const refused = (status: number): void => ctx.err(t(ctx.lang, 'report.refused', { status, url: f.report! }))
    renderers.push(new Reporter({ ...target, lesson: lesson.name, refused }))
  }
  let serving: Serving | undefined
  if (f.serve !== undefined) {
    const stuckAfterMs = f.stuckAfter === undefined ? undefined : parseStuckAfter(f.stuckAfter)
    serving = await startServer({ listen: parseListen(f.serve), lesson, lang: ctx.lang, stuckAfterMs })
    renderers.push(serving.renderer)
    ctx.out(t(ctx.lang, 'serve.started', { url: serving.url, code: serving.code }))
    const page = (path: string): string => serving!.url.replace(/\/\?/, `${path}?`)
    ctx.out(t(ctx.lang, 'serve.pages', { presenter: page('/presenter'), room: page('/room') }))
  }
  return {
    out: write,
    err: ctx.err,
    renderers,
    finish: async () => {
      for (const c of closing) await c()
      if (serving) {
        ctx.out(t(ctx.lang, 'serve.stillServing', { url: serving.url }))
        await serving.untilStopped
      }
    },
  }
}

function tee(stream: NodeJS.WriteStream, cast: CastRecorder): () => void {
  const original = stream.write.bind(stream)
  stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    cast.write(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
    return (original as (...a: unknown[]) => boolean)(chunk, ...rest)
  }) as typeof stream.write
  return () => {
    stream.write = original
  }
}

/** FILE's folder must exist and be writable, and FILE must not be a folder */
function writablePath(path: string, key: 'run.eventsPath' | 'run.recordPath'): string {
  const file = resolve(path)
  let isDir = false
  try {
    isDir = statSync(file).isDirectory()
  } catch {
    /* a new file */
  }
  try {
    accessSync(dirname(file), constants.W_OK)
  } catch {
    throw new UsageError(key, { path })
  }
  if (isDir) throw new UsageError(key, { path })
  return file
}
