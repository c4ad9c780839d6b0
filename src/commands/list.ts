import { lessonNames, findLesson, lessonSummary } from '../lesson/catalog.js'
import type { Command } from './command.js'
import { parseFlags } from './options.js'

const list: Command = {
  usage: 'bocker-learn list [--lang ja|en]',
  async run (argv, ctx) {
    const { values } = parseFlags(argv, {}, this.usage)
    if (values.help) { ctx.out(`usage: ${this.usage}`); return 0 }
    for (const name of lessonNames()) {
      const ref = findLesson(name, ctx.lang)
      ctx.out(`${name.padEnd(16)} ${lessonSummary(ref)}${ref.lang !== ctx.lang ? ` (${ref.lang})` : ''}`)
    }
    return 0
  }
}
export default list
