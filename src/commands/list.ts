import { findLesson, lessonNames, lessonSummary } from '../lesson/catalog.js'
import { t } from '../render/words/index.js'
import type { Command } from './command.js'
import { parseFlags } from './options.js'

const list: Command = {
  usage: 'bocker-learn list [--lang ja|en]',
  async run(argv, ctx) {
    const { values } = parseFlags(argv, {}, this.usage)
    if (values.help) {
      ctx.out(t(ctx.lang, 'cli.usage', { usage: this.usage }))
      return 'done'
    }
    for (const name of lessonNames()) {
      const ref = findLesson(name, ctx.lang)
      ctx.out(
        `${name.padEnd(16)} ${lessonSummary(ref)}${ref.lang !== ctx.lang ? ` ${t(ctx.lang, 'cli.otherLang', { lang: ref.lang })}` : ''}`,
      )
    }
    return 'done'
  },
}
export default list
