// `bocker-learn course`: the lessons in course order, each a `run` that keeps what it makes for the
// next one; it starts at the first lesson not finished on this machine (after a reboot, the next day).
import { isatty } from 'node:tty'
import { UsageError } from '../core/errors.js'
import type { Outcome } from '../core/outcome.js'
import { courseOrder } from '../course/order.js'
import { readProgress } from '../course/progress.js'
import { lessonNames } from '../lesson/catalog.js'
import { loadEnquirer, yesNo } from '../render/terminal/prompts.js'
import { t } from '../render/words/index.js'
import type { Command } from './command.js'
import { COMMANDS } from './index.js'
import { parseFlags } from './options.js'

const usage = 'sudo bocker-learn course [--yes] [--from LESSON] [--lang ja|en]'

const course: Command = {
  usage,
  async run(argv, ctx) {
    const { values: v } = parseFlags(argv, { yes: { type: 'boolean', short: 'y' }, from: { type: 'string' } }, usage)
    if (v.help) {
      ctx.out(t(ctx.lang, 'cli.usage', { usage }))
      return 'done'
    }
    const names = lessonNames()
    const order = courseOrder().filter(n => names.includes(n))
    if (v.from !== undefined && !order.includes(v.from)) throw new UsageError('course.badFrom', { from: v.from, lessons: order.join(', ') })
    if (!v.yes && !(isatty(0) && isatty(1))) throw new UsageError('run.noTerminal')
    const finished = readProgress().finished
    const start = v.from !== undefined ? order.indexOf(v.from) : order.findIndex(n => !finished[n])
    if (start < 0) {
      ctx.out(t(ctx.lang, 'list.allDone', { total: order.length }))
      return 'done'
    }
    const run = (await COMMANDS.run!.load()).default
    for (let i = start; i < order.length; i++) {
      const name = order[i]!
      if (i > start && !v.yes && !(await goOn(ctx.lang, name))) {
        ctx.out(t(ctx.lang, 'course.paused', { next: name }))
        return 'done'
      }
      ctx.out('')
      ctx.out(t(ctx.lang, 'course.lesson', { n: i + 1, total: order.length, name }))
      const outcome: Outcome = await run.run(['--course', ...(v.yes ? ['--yes'] : []), name], ctx)
      if (outcome !== 'done') {
        ctx.err(t(ctx.lang, 'course.stopped', { name }))
        return outcome
      }
    }
    ctx.out(t(ctx.lang, 'course.finished', { total: order.length }))
    return 'done'
  },
}

async function goOn(lang: 'ja' | 'en', next: string): Promise<boolean> {
  const E = await loadEnquirer()
  try {
    return Boolean(
      await new E.Confirm({ name: 'next', message: t(lang, 'course.next', { next }), initial: true, format: yesNo(lang) }).run(),
    )
  } catch {
    return false
  }
}
export default course
