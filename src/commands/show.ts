import kleur from 'kleur'
import { UsageError } from '../core/errors.js'
import { findLesson } from '../lesson/catalog.js'
import { readLesson } from '../lesson/read.js'
import { renderMarkdown } from '../render/markdown.js'
import { terminalWidth } from '../render/width.js'
import { t } from '../render/words/index.js'
import type { Command } from './command.js'
import { parseFlags } from './options.js'

const show: Command = {
  usage: 'bocker-learn show <lesson> [--lang ja|en]',
  async run(argv, ctx) {
    const { values, positionals } = parseFlags(argv, {}, this.usage)
    if (values.help) {
      ctx.out(t(ctx.lang, 'cli.usage', { usage: this.usage }))
      return 'done'
    }
    if (!positionals[0]) throw new UsageError('cli.whichLesson', { usage: this.usage })
    const lesson = await readLesson(findLesson(positionals[0], ctx.lang))
    const opts = { width: terminalWidth(), color: kleur.enabled && process.stdout.isTTY === true, lang: ctx.lang }
    for (const l of await renderMarkdown(lesson.intro, opts)) ctx.out(l)
    for (const [i, step] of lesson.steps.entries()) {
      ctx.out('')
      ctx.out(
        `== ${t(ctx.lang, 'step.header', { n: i + 1, total: lesson.steps.length, id: step.id })}${step.when ? ` (${step.when})` : ''}`,
      )
      for (const l of await renderMarkdown(step.tokens, opts)) ctx.out(l)
    }
    return 'done'
  },
}
export default show
